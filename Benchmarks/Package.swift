// swift-tools-version: 6.1
// The benchmarks of mimekit: a package of its own, so the root package never depends on
// ordo-one/benchmark. Run from this folder:
//
//     python3 generate-corpus.py                    # writes data/ (once)
//     swift package benchmark                       # the ordo-one/benchmark suite
//     swift package benchmark thresholds check      # against Thresholds/
//     ./compare.sh                                  # side by side with GMime, Python, memchr
import PackageDescription

let package = Package(
    name: "mimekit-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "mimekit", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Finding and loading the generated inputs; shared by the suite and mimekit-bench.
        .target(
            name: "BenchmarkInputs",
            dependencies: [.product(name: "MIMEKit", package: "mimekit")]
        ),

        // A plain executable that prints MB/s for what `mimekit` has no mode for (the event
        // layer alone, the decoders alone); compare.sh runs it.
        .executableTarget(
            name: "mimekit-bench",
            dependencies: ["BenchmarkInputs", .product(name: "MIMEKit", package: "mimekit")]
        ),

        // The ordo-one/benchmark suite: wall clock, throughput and malloc counts, with thresholds.
        .executableTarget(
            name: "MIMEKitBenchmarks",
            dependencies: [
                "BenchmarkInputs",
                .product(name: "MIMEKit", package: "mimekit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MIMEKitBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

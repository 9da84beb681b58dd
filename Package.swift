// swift-tools-version: 6.2
// 6.2, not lower: from 6.2 SwiftPM accepts `unsafeFlags` in a package used as a versioned
// dependency (MIMEKitSIMD's `-mavx2`, CMIMELibraryLoader's `-gdwarf-4`); older tools refuse it.
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// AVX2 for the base64 kernel alone, on x86-64: MIMEKit calls it only on a CPU that has AVX2.
// Elsewhere the module builds without the flag and is never called.
#if arch(x86_64)
let vectorSettings = settings + [SwiftSetting.unsafeFlags(["-Xcc", "-mavx2"])]
#else
let vectorSettings = settings
#endif

let package = Package(
    name: "mimekit",
    products: [
        .library(name: "MIMEKit", targets: ["MIMEKit"]),
        .executable(name: "mimekit", targets: ["mimekit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The core: parser, tree, decoders, writer. No C library beyond the system libc.
        .target(name: "MIMEKit", dependencies: ["MIMEKitSIMD"], swiftSettings: settings),

        // The AVX2 base64 kernel, alone in its module so no other code gets AVX2 instructions.
        .target(name: "MIMEKitSIMD", swiftSettings: vectorSettings),

        // OpenSSL 3's headers (libssl-dev), reached only through `private import`. Not linked:
        // CMIMELibraryLoader loads libcrypto on the first call of one of its functions.
        .systemLibrary(name: "CMIMEOpenSSL"),

        // Stubs for the libcrypto and GPGME functions mimekit calls, which load each library on
        // first use, so that commands which never call them do not pay for loading them.
        // DWARF 4: the valgrind of Debian 12 (3.19) cannot read the DWARF 5 clang writes.
        .target(name: "CMIMELibraryLoader", cSettings: [.unsafeFlags(["-gdwarf-4"])]),

        // The vocabulary both crypto plugins share: signature and decryption results, errors.
        .target(name: "MIMECrypto", dependencies: ["MIMEKit"], swiftSettings: settings),

        // S/MIME on OpenSSL 3 CMS: inspect, verify, decrypt, sign, encrypt.
        .target(
            name: "MIMESMIME",
            dependencies: ["MIMECrypto", "MIMEKit", "CMIMEOpenSSL", "CMIMELibraryLoader"],
            swiftSettings: settings
        ),

        // GPGME's headers (libgpgme-dev), imported `internal` by MIMEOpenPGP only: no GPGME type is
        // public. Not linked: CMIMELibraryLoader loads it on first use.
        .systemLibrary(name: "CMIMEGPGME"),

        // OpenPGP: a pure-Swift packet reader, and GnuPG through GPGME.
        .target(name: "MIMEOpenPGP", dependencies: ["MIMECrypto", "MIMEKit", "CMIMEGPGME", "CMIMELibraryLoader"], swiftSettings: settings),

        // EFAIL and signature-spoofing rules over the tree and the key-free crypto readers.
        .target(
            name: "MIMEScan",
            dependencies: ["MIMEKit", "MIMECrypto", "MIMESMIME", "MIMEOpenPGP"],
            swiftSettings: settings
        ),

        // The command line: one subcommand a file.
        .target(
            name: "MIMEKitCLI",
            dependencies: [
                "MIMEKit",
                "MIMECrypto",
                "MIMESMIME",
                "MIMEOpenPGP",
                "MIMEScan",
                "CMIMEOpenSSL",
                "CMIMELibraryLoader",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(name: "mimekit", dependencies: ["MIMEKitCLI"], swiftSettings: settings),

        .testTarget(name: "MIMEKitTests", dependencies: ["MIMEKit"], swiftSettings: settings),
        .testTarget(
            name: "MIMEKitCLITests",
            dependencies: ["MIMEKitCLI", "MIMEKit", "MIMECrypto", "MIMESMIME", "MIMEOpenPGP"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "MIMEOpenPGPTests",
            dependencies: ["MIMEOpenPGP", "MIMECrypto", "MIMEKit"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "MIMEScanTests",
            dependencies: ["MIMEScan", "MIMEKit", "MIMESMIME", "MIMEOpenPGP"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "MIMESMIMETests",
            dependencies: ["MIMESMIME", "MIMECrypto", "MIMEKit"],
            swiftSettings: settings
        ),
    ]
)

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import MIMEKit

/// One of the files `generate-corpus.py` writes into `Benchmarks/data/`.
public enum BenchmarkInput: String, CaseIterable, Sendable {
    /// ~300 MB: text, HTML, nested multiparts, attachments mostly small, a few large.
    case mixed = "mixed.mbox"
    /// ~100 MB of small messages only: the per-message cost.
    case small = "small.mbox"
    /// One message with a 64 MiB base64 attachment: the per-byte cost.
    case large = "large.eml"
    /// 1,000 messages of one structure.
    case scale1x = "scale-1x.mbox"
    /// The same 1,000 messages with every body ten times larger.
    case scale10x = "scale-10x.mbox"

    /// Where the generated files are: `$MIMEKIT_BENCH_DATA`, else `Benchmarks/data` beside
    /// this package's sources.
    public static var directory: String {
        if let value = getenv("MIMEKIT_BENCH_DATA"), let path = String(validatingCString: value), !path.isEmpty {
            return path
        }
        // #filePath is …/Benchmarks/Sources/BenchmarkInputs/BenchmarkInput.swift.
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/") + "/data"
    }

    /// The file's path.
    public var path: String { Self.directory + "/" + rawValue }

    /// Whether the file has been generated.
    public var exists: Bool { access(path, R_OK) == 0 }

    /// What to print when the file is missing.
    public var missingMessage: String {
        "\(path) is missing: run `python3 Benchmarks/generate-corpus.py` first; skipping."
    }

    /// Whether the file is an mbox.
    public var isMbox: Bool { self != .large }

    /// Parser options for the file.
    public var parserOptions: MIMEParserOptions {
        isMbox ? .mbox : MIMEParserOptions()
    }

    /// Maps the file (a fresh map every call, as `mimekit` does for each run).
    public func load() throws -> ByteStorage {
        try ByteStorage(contentsOfFile: path)
    }
}

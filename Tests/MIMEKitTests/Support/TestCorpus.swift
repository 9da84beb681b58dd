import Foundation
@testable import MIMEKit

/// Where the test messages are: the project's `Corpus/` and the shared external corpus.
enum TestCorpus {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let projectCorpus = repositoryRoot.appendingPathComponent("Corpus")

    /// `../shared/corpus` beside the repository; nil when absent (CI makes that a failure
    /// in `.ci/run`; a clone without it skips the suites that need it).
    static let shared: URL? = {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static var hasShared: Bool { shared != nil }

    /// Every regular file below `root` whose name ends with one of `extensions`, sorted.
    static func files(under root: URL, extensions: Set<String>) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var result: [URL] = []
        for case let url as URL in walker where extensions.contains(url.pathExtension.lowercased()) {
            result.append(url)
        }
        return result.sorted { $0.path < $1.path }
    }

    /// Every message file of the shared corpus: mail-parser `.eml`, mime4j `.msg`, enmime
    /// `.raw`, GMime and CPython messages; the project's own `.eml` files too.
    static var allMessages: [URL] {
        var urls = files(under: projectCorpus, extensions: ["eml", "mbox"])
        if let shared {
            urls += files(under: shared, extensions: ["eml", "msg", "raw", "mbox"])
            urls += files(under: shared.appendingPathComponent("cpython-email"), extensions: ["txt"])
            for folder in ["gmime/mime-part", "gmime/partial", "gmime/pgpmime", "gmime/smime", "gmime/pgp"] {
                urls += files(under: shared.appendingPathComponent(folder), extensions: ["txt", "msg", "eml", "mbox"])
            }
        }
        return urls
    }

    static func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    /// A short name for test output.
    static func name(_ url: URL) -> String {
        url.path.replacingOccurrences(of: repositoryRoot.deletingLastPathComponent().path + "/", with: "")
    }
}

/// Runs the event layer over `bytes` cut at `cuts` (sorted offsets) and returns the events
/// with adjacent body, preamble and epilogue pieces joined.
func collectEvents(_ bytes: [UInt8], cuts: [Int], options: MIMEParserOptions = MIMEParserOptions()) -> [MIMEEvent] {
    var parser = MIMEStreamParser(options: options)
    var events: [MIMEEvent] = []
    let emit: (MIMEEvent) -> Void = { event in
        if let last = events.last, let joined = joinPieces(last, event) {
            events[events.count - 1] = joined
        } else {
            events.append(event)
        }
    }
    var start = 0
    bytes.withUnsafeBytes { raw in
        for cut in cuts + [bytes.count] where cut >= start {
            parser.feed(UnsafeRawBufferPointer(rebasing: raw[start..<cut]), emit)
            start = cut
        }
    }
    parser.finish(emit)
    return events
}

private func joinPieces(_ a: MIMEEvent, _ b: MIMEEvent) -> MIMEEvent? {
    switch (a, b) {
    case (.body(let x), .body(let y)) where x.upperBound == y.lowerBound: return .body(x.lowerBound..<y.upperBound)
    case (.preamble(let x), .preamble(let y)) where x.upperBound == y.lowerBound: return .preamble(x.lowerBound..<y.upperBound)
    case (.epilogue(let x), .epilogue(let y)) where x.upperBound == y.lowerBound: return .epilogue(x.lowerBound..<y.upperBound)
    default: return nil
    }
}

/// The ranges the events cover, in order; for any input they must tile it.
func coveredRanges(_ events: [MIMEEvent]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    for event in events {
        switch event {
        case .mboxSeparator(let r), .headerJunk(let r), .body(let r), .preamble(let r), .epilogue(let r):
            ranges.append(r)
        case .headerField(let field, _, _): ranges.append(field)
        case .headersEnd(let info): ranges.append(info.blankLine)
        case .boundary(let r, _): ranges.append(r)
        case .messageEnd(_, let trailer): ranges.append(trailer)
        case .messageBegin, .entityBegin, .entityEnd, .diagnostic: break
        }
    }
    return ranges.filter { !$0.isEmpty }
}

/// A message as text with every LF turned into CRLF (lines already CRLF are kept).
func crlf(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 20)
    for (i, byte) in bytes.enumerated() {
        if byte == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) { out.append(0x0D) }
        out.append(byte)
    }
    return out
}

import Foundation
import Testing
@testable import MIMEKit

/// One message of GMime's mbox test output (`gmime/mbox/output/*.mbox`):
///
/// ```
/// message offsets: 0, 526        <- where the message starts (its From line) and ends
/// header offsets: 8, 216         <- where its header starts and where it ends (the blank line)
/// From -                         <- the From line, without its line ending
/// From: ...                      <- From, To, Subject, Date as GMime prints them
/// Content-Type: multipart/mixed  <- the content-type tree, three spaces a level
///    Content-Type: text/plain
/// ```
/// Established by hand on `substring.mbox`: 0, 526 and 1029 are the offsets of the `From `
/// lines and 1535 the file size, so the message offsets are our `message.range`; 8 is the
/// byte after `From - \n` and 216 the offset of the blank line after the last field, so the
/// header offsets are our root's `offsets.start` and the start of its blank line.
struct GMimeMboxMessage: Equatable {
    var messageOffsets: (Int, Int)
    var headerOffsets: (Int, Int)
    var fromLine: String
    var headers: [String]
    var tree: [String]

    static func == (a: Self, b: Self) -> Bool {
        a.messageOffsets == b.messageOffsets && a.headerOffsets == b.headerOffsets && a.fromLine == b.fromLine
            && a.headers == b.headers && a.tree == b.tree
    }

    enum Failure: Error { case malformed(String) }

    static func parseOutput(_ text: String) throws -> [GMimeMboxMessage] {
        var messages: [GMimeMboxMessage] = []
        let blocks = text.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        for block in blocks {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard lines.count >= 3 else { throw Failure.malformed(block) }
            func pair(_ line: String, _ prefix: String) throws -> (Int, Int) {
                guard line.hasPrefix(prefix) else { throw Failure.malformed(line) }
                let numbers = line.dropFirst(prefix.count).split(separator: ",").compactMap {
                    Int($0.trimmingCharacters(in: .whitespaces))
                }
                guard numbers.count == 2 else { throw Failure.malformed(line) }
                return (numbers[0], numbers[1])
            }
            let tree = lines.dropFirst(3).filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Content-Type:") }
            let headers = lines.dropFirst(3).filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("Content-Type:") }
            messages.append(GMimeMboxMessage(
                messageOffsets: try pair(lines[0], "message offsets:"), headerOffsets: try pair(lines[1], "header offsets:"),
                fromLine: lines[2], headers: headers, tree: Array(tree)))
        }
        return messages
    }
}

extension GMimeMboxMessage {
    /// Our message in GMime's terms; `headerNames` are the fields GMime printed, in its order.
    init(_ message: MIMEMessage, headerNames: [String]) {
        messageOffsets = (message.range.lowerBound, message.range.upperBound)
        headerOffsets = (message.root.offsets.start, message.root.record.blankLine.lowerBound)
        fromLine = message.separator.map { String(decoding: withoutFinalLineEnding(message.storage.view($0).bytes), as: UTF8.self) } ?? ""
        headers = headerNames.map { name in "\(name): \(message.headers[name] ?? "")" }
        tree = message.entities.map { String(repeating: " ", count: 3 * $0.depth) + "Content-Type: \($0.contentType.mimeType)" }
    }

    func firstDifference(from ours: GMimeMboxMessage) -> String? {
        if messageOffsets != ours.messageOffsets { return "message offsets: GMime \(messageOffsets), ours \(ours.messageOffsets)" }
        if headerOffsets != ours.headerOffsets { return "header offsets: GMime \(headerOffsets), ours \(ours.headerOffsets)" }
        if fromLine != ours.fromLine { return "From line: GMime \(fromLine.debugDescription), ours \(ours.fromLine.debugDescription)" }
        if headers != ours.headers { return "headers: GMime \(headers), ours \(ours.headers)" }
        if tree != ours.tree { return "content-type tree: GMime \(tree), ours \(ours.tree)" }
        return nil
    }
}

/// Our mbox splitting and trees against GMime's (`gmime/mbox/input/substring.mbox`): message
/// count, message and header offsets, From line, a few headers, content-type tree.
///
/// Run: `swift test --skip-build --filter MIMEKitTests.GMimeMboxConformanceTests`
@Suite(.enabled(if: TestCorpus.hasShared, "../shared/corpus is absent: GMime mbox conformance skipped"))
struct GMimeMboxConformanceTests {
    /// Messages (`file.mbox #N`, from 1) where GMime's output differs from ours, and why.
    static let knownDifferences: [String: KnownDifference] = [
        // `boundary=""` at every level. RFC 2046 5.1.1: boundary := 0*69<bchars> bcharsnospace,
        // one to 70 characters, so an empty boundary is invalid. GMime takes the line `--` as
        // the delimiter and nests four levels; we keep a multipart without a usable boundary
        // as a leaf (with a diagnostic), so our tree is the root alone.
        "substring.mbox #3": KnownDifference(.theirChoice, "empty boundary parameter accepted by GMime; a leaf for us",
            shows: "ours [\"Content-Type: multipart/mixed\"]"),
    ]

    static var inputs: [URL] {
        guard let shared = TestCorpus.shared else { return [] }
        return TestCorpus.files(under: shared.appendingPathComponent("gmime/mbox/input"), extensions: ["mbox"])
    }

    @Test func corpusIsThere() {
        #expect(Self.inputs.contains { $0.lastPathComponent == "substring.mbox" }, "expected gmime/mbox/input/substring.mbox")
    }

    @Test func mboxAgreesWithGMime() throws {
        var compared: [String] = []
        var disagreements: [String: String] = [:]
        for input in Self.inputs {
            let output = input.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("output").appendingPathComponent(input.lastPathComponent)
            let expected = try GMimeMboxMessage.parseOutput(String(decoding: try TestCorpus.bytes(output), as: UTF8.self))
            var ours: [MIMEMessage] = []
            MIMEParser.parseMessages(ByteStorage(try TestCorpus.bytes(input)), options: .mbox) { ours.append($0) }
            #expect(ours.count == expected.count, "\(input.lastPathComponent): GMime found \(expected.count) messages, we \(ours.count)")
            for (index, (theirs, message)) in zip(expected, ours).enumerated() {
                let key = "\(input.lastPathComponent) #\(index + 1)"
                compared.append(key)
                // GMime prints the Date field reformatted (`2:32:53` becomes `02:32:53`):
                // compare the other fields it prints, and Date only for presence.
                let names = theirs.headers.compactMap { $0.split(separator: ":", maxSplits: 1).first.map(String.init) }
                var expectedMessage = theirs
                var ourMessage = GMimeMboxMessage(message, headerNames: names)
                for i in names.indices where names[i] == "Date" {
                    expectedMessage.headers[i] = "Date present"
                    ourMessage.headers[i] = message.headers["Date"] == nil ? "Date absent" : "Date present"
                }
                if let difference = expectedMessage.firstDifference(from: ourMessage) { disagreements[key] = difference }
            }
        }
        checkAgainstTable(corpus: "GMime mbox", compared: compared, disagreements: disagreements, known: Self.knownDifferences)
    }
}

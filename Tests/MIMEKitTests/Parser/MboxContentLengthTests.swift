import Foundation
import Testing
@testable import MIMEKit

/// One message of a test mbox: a `From ` line, `headers`, the Content-Length lines that
/// `length` makes from the sizes of the body and of the blank line after it (in the mbox's
/// line endings), a blank line, `body`, and the blank line that ends it in the mbox.
struct MboxTestMessage: Sendable {
    var headers = ["Subject: test"]
    var body: String
    var trailer = true
    var length: @Sendable (_ body: Int, _ trailer: Int) -> [String] = { _, _ in [] }

    /// An mbox of `messages` with `ending` (LF or CRLF) line endings.
    static func mbox(_ messages: [MboxTestMessage], ending: String) -> [UInt8] {
        func lines(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: ending) }
        var out = ""
        for (n, message) in messages.enumerated() {
            let body = lines(message.body)
            var header = ["From sender\(n)@example.org Sun Nov 29 10:0\(n % 10):00 2026"] + message.headers
            header += message.length(body.utf8.count, ending.utf8.count).map(lines)
            out += header.joined(separator: ending) + ending + ending + body + (message.trailer ? ending : "")
        }
        return Array(out.utf8)
    }
}

/// A test mbox and what it gives: how many messages with `respectContentLength` off and on,
/// and which messages (by index, option on) get an `mboxContentLengthIgnored` warning.
///
/// The counts were worked out by hand, then checked on every case with LF and with CRLF
/// endings. Option off: Python's `mailbox.mbox` gives the same counts, and GMime 3.2.13 in
/// mbox mode the same offset for every message's `From ` line. Option on: GMime with
/// `g_mime_parser_set_respect_content_length` (a small C program printing each message's
/// `From ` line offset) gives the same offsets where its rule and mutt's agree:
/// `validProtectsFromLine`, `validCountingTheTrailer`, `lastReachesTheEnd`,
/// `lastEndsOneLineEndingBeforeTheEnd`, `zeroBeforeASeparator`, `zeroWithABody`, `empty`,
/// `negative`, `overflow`, `caseAndWhiteSpace`, `folded`, `nestedPart`, `enclosedMessage`.
/// GMime does not check the value: it skips every `From ` line before `E` and splits at the
/// first one past it, reads the value with `strtoul` (`12abc` is 12) and uses the last of
/// several fields. So it differs, as expected, on `midLine` and `oneByteShort` (2 messages),
/// `tooLarge` (1), `lastOnePastTheEnd` (2), `garbage` (2), `duplicateFirstCounts` (3),
/// `duplicateFirstGarbage` (2) and `several` (6), and it stops at the line that is not a
/// field in `headerWithoutBlankLine` (1); there the counts are ours, by hand.
struct MboxContentLengthCase: Sendable, CustomTestStringConvertible {
    var name: String
    var messages: [MboxTestMessage]
    var off: Int
    var on: Int
    var ignored: [Int] = []

    var testDescription: String { name }

    /// A body with an unquoted `From ` line, followed by what reads as a header, so that
    /// readers that split there (GMime included) go on reading messages after it.
    static let fromInBody = "hello\nFrom the start of a line in the body\nTo: everyone\n\nbye\n"
    static let plain = MboxTestMessage(body: "plain body\n")
    static let last = MboxTestMessage(body: "last body\n", trailer: false)

    static func withLength(_ body: String = fromInBody, trailer: Bool = true,
                           _ length: @escaping @Sendable (Int, Int) -> [String]) -> MboxTestMessage {
        MboxTestMessage(body: body, trailer: trailer, length: length)
    }

    static let all: [MboxContentLengthCase] = [
        // Content-Length ends the body right before the blank line and the next From line.
        .init(name: "validProtectsFromLine", messages: [withLength { b, _ in ["Content-Length: \(b)"] }, last], off: 3, on: 2),
        // It counts the blank line too, so it lands on the From line itself.
        .init(name: "validCountingTheTrailer", messages: [withLength { b, t in ["Content-Length: \(b + t)"] }, last], off: 3, on: 2),
        .init(name: "midLine", messages: [withLength { b, _ in ["Content-Length: \(b - 3)"] }, last], off: 3, on: 3, ignored: [0]),
        .init(name: "oneByteShort", messages: [withLength { b, _ in ["Content-Length: \(b - 1)"] }, last], off: 3, on: 3, ignored: [0]),
        .init(name: "tooLarge", messages: [withLength { _, _ in ["Content-Length: 100000"] }, plain, last], off: 4, on: 4, ignored: [0]),
        .init(name: "overflow", messages: [withLength { _, _ in ["Content-Length: 99999999999999999999999999"] }, last],
              off: 3, on: 3, ignored: [0]),
        // The last message: its body reaches exactly the end of the input, or one line ending before it.
        .init(name: "lastReachesTheEnd", messages: [plain, withLength(trailer: false) { b, _ in ["Content-Length: \(b)"] }],
              off: 3, on: 2),
        .init(name: "lastEndsOneLineEndingBeforeTheEnd", messages: [plain, withLength(trailer: true) { b, _ in ["Content-Length: \(b)"] }],
              off: 3, on: 2),
        .init(name: "lastOnePastTheEnd", messages: [plain, withLength(trailer: false) { b, _ in ["Content-Length: \(b + 1)"] }],
              off: 3, on: 3, ignored: [1]),
        .init(name: "zeroBeforeASeparator", messages: [withLength("") { _, _ in ["Content-Length: 0"] }, last], off: 2, on: 2),
        .init(name: "zeroWithABody", messages: [withLength("text\n") { _, _ in ["Content-Length: 0"] }, last], off: 2, on: 2, ignored: [0]),
        .init(name: "garbage", messages: [withLength { b, _ in ["Content-Length: \(b)abc"] }, last], off: 3, on: 3, ignored: [0]),
        .init(name: "empty", messages: [withLength { _, _ in ["Content-Length:"] }, last], off: 3, on: 3, ignored: [0]),
        .init(name: "negative", messages: [withLength { b, _ in ["Content-Length: -\(b)"] }, last], off: 3, on: 3, ignored: [0]),
        .init(name: "duplicateFirstCounts", messages: [withLength { b, _ in ["Content-Length: \(b)", "Content-Length: 3"] }, last],
              off: 3, on: 2),
        .init(name: "duplicateFirstGarbage", messages: [withLength { b, _ in ["Content-Length: x", "Content-Length: \(b)"] }, last],
              off: 3, on: 3, ignored: [0]),
        .init(name: "caseAndWhiteSpace", messages: [withLength { b, _ in ["content-LENGTH:\t \(b) "] }, last], off: 3, on: 2),
        .init(name: "folded", messages: [withLength { b, _ in ["Content-Length:", " \(b)"] }, last], off: 3, on: 2),
        // A line that is not a field ends the header with no blank line: nothing to count from.
        .init(name: "headerWithoutBlankLine",
              messages: [MboxTestMessage(headers: ["Subject: s", "Content-Length: 10", "not a field"], body: "x\n"), last],
              off: 2, on: 2, ignored: [0]),
        // Only the message's own header counts, not a part's or an enclosed message's.
        .init(name: "nestedPart", messages: [nestedPart, last], off: 3, on: 3),
        .init(name: "enclosedMessage", messages: [enclosedMessage, last], off: 3, on: 3),
        .init(name: "several", messages: [
            withLength { b, _ in ["Content-Length: \(b)"] }, plain, withLength { b, t in ["Content-Length: \(b + t + 1)"] },
            withLength { b, t in ["Content-Length: \(b + t)"] }, plain, last,
        ], off: 9, on: 7, ignored: [2]),
    ]

    /// A multipart whose second part's Content-Length would cover a `From ` line.
    static let nestedPart = MboxTestMessage(
        headers: ["Subject: nested", "Content-Type: multipart/mixed; boundary=b"],
        body: "--b\nContent-Type: text/plain\nContent-Length: \(fromInBody.utf8.count)\n\n\(fromInBody)--b--\n")

    /// A `message/rfc822` whose own header has a Content-Length that would cover a `From ` line.
    static let enclosedMessage = MboxTestMessage(
        headers: ["Subject: enclosing", "Content-Type: message/rfc822"],
        body: "Subject: enclosed\nContent-Length: \(fromInBody.utf8.count)\n\n\(fromInBody)")
}

@Suite struct MboxContentLengthTests {
    static let endings = ["\n", "\r\n"]

    private func parse(_ bytes: [UInt8], respect: Bool) -> [MIMEMessage] {
        var options = MIMEParserOptions.mbox
        options.respectContentLength = respect
        var messages: [MIMEMessage] = []
        MIMEParser.parseMessages(ByteStorage(bytes), options: options) { messages.append($0) }
        return messages
    }

    private func summary(_ message: MIMEMessage) -> String {
        "\(message.range) \(message.trailer) \(message.outline) \(message.entities.map { $0.decodedBody().count }) \(message.codes)"
    }

    @Test(arguments: MboxContentLengthCase.all, endings)
    func messageCountsAndWarnings(_ test: MboxContentLengthCase, _ ending: String) {
        let bytes = MboxTestMessage.mbox(test.messages, ending: ending)
        let off = parse(bytes, respect: false)
        let on = parse(bytes, respect: true)
        #expect(off.count == test.off)
        #expect(on.count == test.on)
        #expect(!off.contains { $0.codes.contains(.mboxContentLengthIgnored) })
        let warned = on.indices.filter { on[$0].codes.contains(.mboxContentLengthIgnored) }
        #expect(warned == test.ignored)
        for index in warned {
            let warning = on[index].diagnostics.first { $0.code == .mboxContentLengthIgnored }!
            #expect(warning.severity == .warning)
            // At the field, inside the message's own header.
            #expect(on[index].range.contains(warning.offset))
            #expect(ByteStorage(bytes).withUnsafeBytes { Array($0[warning.offset..<warning.offset + 15]) }
                        .map(asciiLower) == Array("content-length:".utf8))
        }
    }

    @Test(arguments: MboxContentLengthCase.all, endings)
    func treesAreWrittenBackByteForByte(_ test: MboxContentLengthCase, _ ending: String) {
        let bytes = MboxTestMessage.mbox(test.messages, ending: ending)
        for respect in [false, true] {
            #expect(parse(bytes, respect: respect).flatMap(MIMEWriter.serialize) == bytes, "respect \(respect)")
        }
    }

    @Test(arguments: endings)
    func validLengthKeepsTheBodyWhole(_ ending: String) throws {
        let body = "hello\n>From quoted\nFrom the start, this line is body\nbye\n"
        let bytes = MboxTestMessage.mbox([MboxContentLengthCase.withLength(body) { b, _ in ["Content-Length: \(b)"] },
                                          MboxContentLengthCase.last], ending: ending)
        let messages = parse(bytes, respect: true)
        try #require(messages.count == 2)
        let nl = ending
        #expect(messages[0].root.body.utf8String == body.replacingOccurrences(of: "\n", with: nl))
        #expect(messages[0].trailer.count == nl.utf8.count)
        // mboxrd unquoting on decode is unchanged: `>From ` loses one `>`, `From ` stays.
        #expect(String(decoding: messages[0].root.decodedBody(), as: UTF8.self)
                    == "hello\(nl)From quoted\(nl)From the start, this line is body\(nl)bye\(nl)")
        #expect(messages[0].diagnostics.isEmpty)
        #expect(messages[1].headers["subject"] == "test")
    }

    /// The splitter's ranges are the parsed messages' ranges, with the option on and off.
    @Test(arguments: MboxContentLengthCase.all, endings)
    func splitterCutsWhereTheParserEndsMessages(_ test: MboxContentLengthCase, _ ending: String) {
        let storage = ByteStorage(MboxTestMessage.mbox(test.messages, ending: ending))
        for respect in [false, true] {
            var options = MIMEParserOptions.mbox
            options.respectContentLength = respect
            var parsed: [Range<Int>] = []
            MIMEParser.parseMessages(storage, options: options) { parsed.append($0.range) }
            #expect(Array(MboxSplitter(storage, options: options)) == parsed)
            var warnings: [MIMEDiagnostic?] = []
            var splitter = MboxSplitter(storage, options: options)
            while splitter.next() != nil { warnings.append(splitter.ignoredContentLength) }
            #expect(warnings.indices.filter { warnings[$0] != nil } == (respect ? test.ignored : []))
        }
    }

    /// Stripes of any size end where messages end, with the option on as off: parsed one by
    /// one they give the messages of the whole mbox, and they tile it.
    @Test(arguments: [1, 2, 3, 5, 7, 13, 40, 100, 250, 1000, 1 << 20])
    func stripesCutWhereTheSplitterCuts(_ size: Int) throws {
        var storages = Self.endings.map { ending in
            ByteStorage(MboxTestMessage.mbox(MboxContentLengthCase.all.flatMap(\.messages), ending: ending))
        }
        storages += MboxContentLengthCase.all.map { ByteStorage(MboxTestMessage.mbox($0.messages, ending: "\r\n")) }
        for storage in storages {
            for respect in [false, true] {
                var options = MIMEParserOptions.mbox
                options.respectContentLength = respect
                var whole: [String] = []
                MIMEParser.parseMessages(storage, options: options) { whole.append(summary($0)) }
                let ranges = Array(MboxSplitter(storage, options: options))
                var striped: [String] = []
                var stripedRanges: [Range<Int>] = []
                var next = 0
                for stripe in MboxSplitter.stripes(of: storage, size: size, options: options) {
                    #expect(stripe.lowerBound == next)
                    next = stripe.upperBound
                    MIMEParser.parseMessages(storage, in: stripe, options: options) {
                        striped.append(summary($0))
                        stripedRanges.append($0.range)
                    }
                }
                #expect(next == storage.count)
                #expect(stripedRanges == ranges)
                #expect(striped == whole)
            }
        }
    }

    /// Random mboxes made of the pieces the hint is about (fields, values, blank lines, `From `
    /// lines, lone CRs, unfinished lines): the splitter, the stripes and the parser agree, and
    /// the trees are written back byte for byte.
    @Test func randomMboxesAgreeEverywhere() {
        let pieces = ["From a\n", "From b\r\n", "Content-Length: 0\n", "Content-Length: 3\n", "Content-Length: 12\r\n",
                      "content-length:  7 \n", "Content-Length: x\n", "Content-Length:\n", " 5\n", "Subject: s\n", "\n", "\r\n",
                      "body\n", "From", "F", ">From q\n", "12", "\r", "x", "--b\n"]
        var generator = SystemRandomNumberGenerator()
        var options = MIMEParserOptions.mbox
        options.respectContentLength = true
        for round in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<24, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let bytes = Array(text.utf8)
            let storage = ByteStorage(bytes)
            var messages: [MIMEMessage] = []
            MIMEParser.parseMessages(storage, options: options) { messages.append($0) }
            let ranges = Array(MboxSplitter(storage, options: options))
            #expect(messages.map(\.range) == ranges, "round \(round): \(text.debugDescription)")
            #expect(messages.flatMap(MIMEWriter.serialize) == bytes, "round \(round): \(text.debugDescription)")
            let size = Int.random(in: 1...40, using: &generator)
            var striped: [Range<Int>] = []
            for stripe in MboxSplitter.stripes(of: storage, size: size, options: options) {
                MIMEParser.parseMessages(storage, in: stripe, options: options) { striped.append($0.range) }
            }
            #expect(striped == ranges, "round \(round), size \(size): \(text.debugDescription)")
        }
    }

    /// Without random access there is no looking ahead: the event layer fed chunk by chunk
    /// splits on every `From ` line whatever the option says.
    @Test func streamParserDoesNotUseTheHint() {
        let bytes = MboxTestMessage.mbox(MboxContentLengthCase.all[0].messages, ending: "\n")
        var options = MIMEParserOptions.mbox
        options.respectContentLength = true
        var parser = MIMEStreamParser(options: options)
        var begins = 0
        let count = { (event: MIMEEvent) in if case .messageBegin = event { begins += 1 } }
        parser.feed(bytes, count)
        parser.finish(count)
        #expect(begins == MboxContentLengthCase.all[0].off)
    }

    /// A real message whose parts carry Content-Length fields (and whose top-level header
    /// has none), from `../shared/corpus`: the option changes nothing.
    @Test func nestedContentLengthOfARealMessageIsIgnored() throws {
        guard let shared = TestCorpus.shared else { return }
        let file = shared.appendingPathComponent("mime4j/mimetools-testmsgs/multi-clen.msg")
        let message = Array(try Data(contentsOf: file))
        let bytes = Array("From a@example.org Sun Nov 29 10:00:00 2026\r\n".utf8) + message + Array("\r\n".utf8)
            + Array("From b@example.org Sun Nov 29 10:01:00 2026\r\nSubject: b\r\n\r\nb\r\n".utf8)
        let off = parse(bytes, respect: false)
        let on = parse(bytes, respect: true)
        #expect(on.count == 2)
        #expect(on.map(summary) == off.map(summary))
        #expect(on.flatMap(MIMEWriter.serialize) == bytes)
    }
}

import Testing
@testable import MIMEKit

/// Every parser on generated hostile values: none may crash or hang, and each keeps its
/// basic promises.
@Suite struct HeaderRobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    private struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let pieces: [[UInt8]] = [
        "=?", "?=", "utf-8", "?q?", "?B?", "iso-8859-1", "x-bogus", "*en", "_", "=C3", "=A9", "=", "?",
        "SGVsbG8", "<", ">", "@", "(", ")", "\\", "\"", ",", ";", ":", ".", "[", "]", "*0*=", "*1=", "*=",
        "'", "%", "%E2", "name", "filename", "\r\n", "\n", "\r\n ", " ", "\t", "a", "Doe", "xn--", "-0000",
        "12:34", "Jan", "1997", "+0200", "GMT", "Mon,",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0x80], [0x00], [0x1B, 0x24, 0x42]]

    private static func values(count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = Generator(state: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...40, using: &generator)
            return (0..<length).flatMap { _ in pieces.randomElement(using: &generator)! }
        }
    }

    @Test func parsersSurviveGeneratedValues() {
        for value in Self.values(count: 3000, seed: 2047) {
            let subject = HeaderText.decodeUnstructured(value)
            #expect(!subject.contains("\r") && !subject.contains("\n"))
            _ = HeaderText.decodePhrase(value)
            _ = HeaderText.decodeList(value)
            if let type = ContentType(parsing: Array("text/plain; ".utf8) + value) {
                #expect(type.mimeType == "text/plain")
                for parameter in type.parameters { #expect(!parameter.name.isEmpty) }
            }
            _ = ContentDisposition(parsing: value)?.filename
            let list = InternetAddressList.parse(value)
            #expect(list.mailboxes.count <= value.count)
            if let date = MailDate(parsing: value) {
                #expect(date.iso8601UTC.hasSuffix("Z"))
            }
            _ = MessageID.parseList(value)
            _ = Charset.decode(value, charset: "iso-2022-jp")
            _ = Charset.decodeHeaderText(value, fallback: "utf-7")
        }
    }

    /// Long hostile values go through every field reader and come back (the time they take as
    /// they grow is measured by `Benchmarks/hostile/linearity.sh`, not asserted here).
    @Test func longHostileValuesGoThroughEveryReader() {
        let openers = [UInt8](repeating: UInt8(ascii: "("), count: 300_000)
        let quotes = [UInt8](repeating: UInt8(ascii: "\""), count: 300_000)
        let words = Array(String(repeating: "=?utf-8?q?", count: 30_000).utf8)
        for value in [openers, quotes, words] {
            _ = HeaderText.decodeUnstructured(value)
            _ = InternetAddressList.parse(value)
            #expect(ContentType(parsing: Array("a/b; n=".utf8) + value)?.mimeType == "a/b")
            _ = MailDate(parsing: value)
            _ = MessageID.parseList(value)
        }
    }
}

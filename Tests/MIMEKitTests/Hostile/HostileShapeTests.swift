import Testing
@testable import MIMEKit

/// Shapes from the issue's list of inputs that defeat naive parsers, at a size a unit test
/// can afford (Benchmarks/hostile/ has them at full size, timed): each parses to the
/// expected tree and still writes back byte for byte.
@Suite struct HostileShapeTests {
    @Test func boundariesThatArePrefixesOfEachOtherAtEveryLevel() {
        let levels = 12
        let bytes = nestedMultipart(levels: levels) { String(repeating: "=", count: $0 + 1) }
        let message = expectSurvives(bytes)[0]
        #expect(message.diagnostics.isEmpty)
        #expect(message.entities.count == levels + 1)
        #expect(message.entities.map(\.depth) == Array(0...levels))
        #expect(message.entities.last!.body.utf8String == "leaf")
    }

    @Test func prefixBoundariesWithSiblingsAtEveryLevel() {
        // Level i has boundary "p" repeated i+1 times and two children: a text part and the
        // next level, so every delimiter line is a prefix of the ones inside it.
        var text = ""
        let levels = 6
        for level in 0..<levels {
            let b = String(repeating: "p", count: level + 1)
            text += "Content-Type: multipart/mixed; boundary=\(b)\n\n--\(b)\n\ntext \(level)\n--\(b)\n"
        }
        text += "\ninnermost\n"
        for level in (0..<levels).reversed() { text += "--\(String(repeating: "p", count: level + 1))--\n" }
        let message = expectSurvives(Array(text.utf8))[0]
        #expect(message.diagnostics.isEmpty)
        #expect(message.entities.count == 1 + 2 * levels)
        #expect(message.entities.filter(\.isLeaf).map { $0.body.utf8String }.last == "innermost")
    }

    @Test func nulBytesEverywhere() {
        var bytes = Array("Content-Type: multipart/mixed; boundary=\"a\0b\"\nX-\0: \0\0\n\n--a\0b\n\n\0\0\0\n--a\0b--\n".utf8)
        bytes += [UInt8](repeating: 0, count: 300)
        let message = expectSurvives(bytes)[0]
        #expect(message.root.kind == .multipart)
        #expect(message.entities.count == 2)
        expectSurvives([UInt8](repeating: 0, count: 10_000))
        expectSurvives(repeated("\0\n", 5_000))
    }

    @Test func invalidUTF8InHeadersBoundariesAndBodies() {
        let junk: [UInt8] = [0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xF4, 0x90]
        var bytes = Array("Subject: ".utf8) + junk + Array("\nContent-Type: multipart/mixed; boundary=\"".utf8) + junk
        bytes += Array("\"\n\n--".utf8) + junk + Array("\nContent-Type: text/plain; charset=".utf8) + junk
        bytes += Array("\n\n".utf8) + junk + Array("\n--".utf8) + junk + Array("--\n".utf8)
        let message = expectSurvives(bytes)[0]
        #expect(message.root.kind == .multipart)
        #expect(message.entities.count == 2)
        #expect(message.root.contentType.boundary == junk)
        _ = message.headers["Subject"]
    }

    @Test func base64FullOfGarbageDecodesWhatIsThereAndSaysSo() {
        var bytes = Array("Content-Transfer-Encoding: base64\n\n".utf8)
        for i in 0..<2_000 { bytes += Array("QUJD".utf8) + [UInt8(i % 256), 0x21, 0x00, 0xFF] + (i % 19 == 0 ? [0x0A] : []) }
        let message = expectSurvives(bytes)[0]
        var decoded: [UInt8] = []
        let report = message.root.decodeBody { decoded += $0 }
        #expect(decoded.count <= message.root.body.count * 3 / 4 + 3)
        #expect(report.diagnostics.map(\.code).contains(.base64InvalidBytes))
    }

    @Test func longLineWithoutANewlineIsOneBody() {
        let bytes = Array("Content-Type: multipart/mixed; boundary=x\n\n--x\n\n".utf8) + [UInt8](repeating: 0x61, count: 1 << 20)
        let message = expectSurvives(bytes, cuts: [100, 50_000, 500_000])[0]
        #expect(message.entities[1].body.count == 1 << 20)
        #expect(message.codes.contains(.missingCloseDelimiter))
        expectSurvives([UInt8](repeating: 0x2D, count: 1 << 20), cuts: [3, 70_000])
    }

    @Test func headerLineLongerThanEveryLimit() {
        let bytes = Array("Subject: ".utf8) + [UInt8](repeating: 0x73, count: 3 << 20) + Array("\n\nbody\n".utf8)
        let message = expectSurvives(bytes, cuts: [])[0]
        #expect(message.codes == [.headerLimit])
        #expect(message.root.body.utf8String == "body\n")
    }

    @Test func manyHeaderFieldsPastTheDefaultLimit() {
        let count = MIMEParserOptions().maxHeaderFields + 100
        let message = expectSurvives(repeated("X: y\n", count) + Array("\nbody\n".utf8))[0]
        #expect(message.headers.count == MIMEParserOptions().maxHeaderFields)
        #expect(message.headers.junk.map(\.count) == [100 * "X: y\n".utf8.count])
        #expect(message.codes == [.headerLimit])
    }
}

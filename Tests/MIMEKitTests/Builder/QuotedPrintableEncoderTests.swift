import Foundation
import Testing
@testable import MIMEKit

@Suite struct QuotedPrintableEncoderTests {
    private func encode(_ text: String) -> String {
        String(decoding: QuotedPrintableEncoder.encode(Array(text.utf8)), as: UTF8.self)
    }

    @Test func escapesEqualsControlsAndEightBitBytes() {
        #expect(encode("a=b\u{1}c\u{7F}é\td") == "a=3Db=01c=7F=C3=A9\td")
    }

    @Test func lineBreaksBecomeCRLFAndALoneCRIsEscaped() {
        #expect(encode("a\nb\r\nc\rd\n") == "a\r\nb\r\nc=0Dd\r\n")
    }

    @Test func trailingWhiteSpaceIsEscapedBeforeABreakAndAtTheEnd() {
        #expect(encode("a \nb\t\r\nc d \t") == "a=20\r\nb=09\r\nc d =09")
    }

    @Test func fromAndDotAtLineStartAreEscaped() {
        #expect(encode("From me\nFrom\n.\n..x\nx.From y") == "=46rom me\r\nFrom\r\n=2E\r\n=2E.x\r\nx.From y")
    }

    @Test func longLinesGetSoftBreaksThatNeverSplitAnEscape() {
        let line = String(repeating: "abcdefghé", count: 30)
        let encoded = encode(line)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        for (index, wire) in lines.enumerated() {
            #expect(wire.utf8.count <= 76, "line \(index): \(wire)")
            if index < lines.count - 1 { #expect(wire.hasSuffix("="), "line \(index) has no soft break") }
            #expect(hasWholeEscapes(wire), "split escape on line \(index): \(wire)")
        }
        #expect(QuotedPrintableDecoder.decode(Array(encoded.utf8)) == Array(line.utf8))
    }

    @Test func aLineOfExactlySeventySixCharactersNeedsNoSoftBreak() {
        let line = String(repeating: "x", count: 76)
        #expect(encode(line + "\n") == line + "\r\n")
        #expect(encode(String(repeating: "x", count: 77)) == String(repeating: "x", count: 75) + "=\r\nxx")
    }

    @Test func fromAfterASoftBreakIsEscaped() {
        let encoded = encode(String(repeating: "x", count: 75) + "From here")
        #expect(encoded == String(repeating: "x", count: 75) + "=\r\n=46rom here")
    }

    @Test func pythonAndOurDecoderGiveBackTheInputWithCRLFBreaks() throws {
        var random = SplitMix64(state: 21)
        let alphabet: [UInt8] = Array("aZ09 \t=.F-_".utf8) + [0x0A, 0x0D, 0x00, 0x7F, 0xC3, 0xA9, 0xFF]
        let inputs: [[UInt8]] = (0..<200).map { _ in
            (0..<Int.random(in: 0...400, using: &random)).map { _ in
                Bool.random(using: &random) ? UInt8(ascii: "a") : alphabet.randomElement(using: &random)!
            }
        }
        let encoded = inputs.map { QuotedPrintableEncoder.encode($0) }
        let script = """
        import sys, json, quopri
        print(json.dumps([list(quopri.decodestring(bytes(e))) for e in json.load(sys.stdin)]))
        """
        let python = try PythonEmail.json([[UInt8]].self, script, input: Array(try JSONEncoder().encode(encoded)))
        for (index, input) in inputs.enumerated() {
            let expected = lineBreaksAsCRLF(input)
            #expect(python[index] == expected, "python, input \(index): \(String(decoding: encoded[index], as: UTF8.self).debugDescription)")
            #expect(QuotedPrintableDecoder.decode(encoded[index]) == expected, "ours, input \(index)")
            let wire = String(decoding: encoded[index], as: UTF8.self)
            for line in wire.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 76 && line.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F || $0 == 0x09 })
                #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t") && !line.hasPrefix("From ") && !line.hasPrefix("."))
                #expect(hasWholeEscapes(line), "split escape: \(line)")
            }
        }
    }

    @Test func sizeBoundHoldsForTheWorstCase() {
        for count in [1, 2, 24, 25, 73, 74, 1000] {
            let worst = [UInt8](repeating: 0xFF, count: count)
            #expect(QuotedPrintableEncoder.encode(worst).count <= QuotedPrintableEncoder.maxEncodedCount(forInputCount: count))
        }
    }
}

/// Whether every `=` of an encoded line starts a `=XX` escape, but a final soft-break `=`.
private func hasWholeEscapes(_ line: String) -> Bool {
    let body = line.hasSuffix("=") ? String(line.dropLast()) : line
    return body.range(of: "^([^=]|=[0-9A-F]{2})*$", options: .regularExpression) != nil
}

/// `bytes` with CRLF and lone LF as CRLF, and a lone CR kept: what quoted-printable gives back.
func lineBreaksAsCRLF(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    for (index, byte) in bytes.enumerated() {
        if byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { out.append(0x0D) }
        out.append(byte)
    }
    return out
}

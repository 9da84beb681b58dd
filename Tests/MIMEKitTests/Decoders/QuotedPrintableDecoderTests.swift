import Foundation
import Testing
@testable import MIMEKit

@Suite struct QuotedPrintableDecoderTests {
    @Test func hexEscapesDecodeInEitherCase() {
        let result = decodeEveryWay(QuotedPrintableDecoder.self, "caf=C3=A9 =3d=3D =c3=a9")
        #expect(result.text == "café == é")
        #expect(result.issues.isEmpty)
    }

    @Test func softLineBreakJoinsLines() {
        let result = decodeEveryWay(QuotedPrintableDecoder.self, "ab=\r\ncd=\nef")
        #expect(result.text == "abcdef")
        #expect(result.issues.isEmpty)
    }

    @Test func softLineBreakMayCarryTransportPadding() {
        let result = decodeEveryWay(QuotedPrintableDecoder.self, "ab= \t \r\ncd=  \nef")
        #expect(result.text == "abcdef")
        #expect(result.issues.isEmpty)
    }

    @Test func equalsAtTheEndOfInputIsASoftBreak() {
        for input in ["abc=", "abc= \t", "abc=\r", "abc= \r"] {
            let result = decodeEveryWay(QuotedPrintableDecoder.self, input)
            #expect(result.text == "abc", "\(input.debugDescription)")
            #expect(result.issues.isEmpty)
        }
    }

    @Test func malformedEscapeIsKeptLiterallyAndCounted() {
        let result = decodeEveryWay(QuotedPrintableDecoder.self, "x=G1 =4G =\u{7F}")
        #expect(result.text == "x=G1 =4G =\u{7F}")
        #expect(result.issues.malformedEscapes == 3)
        #expect(result.issues.firstOffset == 1)
    }

    @Test func escapeCutByTheEndOfInputIsKept() {
        let result = decodeEveryWay(QuotedPrintableDecoder.self, "ab=4")
        #expect(result.text == "ab=4")
        #expect(result.issues.malformedEscapes == 1)
        #expect(result.issues.firstOffset == 2)
    }

    @Test func equalsAfterABrokenEscapeStartsANewOne() {
        let result = decodeEveryWay(QuotedPrintableDecoder.self, "==41")
        #expect(result.text == "=A")
        #expect(result.issues.malformedEscapes == 1)
    }

    @Test func paddingNotFollowedByALineBreakIsKept() {
        let result = decodeEveryWay(QuotedPrintableDecoder.self, "a= \tb=\rc")
        #expect(result.text == "a= \tb=\rc")
        #expect(result.issues.malformedEscapes == 2)
    }

    @Test func overlongPaddingIsNotASoftBreak() {
        let blanks = String(repeating: " \t", count: 40)
        let result = decodeEveryWay(QuotedPrintableDecoder.self, "a=" + blanks + "\nb")
        #expect(result.text == "a=" + blanks + "\nb")
        #expect(result.issues.malformedEscapes == 1)
    }

    @Test func escapeIsFoundAtEveryOffsetAmongNearMisses() {
        // All but the last two are a bit or two away from `=` (0x3D), the kind of byte a
        // word-at-a-time search could mistake for it.
        let nearMisses: [UInt8] = [0xBD, 0x3C, 0x3E, 0x7D, 0x2D, 0x00, 0xFF]
        for offset in 0..<17 {
            let prefix = (0..<offset).map { nearMisses[$0 % nearMisses.count] }
            let result = decodeEveryWay(QuotedPrintableDecoder.self, prefix + Array("=41".utf8) + nearMisses)
            #expect(result.bytes == prefix + [0x41] + nearMisses)
            #expect(result.issues.isEmpty)
        }
    }

    @Test func trailingWhiteSpaceIsKept() {
        let result = decodeEveryWay(QuotedPrintableDecoder.self, "a  \r\nb\t\nc ")
        #expect(result.text == "a  \r\nb\t\nc ")
        #expect(result.issues.isEmpty)
    }

    @Test func lineEndingsAndEightBitBytesPassThrough() {
        let input: [UInt8] = Array("a\r\nb\nc\rd".utf8) + [0xE9, 0x00, 0xFF]
        let result = decodeEveryWay(QuotedPrintableDecoder.self, input)
        #expect(result.bytes == input)
        #expect(result.issues.isEmpty)
    }

    @Test func escapeSplitAcrossChunksDecodes() {
        var decoder = QuotedPrintableDecoder()
        let output = ["x=", "C", "3=", "A9=", "\r", "\ny"].flatMap { decoder.decode(Array($0.utf8)) } + decoder.finish()
        #expect(String(decoding: output, as: UTF8.self) == "xéy")
        #expect(decoder.issues.isEmpty)
    }

    // Python's text mode (quopri, and b2a_qp by default) writes every line break in the style
    // of the first one it meets and leaves bare CRs as they are, so with it the round trip
    // holds only once the CRs before each LF are removed on both sides.
    @Test(.enabled(if: python3 != nil, "python3 is not on PATH: no independent quoted-printable encoder"),
          arguments: [
              ("binascii.b2a_qp(data, istext=False)", true),
              ("quopri.encodestring(data)", false),
              ("quopri.encodestring(data, quotetabs=True)", false),
          ])
    func roundTripsPythonsEncoding(encode: String, keepsLineBreaks: Bool) throws {
        for (original, encoded) in try pythonVectors(encode: encode, seed: 2047) {
            let result = decodeEveryWay(QuotedPrintableDecoder.self, encoded)
            let difference = keepsLineBreaks
                ? firstDifference(result.bytes, original)
                : firstDifference(withLineFeeds(result.bytes), withLineFeeds(original))
            #expect(difference == nil)
            #expect(result.issues.isEmpty)
        }
    }

    @Test func outputIsBoundedByTheInput() {
        var random = SplitMix64(state: 67)
        let alphabet = Array("=0aF \t\r\nx".utf8)
        for length in [0, 1, 2, 3, 17, 100, 1000] {
            let noise = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
            let result = decodeEveryWay(QuotedPrintableDecoder.self, noise)
            #expect(result.bytes.count <= length)
        }
    }

    // GMime's pair: wikipedia.qp is wikipedia.txt (French, UTF-8) with soft breaks.
    @Test(.enabled(if: gmimeEncodingsPresent, "../shared/corpus/gmime/encodings is absent: GMime pairs not checked"))
    func gmimeTextDecodes() throws {
        let result = decodeEveryWay(QuotedPrintableDecoder.self, try gmimeFile("wikipedia.qp"))
        #expect(result.bytes == (try gmimeFile("wikipedia.txt")))
        #expect(result.issues.isEmpty)
    }
}

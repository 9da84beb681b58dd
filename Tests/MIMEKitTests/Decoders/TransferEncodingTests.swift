import Testing
@testable import MIMEKit

@Suite struct TransferEncodingTests {
    @Test func registeredNamesAreCaseInsensitive() {
        #expect(TransferEncoding("BASE64") == .base64)
        #expect(TransferEncoding("Quoted-Printable") == .quotedPrintable)
        #expect(TransferEncoding("7BIT") == .sevenBit)
        #expect(TransferEncoding("8Bit") == .eightBit)
        #expect(TransferEncoding("Binary") == .binary)
    }

    @Test func whiteSpaceCommentsQuotesAndTrailersAreTolerated() {
        for value in [" base64 (yes)", "(comment) base64", "\tbase64\r\n", "base64 (nested (comment) \\) )",
                      "\"base64\"", "base64; x=y", "base64(x)", "\r\n base64"] {
            #expect(TransferEncoding(value) == .base64, "\(value.debugDescription)")
        }
    }

    @Test func uuencodeHasFourNames() {
        for value in ["x-uuencode", "X-UUE", "uuencode", "UUE"] {
            #expect(TransferEncoding(value) == .uuencode)
        }
    }

    @Test func unknownMechanismIsKeptLowercased() {
        #expect(TransferEncoding("X-Foo (bar)") == .other("x-foo"))
        #expect(TransferEncoding("x-foo").description == "x-foo")
    }

    @Test func valueWithoutATokenMeansSevenBit() {
        for value in ["", "  ", "(nothing here)", "\"\""] {
            #expect(TransferEncoding(value) == .sevenBit)
        }
    }

    @Test func rawBytesAreRead() {
        #expect(TransferEncoding(Array(" Quoted-Printable\r\n".utf8)) == .quotedPrintable)
        #expect(TransferEncoding([0x62, 0x61, 0x73, 0x65, 0x36, 0x34, 0xFF]) == .other("base64\u{FFFD}"))
    }

    @Test func descriptionReadsBackAsTheSameMechanism() {
        for encoding in [TransferEncoding.sevenBit, .eightBit, .binary, .base64, .quotedPrintable, .uuencode] {
            #expect(TransferEncoding(encoding.description) == encoding)
        }
    }

    @Test func identityAndUnknownMechanismsHaveNoDecoder() {
        for encoding in [TransferEncoding.sevenBit, .eightBit, .binary, .other("x-foo")] {
            #expect(encoding.makeDecoder() == nil)
        }
    }

    @Test func decodersMatchTheirMechanisms() throws {
        #expect(TransferEncoding.base64.makeDecoder() is Base64Decoder)
        #expect(TransferEncoding.quotedPrintable.makeDecoder() is QuotedPrintableDecoder)
        #expect(TransferEncoding.uuencode.makeDecoder() is UUDecoder)
        var decoder = try #require(TransferEncoding("base64").makeDecoder())
        let output = decoder.decode(Array("TWFu\r\nTW".utf8)) + decoder.decode(Array("E=".utf8)) + decoder.finish()
        #expect(output == Array("ManMa".utf8))
        #expect(decoder.issues.isEmpty)
    }
}

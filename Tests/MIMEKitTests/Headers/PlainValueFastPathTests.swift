import Testing
@testable import MIMEKit

/// The shortcuts the parameter reader takes for plain values give what the full path gives.
@Suite struct PlainValueFastPathTests {
    @Test func printableASCIIDecodesAsTheEncodedWordDecoderWould() {
        var generator = SplitMix(seed: 2047)
        let alphabet = Array(" !\"#$%&'()*+,-./0123456789:;<>@ABCZabcz[\\]^_`{|}~=".utf8)
        for _ in 0..<2000 {
            let length = Int(generator.next() % 40)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            guard MIMEParameters.isPlainPrintableASCII(bytes) else { continue }
            #expect(MIMEParameters.decodePlain(bytes) == EncodedWordDecoder.decode(bytes, fallback: nil),
                    "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func encodedWordsAndControlBytesTakeTheFullPath() {
        #expect(!MIMEParameters.isPlainPrintableASCII(Array("=?utf-8?q?x?=".utf8)))
        #expect(!MIMEParameters.isPlainPrintableASCII([0x61, 0x0D, 0x0A, 0x20, 0x62]))
        #expect(!MIMEParameters.isPlainPrintableASCII([0x63, 0xE9]))
        #expect(MIMEParameters.decodePlain(Array("=?utf-8?q?caf=C3=A9?=".utf8)) == "café")
    }

    @Test func duplicatePlainParametersKeepTheFirstSpellingAndValue() throws {
        let type = try #require(ContentType(parsing: Array("text/plain; Charset=a; NAME=x; charset=b; name=y".utf8)))
        #expect(type.parameters.map(\.name) == ["Charset", "NAME"])
        #expect(type.parameters.map(\.value) == ["a", "x"])
    }
}

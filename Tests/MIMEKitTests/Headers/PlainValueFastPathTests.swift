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

    /// Whenever the one-pass reader takes a Content-Type value, it gives what the general
    /// parser gives: random values of the usual shape, each slot sometimes filled with one of
    /// the pieces that trip parsers up.
    @Test func simpleContentTypesMatchTheGeneralParser() {
        var generator = SplitMix(seed: 2045)
        func pick(_ choices: [String]) -> String { choices[Int(generator.next() % UInt64(choices.count))] }
        let odd = ["\"", "\\", "(c)", "=?", "?=", "é", "*", "*0", ";", "=", "/", "\n", "\u{7F}", "\u{01}", "", "a b", "@"]
        func slot(_ usual: [String]) -> String { generator.next() % 10 == 0 ? pick(odd) : pick(usual) }
        let space = [" ", "", "", "\t", "\n ", "\r\n\t", "  "]
        var taken = 0
        for _ in 0..<20000 {
            var text = slot(space) + slot(["text", "Multipart", "APPLICATION", "x-y"]) + slot(space) + slot(["/"])
                + slot(space) + slot(["plain", "Mixed", "octet-stream", "vnd.a+b"])
            for _ in 0..<Int(generator.next() % 10) {
                text += slot(space) + slot([";"]) + slot(space) + slot(["charset", "boundary", "name", "NAME", "format", "x"])
                    + slot(space) + slot(["="]) + slot(space)
                    + slot(["utf-8", "\"utf-8\"", "\"----=_Part_1.2\"", "=_x", "a/b", "\"a;b (c)\"", "flowed", "\"\""])
            }
            text += slot(["", ";", " ", "; "])
            let bytes = Array(text.utf8)
            let simple = bytes.withUnsafeBytes { ContentType.parseSimple($0) }
            guard let simple else { continue }
            taken += 1
            #expect(simple == ContentType(parsingGenerally: bytes), "\(text.debugDescription)")
        }
        #expect(taken > 1000)
    }

    /// The same over every Content-Type field of the project's and the shared corpus.
    @Test func simpleContentTypesOfTheCorporaMatchTheGeneralParser() throws {
        var checked = 0
        for url in TestCorpus.allMessages {
            let storage = try ByteStorage(contentsOfFile: url.path)
            var options = MIMEParserOptions()
            options.mbox = MIMEParser.looksLikeMbox(storage)
            MIMEParser.parseMessages(storage, options: options) { message in
                for entity in message.entities {
                    for field in entity.headers.fields(named: "Content-Type") {
                        let raw = Array(field.rawValue)
                        guard let simple = raw.withUnsafeBytes({ ContentType.parseSimple($0) }) else { continue }
                        checked += 1
                        #expect(simple == ContentType(parsingGenerally: raw), "\(url.lastPathComponent): \(field.unfoldedValue)")
                    }
                }
            }
        }
        #expect(checked > 100)
    }
}

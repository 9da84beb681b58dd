import Foundation
import Testing
@testable import MIMEKit

@Suite struct HeaderEncoderTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func plainASCIISubjectIsWrittenAsItIs() {
        #expect(text(HeaderEncoder.unstructuredField(name: "Subject", value: "Hello, world (again)")) == "Subject: Hello, world (again)\r\n")
    }

    @Test func onlyTheWordsThatNeedItAreEncoded() {
        let field = text(HeaderEncoder.unstructuredField(name: "Subject", value: "Re: Grüße aus Kölner Dom"))
        #expect(field == "Subject: Re: =?utf-8?b?R3LDvMOfZQ==?= aus =?utf-8?q?K=C3=B6lner?= Dom\r\n")
    }

    @Test func adjacentEncodedWordsCarryTheSpaceBetweenThem() {
        let field = text(HeaderEncoder.unstructuredField(name: "Subject", value: "é é"))
        #expect(field == "Subject: =?utf-8?b?w6kgw6k=?=\r\n")
    }

    @Test func textThatLooksEncodedAndControlsAreEncoded() {
        let field = text(HeaderEncoder.unstructuredField(name: "Subject", value: "=?utf-8?q?x?= a\r\nBcc: eve@example.com"))
        #expect(!field.dropLast(2).contains("\r\nBcc"))
        #expect(field.hasPrefix("Subject: =?utf-8?"))
    }

    @Test func encodedWordsAreShortAndHoldWholeCharacters() throws {
        var random = SplitMix64(state: 31)
        var texts: [String] = []
        var words: [[String]] = []
        for _ in 0..<100 {
            let value = RandomText.phrase(using: &random, maxWords: 20)
            let maxLength = Int.random(in: 20...75, using: &random)
            let encoded = HeaderEncoder.encodedWords(value, maxLength: maxLength)
            #expect(encoded.allSatisfy { $0.utf8.count <= maxLength && !$0.contains(" ") }, "\(encoded)")
            texts.append(value)
            words.append(encoded)
        }
        let script = """
        import sys, json
        from email.header import decode_header
        out = []
        for words in json.load(sys.stdin):
            # strict UTF-8 per word: a character split across words fails here
            out.append(''.join(b.decode(c, 'strict') for w in words for b, c in decode_header(w)))
        print(json.dumps(out))
        """
        let decoded = try PythonEmail.json([String].self, script, input: Array(try JSONEncoder().encode(words)))
        #expect(decoded == texts)
    }

    @Test func qOrBWhicheverIsShorter() {
        #expect(HeaderEncoder.encodedWords("café au lait") == ["=?utf-8?q?caf=C3=A9_au_lait?="])
        #expect(HeaderEncoder.encodedWords("café crème") == ["=?utf-8?b?Y2Fmw6kgY3LDqG1l?="])
        #expect(HeaderEncoder.encodedWords("日本語のテキスト")[0].hasPrefix("=?utf-8?b?"))
    }

    @Test func randomSubjectsAndNamesSurvivePythonsReader() throws {
        var random = SplitMix64(state: 32)
        var subjects: [String] = []
        var names: [String] = []
        var blocks: [String] = []
        for round in 0..<150 {
            var subject = RandomText.phrase(using: &random, maxWords: 30)
            if round % 10 == 0 { subject = " " + subject + "  " }
            // Words short enough for one encoded-word each: Python joins the encoded-words of a
            // display name with a space (against RFC 2047 section 6.2), so a word split over
            // two would come back with a space inside.
            let name = RandomText.phrase(using: &random, maxWords: 5, maxPieces: 2, spacing: false)
            let block = HeaderEncoder.unstructuredField(name: "Subject", value: subject)
                + HeaderEncoder.addressField(name: "To", addresses: [MIMEAddress("a@example.org", name: name), MIMEAddress("b@example.org")])
            let lines = text(block).components(separatedBy: "\r\n").dropLast()
            for line in lines {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                #expect(line.utf8.count <= 78 || words.count == 1 || (words.count == 2 && line.hasPrefix(" ")) || line.hasPrefix("Subject:") && words.count == 2,
                        "long line: \(line)")
                for word in words where word.contains("=?") { #expect(word.hasSuffix("?=") || word.hasSuffix("?=,"), "cut encoded-word: \(word)") }
            }
            subjects.append(subject)
            names.append(name)
            blocks.append(text(block))
        }
        let script = """
        import sys, json, email, email.policy
        out = []
        for block in json.load(sys.stdin):
            m = email.message_from_bytes(block.encode() + b'\\r\\n', policy=email.policy.default)
            to = m['to'].addresses
            out.append([str(m['subject']), to[0].display_name, to[0].addr_spec, to[1].addr_spec, len(m.defects)])
        print(json.dumps(out))
        """
        struct Row: Decodable {
            var values: [String]
            var defects: Int
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                values = try (0..<4).map { _ in try container.decode(String.self) }
                defects = try container.decode(Int.self)
            }
        }
        let rows = try PythonEmail.json([Row].self, script, input: Array(try JSONEncoder().encode(blocks)))
        for index in rows.indices {
            // Python's reader collapses runs of white space in a display name, even inside
            // one encoded-word, so names are compared with runs made one space.
            let expected = [subjects[index], collapsed(names[index]), "a@example.org", "b@example.org"]
            var actual = rows[index].values
            actual[1] = collapsed(actual[1])
            #expect(actual == expected, "\(blocks[index])")
            #expect(rows[index].defects == 0)
        }
    }

    @Test func displayNamesAreAtomsQuotedOrEncoded() {
        let field = text(HeaderEncoder.addressField(name: "From", addresses: [
            MIMEAddress("a@x.org", name: "Anna Berg"), MIMEAddress("b@x.org", name: "Berg, \"Bo\" \\ B."),
            MIMEAddress("c@x.org", name: "Çelik"), MIMEAddress("d@x.org"),
        ]))
        #expect(field == "From: Anna Berg <a@x.org>, \"Berg, \\\"Bo\\\" \\\\ B.\" <b@x.org>,\r\n =?utf-8?b?w4dlbGlr?= <c@x.org>, d@x.org\r\n")
    }

    @Test func parametersAreTokensQuotedOrRFC2231() {
        func field(_ value: String) -> String {
            text(HeaderEncoder.parameterizedField(name: "Content-Disposition", value: "attachment", parameters: [(name: "filename", value: value)]))
        }
        #expect(field("report.pdf") == "Content-Disposition: attachment; filename=report.pdf\r\n")
        #expect(field("my report (1).pdf") == "Content-Disposition: attachment; filename=\"my report (1).pdf\"\r\n")
        #expect(field("é.txt") == "Content-Disposition: attachment; filename*=utf-8''%C3%A9.txt\r\n")
        let long = field(String(repeating: "ü", count: 40))
        #expect(long.contains("filename*0*=utf-8''%C3%BC") && long.contains(";\r\n filename*1*=%C3%BC"))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func randomFileNamesSurvivePythonsReader() throws {
        var random = SplitMix64(state: 33)
        var names: [String] = []
        var blocks: [String] = []
        for _ in 0..<150 {
            let name = RandomText.fileName(using: &random)
            let block = text(HeaderEncoder.parameterizedField(name: "Content-Disposition", value: "attachment", parameters: [(name: "filename", value: name)]))
            for line in block.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "long line: \(line)") }
            names.append(name)
            blocks.append(block)
        }
        let script = """
        import sys, json, email
        print(json.dumps([email.message_from_bytes(b.encode() + b'\\r\\n').get_filename() for b in json.load(sys.stdin)]))
        """
        let decoded = try PythonEmail.json([String].self, script, input: Array(try JSONEncoder().encode(blocks)))
        for index in names.indices { #expect(decoded[index] == names[index], "\(blocks[index])") }
    }

    @Test func aWordTooLongForAnyLineIsEncodedIntoShortWords() throws {
        let word = String(repeating: "abcdefghij", count: 120)
        let field = HeaderEncoder.unstructuredField(name: "Subject", value: "see " + word)
        let lines = text(field).components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 10 && lines.allSatisfy { $0.utf8.count <= 78 })
        let script = """
        import sys, email, email.policy
        print(email.message_from_bytes(sys.stdin.buffer.read() + b'\\r\\n', policy=email.policy.default)['subject'], end='')
        """
        #expect(try PythonEmail.run(script, input: field) == "see " + word)
    }

    @Test func foldedLinesUnfoldToTheValue() {
        let value = (0..<40).map { "word\($0)" }.joined(separator: " ")
        let field = text(HeaderEncoder.unstructuredField(name: "Subject", value: value))
        #expect(field.components(separatedBy: "\r\n").dropLast().allSatisfy { $0.utf8.count <= 78 })
        #expect(field.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + value)
    }
}

private func collapsed(_ text: String) -> String {
    text.split(separator: " ").joined(separator: " ")
}

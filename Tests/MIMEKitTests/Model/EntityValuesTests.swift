import Foundation
import Testing
@testable import MIMEKit

@Suite struct SafeFileNameTests {
    @Test(arguments: [
        ("../../etc/passwd", "passwd"),
        ("/absolute/path/report.pdf", "report.pdf"),
        ("C:\\Users\\x\\evil.exe", "evil.exe"),
        ("..", nil),
        ("...hidden", "hidden"),
        ("a\u{0}b\u{7}c.txt", "abc.txt"),
        ("invoice\u{202E}fdp.exe", "invoicefdp.exe"),
        ("con.txt", "_con.txt"),
        ("LPT1", "_LPT1"),
        ("what?.txt", "what_.txt"),
        ("trailing. . ", "trailing"),
        ("", nil),
        ("  ", nil),
        ("résumé.pdf", "résumé.pdf"),
    ] as [(String, String?)])
    func namesFromMessagesBecomeSafe(_ input: String, _ expected: String?) {
        #expect(SafeFileName.make(input) == expected)
    }

    @Test func longNamesKeepTheirExtension() throws {
        let name = String(repeating: "é", count: 200) + ".pdf"
        let safe = try #require(SafeFileName.make(name))
        #expect(safe.utf8.count <= 255)
        #expect(safe.hasSuffix(".pdf"))
    }
}

@Suite struct EntityValuesTests {
    @Test func fileNameFromDispositionOrName() {
        let text = """
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: application/pdf; name="old.pdf"
            Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf

            x
            --b
            Content-Type: image/png; name="=?utf-8?q?caf=C3=A9.png?="

            y
            --b
            Content-Type: text/plain

            z
            --b--

            """
        let message = MIMEMessage(bytes: Array(text.utf8))
        #expect(message.entity(id: "1")?.fileName == "résumé.pdf")
        #expect(message.entity(id: "1")?.isAttachment == true)
        #expect(message.entity(id: "2")?.fileName == "café.png")
        #expect(message.entity(id: "2")?.isAttachment == true)
        #expect(message.entity(id: "3")?.isAttachment == false)
        #expect(message.root.isAttachment == false)
    }

    @Test func textIsDecodedFromItsCharset() {
        let bytes = Array("Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\ncaf=E9\n".utf8)
        #expect(MIMEMessage(bytes: bytes).root.decodedText() == "café\n")
        let raw: [UInt8] = Array("Content-Type: text/plain\n\ncaf".utf8) + [0xE9]
        #expect(MIMEMessage(bytes: raw).root.decodedText() == "café")
    }

    @Test func envelopeDecodesTheMessageHeader() {
        let text = """
            From: =?utf-8?q?Fran=C3=A7ois?= <francois@example.fr>
            To: a@example.org, "B, Person" <b@example.org>
            Cc: undisclosed-recipients:;
            Subject: =?utf-8?b?wqFIb2xhIQ==?= again
            Date: Fri, 14 Jun 1991 19:13:14 -0400 (EDT)
            Message-ID: <x1@example.org>
            In-Reply-To: <p1@example.org> <p2@example.org>

            body

            """
        let envelope = MIMEMessage(bytes: Array(text.utf8)).envelope
        #expect(envelope.subject == "¡Hola! again")
        #expect(envelope.from.first?.name == "François")
        #expect(envelope.from.first?.address == "francois@example.fr")
        #expect(envelope.to.map(\.address) == ["a@example.org", "b@example.org"])
        #expect(envelope.to.last?.name == "B, Person")
        #expect(envelope.cc.isEmpty)
        #expect(envelope.date?.iso8601 == "1991-06-14T19:13:14-04:00")
        #expect(envelope.date?.iso8601UTC == "1991-06-14T23:13:14Z")
        #expect(envelope.messageID == "x1@example.org")
        #expect(envelope.inReplyTo == ["p1@example.org", "p2@example.org"])
    }
}

@Suite struct CorpusTextTests {
    /// `Corpus/headers/charsets.eml` was written by Python from these very strings, encoded
    /// in each part's charset.
    @Test func textPartsDecodeFromTheirCharsets() throws {
        let url = TestCorpus.projectCorpus.appendingPathComponent("headers/charsets.eml")
        let message = MIMEMessage(bytes: try TestCorpus.bytes(url))
        #expect(message.entity(id: "1")?.decodedText() == "Привет, мир")
        #expect(message.entity(id: "2")?.decodedText() == "\u{201C}smart quotes\u{201D} and the euro \u{20AC}")
        #expect(message.entity(id: "3")?.decodedText() == "こんにちは")
        #expect(message.envelope.subject == "Привет / ハローワールド / 你好")
    }
}

/// `isAttachment` takes a shortcut for common Content-Disposition values; these check it
/// against answers worked out by hand and against the rule it stands for, computed from the
/// parsed values.
@Suite struct IsAttachmentTests {
    private func leaf(disposition: String?, contentType: String = "text/plain") -> MIMEEntity {
        var text = "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: \(contentType)\n"
        if let disposition { text += "Content-Disposition: \(disposition)\n" }
        text += "\nx\n--b--\n"
        let message = MIMEMessage(bytes: Array(text.utf8))
        return message.entities[1]
    }

    @Test(arguments: [
        ("attachment", "text/plain", true),
        ("ATTACHMENT; filename=a", "text/plain", true),
        ("inline", "text/plain", false),
        ("inline; filename=a.png", "image/png", true),
        ("inline; filename=\"\"", "text/plain", false),
        ("inline; filename*=utf-8''%C3%A9.txt", "text/plain", true),
        ("\n attachment", "text/plain", true),
        ("(comment) attachment", "text/plain", true),
        ("attachments", "text/plain", false),
        ("attachment-x; x=1", "text/plain", false),
        ("x-attachment", "text/plain", false),
        ("inline; file(c)name=a", "text/plain", false),
        ("inline;\n filename=\"a b.pdf\"", "text/plain", true),
        ("", "text/plain", false),
        ("attachment;;;=x", "text/plain", true),
        ("inline", "application/pdf; name=x.pdf", true),
        ("inline", "application/pdf; NAME=\"\"", false),
        ("inline; FileName*0=a; filename*1=b", "text/plain", true),
        ("form-data; name=field", "text/plain", false),
    ] as [(String, String, Bool)])
    func handCheckedValues(_ disposition: String, _ contentType: String, _ expected: Bool) {
        #expect(leaf(disposition: disposition, contentType: contentType).isAttachment == expected,
                "\(disposition.debugDescription) with \(contentType)")
    }

    @Test func withoutDisposition() {
        #expect(!leaf(disposition: nil).isAttachment)
        #expect(leaf(disposition: nil, contentType: "image/png; name=a.png").isAttachment)
        #expect(!leaf(disposition: nil, contentType: "image/png; name=").isAttachment)
        #expect(leaf(disposition: nil, contentType: "image/png; Name=\"=?utf-8?q?caf=C3=A9.png?=\"").isAttachment)
    }

    /// The rule `isAttachment` implements, from the fully parsed values.
    private func rule(_ entity: MIMEEntity) -> Bool {
        guard entity.isLeaf else { return false }
        if let disposition = entity.contentDisposition {
            if disposition.isAttachment { return true }
            if let name = disposition.filename, !name.isEmpty { return true }
        }
        if let name = entity.contentType.name, !name.isEmpty { return true }
        return false
    }

    @Test func agreesWithTheRuleOnGeneratedValues() {
        let leads = ["", " ", "(c) ", "\n "]
        let types = ["attachment", "Attachment", "inline", "INLINE", "attachments", "x-attachment", "",
                     "\"attachment\"", "att\u{130}chment"]
        let tails = ["", ";", "; filename=a.txt", "; FILENAME=\"b c.pdf\"", "; filename*=utf-8''%C3%A9.txt",
                     "; filename*0=a; filename*1=b", "; filename=\"\"", "; name=x", "(comment); filename=x",
                     "\n ; filename=x", ";junk", "; x-filename-y=1", "; filename==?utf-8?q??=", "; file(c)name=a"]
        let contentTypes = ["text/plain", "application/pdf; name=a.pdf", "image/png; NAME=\"\"",
                            "image/png; name*=utf-8''%C3%A9.png", "text/plain; name=\"=?utf-8?q??=\""]
        var attachments = 0, others = 0
        for lead in leads {
            for type in types {
                for tail in tails {
                    for contentType in contentTypes {
                        let entity = leaf(disposition: lead + type + tail, contentType: contentType)
                        let expected = rule(entity)
                        #expect(entity.isAttachment == expected, "\((lead + type + tail).debugDescription) \(contentType)")
                        if expected { attachments += 1 } else { others += 1 }
                    }
                }
            }
        }
        // Both answers must be well represented for the comparison to mean anything.
        #expect(attachments > 500 && others > 300, "\(attachments) \(others)")
    }
}

/// `decodedBodyReport` counts 7bit, 8bit and binary bodies instead of passing them through
/// `decodeBody`; its report must be the one `decodeBody` gives, in and out of an mbox.
@Suite struct DecodedBodyReportTests {
    private static let encodings = ["", "7bit", "8BIT", "binary", "base64", "quoted-printable", "x-uuencode", "x-custom"]
    private static let bodies = [
        "", "plain\n", "line one\nFromage\n>From there\n>>From far\n >From not quoted\n>From\n",
        ">From at the start\n", "no final line break", "aGVsbG8gd29ybGQ=\n", "caf=C3=A9=\n", "=ZZ broken\n",
        "begin 644 a\n#86)C\n`\nend\n", "\r\n>From crlf\r\n",
    ]

    private func check(_ message: MIMEMessage) -> Int {
        var checked = 0
        for entity in message.entities {
            let expected = entity.decodeBody { _ in }
            #expect(entity.decodedBodyReport() == expected, "\(entity.id) \(entity.transferEncodingName ?? "none")")
            #expect(entity.decodedBodyReport(discardingPages: true) == expected)
            checked += 1
        }
        return checked
    }

    @Test func sameReportAsDecodeBody() {
        var checked = 0
        // Every body with every encoding, by rotating which encoding each body gets.
        for shift in 0..<Self.encodings.count {
            let rotated = Array(Self.encodings[shift...] + Self.encodings[..<shift])
            var text = "Content-Type: multipart/mixed; boundary=b\n\n"
            for (i, body) in Self.bodies.enumerated() {
                let encoding = rotated[i % rotated.count]
                text += "--b\nContent-Type: text/plain\n"
                if !encoding.isEmpty { text += "Content-Transfer-Encoding: \(encoding)\n" }
                text += "\n\(body)\n"
            }
            text += "--b--\n"
            checked += check(MIMEMessage(bytes: Array(text.utf8)))
            // In an mbox, quoted `From ` lines lose a `>`.
            let mbox = "From a@example.org Mon Jan  1 00:00:00 2024\n" + text + "\n"
            MIMEParser.parseMessages(ByteStorage(Array(mbox.utf8)), options: .mbox) { checked += check($0) }
        }
        #expect(checked == 2 * Self.encodings.count * (Self.bodies.count + 1))
    }

    @Test func handCountedSizes() {
        // Worked out by hand: the body is `a\n>From b` (9 bytes) and, in an mbox, loses the
        // quoting `>` (8 bytes); the line break before the boundary belongs to the boundary.
        let text = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\na\n>From b\n--b--\n"
        let plain = MIMEMessage(bytes: Array(text.utf8))
        #expect(plain.entities[1].decodedBodyReport().decodedSize == 9)
        #expect(plain.entities[1].decodedBodyReport().diagnostics.isEmpty)
        var sizes: [Int] = []
        let mbox = "From a@example.org Mon Jan  1 00:00:00 2024\n" + text + "\n"
        MIMEParser.parseMessages(ByteStorage(Array(mbox.utf8)), options: .mbox) {
            sizes.append($0.entities[1].decodedBodyReport().decodedSize)
        }
        #expect(sizes == [8])
    }
}

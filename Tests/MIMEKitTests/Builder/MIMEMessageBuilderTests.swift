import Foundation
import Testing
@testable import MIMEKit

@Suite struct MIMEMessageBuilderTests {
    private let fixed = MIMEBuildOptions(now: MIMETimestamp(secondsSince1970: 1_790_000_000, utcOffsetMinutes: 60), seed: 7,
                                         messageIDDomain: "example.org")

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func writesTheHeaderInOrderWithGeneratedDateAndMessageID() {
        var message = MIMEMessageBuilder(body: .text("Hi\n"))
        message.from = [MIMEAddress("anna@example.org", name: "Anna")]
        message.to = [MIMEAddress("bob@example.com")]
        message.subject = "Hello"
        let lines = text(message.serialize(options: fixed)).components(separatedBy: "\r\n")
        #expect(lines[0] == "From: Anna <anna@example.org>")
        #expect(lines[1] == "To: bob@example.com")
        #expect(lines[2] == "Subject: Hello")
        #expect(lines[3] == "Date: Mon, 21 Sep 2026 15:13:20 +0100")
        #expect(lines[4].hasPrefix("Message-ID: <") && lines[4].hasSuffix("@example.org>") && lines[4].count > 30)
        #expect(Array(lines[5...]) == ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "Hi", ""])
    }

    @Test func givenDateAndMessageIDAreKept() {
        var message = MIMEMessageBuilder(body: .text("x"))
        message.date = MIMETimestamp(secondsSince1970: 0)
        message.messageID = "abc@example.org"
        let output = text(message.serialize(options: fixed))
        #expect(output.hasPrefix("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(output.contains("\r\nMessage-ID: <abc@example.org>\r\n"))
    }

    @Test func fieldsCopiedFromAParsedMessageKeepItsDateAndMessageID() {
        let original = MIMEMessage(bytes: Array("From: a@example.org\nDate: Tue, 1 Jan 2030 00:00:00 +0000\nMessage-ID: <x@y>\nSubject: =?utf-8?q?caf=C3=A9?=\n folded\nContent-Type: text/plain\n\nold body\n".utf8))
        var message = MIMEMessageBuilder(body: .text("new body"))
        message.fields = original.headers.filter { !$0.hasName("Content-Type") }.map(MIMEHeader.init)
        let output = text(message.serialize(options: fixed))
        #expect(output.hasPrefix("From: a@example.org\r\nDate: Tue, 1 Jan 2030 00:00:00 +0000\r\nMessage-ID: <x@y>\r\nSubject: =?utf-8?q?caf=C3=A9?=\r\n folded\r\nMIME-Version: 1.0\r\n"))
        #expect(MIMEMessage(bytes: Array(output.utf8)).headers.fields(named: "Date").count == 1)
    }

    @Test func datesMatchPythonsFormatter() throws {
        let cases: [(Int64, Int)] = [(0, 0), (1_790_000_000, 60), (-1, 0), (951_782_400, -330), (4_102_444_799, 840), (-2_208_988_800, 0)]
        let ours = cases.map { MIMETimestamp(secondsSince1970: $0.0, utcOffsetMinutes: $0.1).rfc5322 }
        let script = """
        import sys, json, email.utils, datetime
        for t, off in json.load(sys.stdin):
            tz = datetime.timezone(datetime.timedelta(minutes=off))
            print(email.utils.format_datetime(datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc).astimezone(tz) + datetime.timedelta(seconds=t)))
        """
        let python = try PythonEmail.run(script, input: Array(try JSONEncoder().encode(cases.map { [Int($0.0), $0.1] })))
        #expect(ours == python.split(separator: "\n").map(String.init))
    }

    @Test func aSeedMakesTheOutputReproducible() {
        let message = MIMEMessageBuilder(body: .multipart("mixed", [.text("a"), .multipart("alternative", [.text("b"), .text("<b/>", subtype: "html")])]))
        #expect(message.serialize(options: fixed) == message.serialize(options: fixed))
        var other = fixed
        other.seed = 8
        #expect(message.serialize(options: fixed) != message.serialize(options: other))
    }

    @Test func boundariesAvoidTheContentTheyDelimit() throws {
        let first = MIMEMessage(bytes: MIMEMessageBuilder(body: .multipart("mixed", [.text("x")])).serialize(options: fixed))
        let taken = try #require(first.root.contentType.parameters["boundary"])
        let clashing = "--\(taken)\n--\(taken)--\n"
        let second = MIMEMessage(bytes: MIMEMessageBuilder(body: .multipart("mixed", [.text(clashing)])).serialize(options: fixed))
        let boundary = try #require(second.root.contentType.parameters["boundary"])
        #expect(boundary != taken)
        #expect(second.root.children.count == 1)
        #expect(text(second.root.children[0].decodedBody()) == "--\(taken)\r\n--\(taken)--\r\n")
    }

    @Test func nestedMultipartsGetDistinctBoundaries() {
        let message = MIMEMessage(bytes: MIMEPart.multipart("mixed", [.multipart("alternative", [.text("a")]), .multipart("related", [.text("b")])])
            .serialize(options: fixed))
        let boundaries = message.entities.filter { $0.kind == .multipart }.compactMap { $0.contentType.parameters["boundary"] }
        #expect(boundaries.count == 3 && Set(boundaries).count == 3)
    }

    @Test func transferEncodingIsChosenByContent() throws {
        func encoding(_ part: MIMEPart) throws -> String? {
            MIMEMessage(bytes: part.serialize(options: fixed)).root.transferEncodingName
        }
        #expect(try encoding(.text("plain ASCII\nlines\n")) == nil)
        #expect(try encoding(.text(String(repeating: "x", count: 999))) == "quoted-printable")
        #expect(try encoding(.text("trailing space \nhere")) == "quoted-printable")
        #expect(try encoding(.text("Grüße aus der Stadt, in der es viel regnet")) == "quoted-printable")
        #expect(try encoding(.text("Привет, как дела?")) == "base64")
        #expect(try encoding(.attachment(Array("ascii\r\nlines\r\n".utf8))) == nil)
        #expect(try encoding(.attachment([0, 1, 2])) == "base64")
        #expect(try encoding(.attachment(Array("text with é but\nbare LF\n".utf8), type: ContentType(type: "text", subtype: "plain"))) == "base64")
        #expect(try encoding(.attachment(Array("text with é and\r\nCRLF lines\r\n".utf8), type: ContentType(type: "text", subtype: "plain"))) == "quoted-printable")
        var eightBit = MIMEPart.text("Grüße\n")
        eightBit.transferEncoding = .eightBit
        #expect(try encoding(eightBit) == "8bit")
        #expect(eightBit.serialize(options: fixed).suffix(9) == Array("Grüße\r\n".utf8))
    }

    @Test func attachmentsCarryDispositionAndFileName() throws {
        var part = MIMEPart.attachment([1, 2, 3], type: ContentType(type: "application", subtype: "pdf"), filename: "Bericht über 2026.pdf")
        part.contentID = "part1@example.org"
        part.contentDescription = "Jahresbericht für Köln"
        let script = """
        import sys, email, email.policy
        m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
        print(m.get_content_disposition(), m.get_filename(), m['content-id'], m['content-description'], list(m.get_payload(decode=True)), sep='|')
        """
        let output = try PythonEmail.run(script, input: part.serialize(options: fixed))
        #expect(output == "attachment|Bericht über 2026.pdf|<part1@example.org>|Jahresbericht für Köln|[1, 2, 3]\n")
    }

    @Test func extraFieldsAreEncodedAndCannotInjectFields() {
        var message = MIMEMessageBuilder(body: .text("x"))
        message.fields = [MIMEHeader("X-Note", "ok\r\nBcc: eve@example.com"), MIMEHeader("X-Raw", rawValue: Array(" a\r\n b".utf8))]
        let parsed = MIMEMessage(bytes: message.serialize(options: fixed))
        #expect(parsed.headers.fields(named: "Bcc").isEmpty)
        #expect(parsed.headers["X-Raw"] == "a b")
        #expect(parsed.headers["X-Note"]?.hasPrefix("=?utf-8?") == true)
    }

    @Test func aParsedMessageIsEnclosedByteForByte() throws {
        let original = Array("From: a@example.org\nSubject: old\n\nbody with LF only\n".utf8)
        let enclosed = MIMEMessage(bytes: original)
        let outer = MIMEMessage(bytes: MIMEPart.multipart("mixed", [.text("see attached"), .message(enclosed)]).serialize(options: fixed))
        let part = outer.root.children[1]
        #expect(part.contentType.mimeType == "message/rfc822")
        #expect(part.children[0].raw.bytes == original)
    }

    @Test func aBuiltMessageIsEnclosed() throws {
        var inner = MIMEMessageBuilder(body: .text("inner"))
        inner.subject = "Innen"
        let outer = MIMEMessage(bytes: MIMEPart.message(inner).serialize(options: fixed))
        let root = try #require(outer.root.children.first)
        #expect(root.headers["Subject"] == "Innen")
        #expect(root.decodedBody() == Array("inner".utf8))
    }

    @Test func signedWrapsTheExactBytesOfTheContent() throws {
        let content = Array("Content-Type: text/plain\r\n\r\nsigned text\r\n".utf8)
        let signature = MIMEPart.attachment([0x30, 0x82, 0x01], type: ContentType(type: "application", subtype: "pkcs7-signature"), filename: "smime.p7s")
        var message = MIMEMessageBuilder(body: .signed(content: .raw(content), signature: signature,
                                                       protocol: "application/pkcs7-signature", micalg: "sha-256"))
        message.subject = "signed"
        let parsed = MIMEMessage(bytes: message.serialize(options: fixed))
        let type = parsed.root.contentType
        #expect(type.mimeType == "multipart/signed")
        #expect(type.parameters["protocol"] == "application/pkcs7-signature")
        #expect(type.parameters["micalg"] == "sha-256")
        #expect(parsed.root.children[0].raw.bytes == content)
        #expect(parsed.root.children[1].decodedBody() == [0x30, 0x82, 0x01])
    }

    @Test func encryptedHasTheControlPartFirst() {
        let part = MIMEPart.encrypted(control: MIMEPart(contentType: ContentType(type: "application", subtype: "pgp-encrypted"), content: .text("Version: 1\n")),
                                      encrypted: .attachment(Array("-----BEGIN PGP MESSAGE-----\r\n".utf8), filename: "encrypted.asc"),
                                      protocol: "application/pgp-encrypted")
        let parsed = MIMEMessage(bytes: part.serialize(options: fixed))
        #expect(parsed.outline == ["TEXT multipart/encrypted", "1 application/pgp-encrypted", "2 application/octet-stream"])
        #expect(parsed.root.contentType.parameters["protocol"] == "application/pgp-encrypted")
        #expect(parsed.root.children[0].decodedBody() == Array("Version: 1\r\n".utf8))
    }
}

import MIMECrypto
import MIMEKit
import MIMESMIME
import Testing

/// The parts of the MIME glue that need no keys: recognising S/MIME entities, reading the
/// From address, and the canonical form of content to protect.
@Suite struct MIMEGlueTests {
    static func root(_ text: String) -> MIMEEntity {
        MIMEMessage(bytes: Array(text.utf8)).root
    }

    @Test(arguments: [
        ("Alice <alice@example.org>", "alice@example.org"),
        ("alice@Example.ORG", "alice@example.org"),
        ("\"Bob, Jr.\" <bob@example.org>", "bob@example.org"),
        ("alice@example.org (Alice)", "alice@example.org"),
        ("alice@example.org <mallory@example.net>", "mallory@example.net"),
    ])
    func fromAddressIsTheOneInAngleBracketsOrTheBareOne(value: String, address: String) {
        #expect(SenderAddress.parse(value) == address)
    }

    @Test(arguments: ["undisclosed-recipients:;", "Alice <alice@example.org", "", "Alice"])
    func fieldWithoutAReadableAddressHasNone(value: String) {
        #expect(SenderAddress.parse(value) == nil)
    }

    @Test func senderComesFromTheFromField() {
        #expect(SenderAddress.of(MIMEMessage(bytes: Array("From: A <a@example.org>\r\nTo: b@example.org\r\n\r\nx".utf8))) == "a@example.org")
        #expect(SenderAddress.of(MIMEMessage(bytes: Array("To: b@example.org\r\n\r\nx".utf8))) == nil)
        #expect(SenderAddress.matches(["A@Example.org"], sender: "a@example.org"))
        #expect(!SenderAddress.matches([], sender: "a@example.org"))
    }

    @Test func smimeEntitiesAreRecognisedByContentType() {
        let cases: [(String, SMIMEEntityKind?)] = [
            ("Content-Type: multipart/signed; protocol=\"application/x-pkcs7-signature\"; boundary=b\n\n--b\n\nx\n--b\nContent-Type: application/x-pkcs7-signature\n\nAA==\n--b--\n", .detachedSignature),
            ("Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=b\n\n--b\n\nx\n--b--\n", nil),
            ("Content-Type: application/x-pkcs7-mime; smime-type=enveloped-data\n\nAA==\n", .envelopedData),
            ("Content-Type: application/pkcs7-mime; smime-type=authEnveloped-data\n\nAA==\n", .authEnvelopedData),
            ("Content-Type: application/pkcs7-mime; smime-type=Signed-Data\n\nAA==\n", .signedData),
            ("Content-Type: application/pkcs7-mime; smime-type=certs-only\n\nAA==\n", .other(smimeType: "certs-only")),
            ("Content-Type: application/pkcs7-mime\n\nnot base64 at all\n", .other(smimeType: "")),
            ("Content-Type: text/plain\n\nx\n", nil),
        ]
        for (text, kind) in cases {
            #expect(SMIMEEntityKind(Self.root(text)) == kind, "\(text)")
        }
        #expect(SMIMEEntityKind.other(smimeType: "certs-only").role == nil)
        #expect(SMIMEBackend().role(of: Self.root(cases[2].0)) == .encrypted)
    }

    @Test func protectedContentKeepsOuterFieldsAndCanonicalisesTheEntity() {
        let message = MIMEMessage(bytes: Array("From: a@example.org\nMIME-Version: 1.0\nSubject: Hi\n\nline one\nline two\n".utf8))
        let content = SMIMEProtectedContent(message: message)
        #expect(content.outerFields.map { String(decoding: $0, as: UTF8.self) } == ["From: a@example.org\r\n", "Subject: Hi\r\n"])
        #expect(content.entity == Array("Content-Type: text/plain; charset=us-ascii\r\n\r\nline one\r\nline two\r\n".utf8))
    }

    @Test func eightBitOrLongLinedTextIsReEncoded() {
        for body in ["Grüße\nzwei\n", String(repeating: "x", count: 1_000) + "\n", "\u{1}\u{2}ÿþ\n"] {
            let message = MIMEMessage(bytes: Array("Subject: s\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n\(body)".utf8))
            let content = SMIMEProtectedContent(message: message)
            #expect(content.entity.allSatisfy { $0 < 0x80 }, "\(body)")
            let entity = MIMEMessage(bytes: content.entity).root
            #expect(["base64", "quoted-printable"].contains(entity.transferEncodingName?.lowercased()))
            #expect(entity.headers.fields(named: "Content-Transfer-Encoding").count == 1)
            #expect(entity.decodedBody() == SMIMECanonicalization.crlf(Array(body.utf8)))
        }
    }

    @Test func eightBitPartsOfAMultipartAreReEncoded() {
        let message = MIMEMessage(bytes: Array("Subject: s\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nGrüße\n--b--\n".utf8))
        let content = SMIMEProtectedContent(message: message)
        #expect(content.entity.allSatisfy { $0 < 0x80 })
        let part = MIMEMessage(bytes: content.entity).root.children.first
        #expect(part?.decodedBody() == Array("Grüße".utf8))
    }
}

import MIMECrypto
import MIMEKit
import Testing

@testable import MIMEOpenPGP

/// `OpenPGPBackend` through `MIMECryptoUnwrapper`, and `OpenPGPMessageProtector`, with `gpg`
/// as the peer.
@Suite("OpenPGP as a MIMECryptoBackend", .serialized)
final class BackendTests {
    let peers: Peers

    init() throws { peers = try Peers() }

    var backend: OpenPGPBackend { OpenPGPBackend(context: peers.context) }

    static let content = "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe vault code is 4711.\r\n"

    func carolSigned(from: String = "Carol <carol@example.net>") throws -> MIMEMessage {
        let signature = try peers.peer.gpg(["--armor", "--detach-sign"], input: Array(text: Self.content)).text
        let text = "From: \(from)\r\nContent-Type: multipart/signed; protocol=\"application/pgp-signature\"; micalg=pgp-sha256; boundary=b\r\n\r\n"
            + "--b\r\n\(Self.content)\r\n--b\r\nContent-Type: application/pgp-signature\r\n\r\n\(signature)\r\n--b--\r\n"
        return MIMEMessage(bytes: Array(text: text))
    }

    @Test func rolesComeFromTheContentType() throws {
        let signed = try carolSigned()
        #expect(backend.role(of: signed.root) == .signed)
        #expect(backend.role(of: signed.root.children[0]) == nil)
        let smime = MIMEMessage(bytes: Array(text: "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n"))
        #expect(backend.role(of: smime.root) == nil)
        let encrypted = MIMEMessage(bytes: Array(text: "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n"))
        #expect(backend.role(of: encrypted.root) == .encrypted)
        let inline = MIMEMessage(bytes: Array(text: "Content-Type: text/plain\r\n\r\nhi\r\n-----BEGIN PGP MESSAGE-----\r\n"))
        #expect(backend.role(of: inline.root) == .encrypted)
        let quoted = MIMEMessage(bytes: Array(text: "Content-Type: text/plain\r\n\r\n> -----BEGIN PGP MESSAGE-----\r\n"))
        #expect(backend.role(of: quoted.root) == nil)
        let attached = MIMEMessage(bytes: Array(text: "Content-Type: text/plain\r\nContent-Disposition: attachment\r\n\r\n-----BEGIN PGP SIGNED MESSAGE-----\r\n"))
        #expect(backend.role(of: attached.root) == nil)
    }

    @Test func unwrapperVerifiesAndComparesTheSigner() throws {
        let layers = MIMECryptoUnwrapper(backends: [backend]).unwrap(try carolSigned())
        try #require(layers.count == 1)
        #expect(layers[0].backend == "openpgp")
        guard case .verified(let verification) = layers[0].outcome else {
            Issue.record("not verified: \(layers[0].outcome)")
            return
        }
        #expect(verification.signatures.map(\.status) == [.valid])
        #expect(verification.isDetached)
        #expect(verification.findings.isEmpty)
        #expect(verification.content.root.decodedBody() == Array(text: "The vault code is 4711.\r\n"))

        let spoofed = MIMECryptoUnwrapper(backends: [backend]).unwrap(try carolSigned(from: "\"carol@example.net\" <mallory@example.com>"))
        guard case .verified(let other) = spoofed.first?.outcome else {
            Issue.record("not verified")
            return
        }
        #expect(other.findings.map(\.code) == ["signerIsNotSender"])
    }

    @Test func encryptionIsReadWithoutAKey() throws {
        for (options, protected, algorithm) in [
            (["--rfc2440"], false, "openpgp-cfb"), (["--force-mdc"], true, "openpgp-cfb-mdc"),
        ] {
            let armored = try peers.peer.gpg(
                options + ["--armor", "--encrypt", "-r", Peers.aliceAddress], input: Array(text: Self.content)
            ).text
            let message = MIMEMessage(bytes: Array(text: "Content-Type: text/plain\r\n\r\n" + armored))
            let info = backend.encryptionInfo(of: message.root)
            #expect(info?.isIntegrityProtected == protected)
            #expect(info?.contentEncryptionAlgorithm == algorithm)
            let layer = MIMECryptoUnwrapper(backends: [backend]).unwrap(message).first
            switch layer?.outcome {
            case .decrypted(let decrypted):
                #expect(protected)
                #expect(decrypted.content.root.decodedBody() == Array(text: Self.content))
            case .failed(let error):
                #expect(!protected)
                #expect(error.message.hasPrefix("integrity-protection-missing"))
                #expect(layer?.encryption?.isIntegrityProtected == false)
            default:
                Issue.record("unexpected \(String(describing: layer))")
            }
        }
    }

    @Test func defaultSignerAndRecipientsFollowTheHeader() {
        let message = MIMEMessage(bytes: Array(text: """
            From: "Alice A." <Alice@Example.org>
            To: Carol <carol@example.net>, alice@example.org
            Cc: team: dave@example.com, erin@example.com;
            Bcc: frank@example.com
            Subject: x

            hi

            """))
        #expect(OpenPGPMessageProtector.defaultSigner(of: message) == .email("Alice@Example.org"))
        #expect(OpenPGPMessageProtector.defaultRecipients(of: message) == [
            .email("carol@example.net"), .email("alice@example.org"), .email("dave@example.com"),
            .email("erin@example.com"), .email("frank@example.com"),
        ])
        let empty = MIMEMessage(bytes: Array(text: "Subject: x\r\n\r\nhi\r\n"))
        #expect(OpenPGPMessageProtector.defaultSigner(of: empty) == nil)
        #expect(OpenPGPMessageProtector.defaultRecipients(of: empty).isEmpty)
    }

    @Test func protectedMessageKeepsItsOuterFieldsAndOpensWithGPG() throws {
        let message = MIMEMessage(bytes: Array(text: "From: Alice <alice@example.org>\nTo: carol@example.net\nSubject: Vault\nMIME-Version: 1.0\n\nThe vault code is 4711.\n"))
        let protector = OpenPGPMessageProtector(context: peers.context)
        let sealed = MIMEMessage(bytes: try protector.encrypt(message, signing: true))
        #expect(sealed.headers["Subject"] == "Vault")
        #expect(sealed.headers.fields(named: "MIME-Version").count == 1)
        let payload = sealed.root.children[1].decodedBody()
        let opened = try peers.peer.gpg(["--status-fd", "2", "--decrypt"], input: payload)
        #expect(opened.output == Array(text: "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe vault code is 4711.\r\n"))
        #expect(opened.errors.contains("[GNUPG:] GOODSIG"))

        let signed = MIMEMessage(bytes: try protector.sign(message))
        let layer = MIMECryptoUnwrapper(backends: [backend]).unwrap(signed).first
        guard case .verified(let verification) = layer?.outcome else {
            Issue.record("not verified")
            return
        }
        #expect(verification.isValid)
        #expect(verification.findings.isEmpty)
    }
}

import Foundation
import MIMECrypto
import MIMEKit
import MIMESMIME
import Testing

/// Whole messages between gpgsm and the MIME layer.
extension SMIMETests.GPGSMInterop {
    /// A multipart/signed message around `content` and gpgsm's detached signature of it.
    static func multipartSigned(_ content: [UInt8], signature: [UInt8]) -> [UInt8] {
        let base64 = Data(signature).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return Array("From: alice@example.org\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=\"b1\"\r\n\r\n--b1\r\n".utf8)
            + content
            + Array("\r\n--b1\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\n\(base64)\r\n--b1--\r\n".utf8)
    }

    @Test func gpgsmSignedMessageVerifiesThroughTheMIMELayer() throws {
        try Self.withHome { home, fixture in
            let name = UUID().uuidString
            try fixture.write(Self.body, to: "\(name).txt")
            try home.gpgsm(
                ["--passphrase-fd", "0", "-u", "alice@example.org", "--detach-sign", "-o", "\(name).sig", "\(name).txt"],
                input: Self.passphrase
            )
            let message = Self.multipartSigned(Self.body, signature: try fixture.bytes("\(name).sig"))
            let layers = MIMECryptoUnwrapper(backends: [SMIMEBackend(verifier: SMIMEVerifier(trust: fixture.trust))])
                .unwrap(MIMEMessage(bytes: message))
            guard case .verified(let verification) = layers.first?.outcome else {
                Issue.record("not verified: \(layers)")
                return
            }
            #expect(verification.isValid)
            #expect(verification.findings.isEmpty, "unexpected findings \(verification.findings)")
        }
    }

    @Test func gpgsmEncryptedMessageDecryptsThroughTheMIMELayer() throws {
        try Self.withHome { home, fixture in
            let name = UUID().uuidString
            try fixture.write(Self.body, to: "\(name).txt")
            try home.gpgsm(["-r", "alice@example.org", "--encrypt", "-o", "\(name).enc", "\(name).txt"])
            let base64 = try Data(fixture.bytes("\(name).enc")).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            let message = Array("To: alice@example.org\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\n\(base64)\r\n".utf8)
            let backend = SMIMEBackend(verifier: SMIMEVerifier(trust: fixture.trust), identities: [try fixture.identity("alice")])
            let layers = MIMECryptoUnwrapper(backends: [backend]).unwrap(MIMEMessage(bytes: message))
            guard case .decrypted(let decrypted) = layers.first?.outcome else {
                Issue.record("not decrypted: \(layers)")
                return
            }
            #expect(decrypted.info.isIntegrityProtected == false)
            #expect(decrypted.content.root.decodedBody() == Array("Between GnuPG and OpenSSL.\r\n".utf8))
        }
    }

    @Test(arguments: ["alice", "carol"])
    func messageSignedHereVerifiesWithGPGSM(signer: String) throws {
        try Self.withHome { home, fixture in
            let plain = Array("From: \(signer)@example.org\nSubject: x\n\nChecked by gpgsm.\n".utf8)
            let signed = try SMIMEMessageSigner(signer: SMIMESigner(identities: [fixture.identity(signer)]))
                .signDetached(MIMEMessage(bytes: plain))
            let parts = MIMEMessage(bytes: signed).root.children
            try #require(parts.count == 2)
            let name = UUID().uuidString
            try fixture.write(parts[0].raw.bytes, to: "\(name).txt")
            try fixture.write(parts[1].decodedBody(), to: "\(name).sig")
            let run = try home.gpgsm(["--verify", "\(name).sig", "\(name).txt"])
            #expect(run.errors.contains("Good signature"))
        }
    }

    @Test func cbcMessageEncryptedHereDecryptsWithGPGSM() throws {
        try Self.withHome { home, fixture in
            let plain = Array("From: carol@example.org\nSubject: x\n\nRead by gpgsm.\n".utf8)
            let encrypted = try SMIMEMessageEncryptor(encryptor: SMIMEEncryptor(recipients: [fixture.certificate("alice")], algorithm: .aes256CBC))
                .encrypt(MIMEMessage(bytes: plain))
            let name = UUID().uuidString
            try fixture.write(MIMEMessage(bytes: encrypted).root.decodedBody(), to: "\(name).enc")
            try home.gpgsm(["--passphrase-fd", "0", "--decrypt", "-o", "\(name).out", "\(name).enc"], input: Self.passphrase)
            #expect(try fixture.bytes("\(name).out") == Array("Content-Type: text/plain; charset=us-ascii\r\n\r\nRead by gpgsm.\r\n".utf8))
        }
    }
}

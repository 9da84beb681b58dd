import MIMEKit
import Testing

@testable import MIMEOpenPGP

/// RFC 3156 entities found in parsed messages, built here and by hand around `gpg` output.
@Suite("RFC 3156 entities in parsed messages", .serialized)
final class MIMEEntityTests {
    let peers: Peers
    let inner = Array(text: "Content-Type: text/plain; charset=us-ascii\r\n\r\nMeet at noon.\r\n")
    let headers = Array(
        text: "From: Alice <alice@example.org>\r\nTo: Carol <carol@example.net>\r\nSubject: x\r\nMIME-Version: 1.0\r\n")

    init() throws { peers = try Peers() }

    @Test(arguments: [false, true])
    func signedMessageBuiltHereVerifies(lfOnly: Bool) throws {
        let signed = try peers.context.signMIME(inner, signer: .email(Peers.aliceAddress))
        var bytes = headers + signed.bytes
        if lfOnly { bytes = bytes.filter { $0 != 0x0D } }
        let message = MIMEMessage(bytes: bytes)
        #expect(try peers.context.verify(signed: message.root).map(\.status) == [.valid])
    }

    @Test func handBuiltSignedMessageWithGPGSignatureVerifies() throws {
        let signature = try peers.peer.gpg(["--armor", "--detach-sign", "-u", Peers.carolAddress], input: inner).output
        let body =
            Array(text: "--b1\r\n") + inner + Array(text: "\r\n--b1\r\nContent-Type: application/pgp-signature\r\n\r\n")
            + signature.crlf + Array(text: "\r\n--b1--\r\n")
        let top = Array(
            text:
                "Content-Type: multipart/signed; micalg=pgp-sha512;\r\n protocol=\"application/pgp-signature\"; boundary=b1\r\n\r\n"
        )
        let message = MIMEMessage(bytes: headers + top + body)
        let signatures = try peers.context.verify(signed: message.root)
        #expect(signatures.map(\.status) == [.valid])
        #expect(signatures.first?.fingerprint == peers.carol)

        var tampered = headers + top + body
        let index = try #require((0..<tampered.count).first { tampered[$0...].starts(with: Array(text: "noon")) })
        tampered[index] = UInt8(ascii: "m")
        #expect(try peers.context.verify(signed: MIMEMessage(bytes: tampered).root).map(\.status) == [.bad])
    }

    @Test func encryptedMessageBuiltHereDecryptsToItsEntity() throws {
        let encrypted = try peers.context.encryptMIME(
            inner, to: [.email(Peers.aliceAddress)], signer: .email(Peers.aliceAddress))
        let message = MIMEMessage(bytes: headers + encrypted.bytes)
        let result = try peers.context.decrypt(encrypted: message.root)
        #expect(result.decryption.signatures.map(\.status) == [.valid])
        #expect(result.entity.root.contentType.mimeType == "text/plain")
        #expect(result.entity.root.decodedBody() == Array(text: "Meet at noon.\r\n"))
    }

    @Test func handBuiltEncryptedMessageFromGPGDecrypts() throws {
        let ciphertext = try peers.peer.gpg(["--armor", "--encrypt", "-r", Peers.aliceAddress], input: inner).output
        let bytes =
            headers
            + Array(
                text:
                    "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"e\"\r\n\r\n"
                    + "--e\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n"
                    + "--e\r\nContent-Type: application/octet-stream\r\n\r\n") + ciphertext.crlf
            + Array(text: "\r\n--e--\r\n")
        let result = try peers.context.decrypt(encrypted: MIMEMessage(bytes: bytes).root)
        #expect(result.decryption.plaintext == inner)
        #expect(result.decryption.integrityProtection == .mdc)
        #expect(result.entity.root.decodedBody() == Array(text: "Meet at noon.\r\n"))
    }

    @Test func otherStructuresAreInvalidContent() throws {
        let plain = MIMEMessage(bytes: headers + inner)
        #expect {
            try peers.context.verify(signed: plain.root)
        } throws: { ($0 as? OpenPGPError)?.code == .invalidContent }
        #expect {
            try peers.context.decrypt(encrypted: plain.root)
        } throws: { ($0 as? OpenPGPError)?.code == .invalidContent }
        let smime = MIMEMessage(
            bytes: headers
                + Array(
                    text: "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=s\r\n\r\n"
                        + "--s\r\n\r\na\r\n--s\r\nContent-Type: application/pkcs7-signature\r\n\r\nMII=\r\n--s--\r\n"))
        #expect {
            try peers.context.verify(signed: smime.root)
        } throws: { ($0 as? OpenPGPError)?.code == .invalidContent }
    }
}

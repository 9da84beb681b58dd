import Testing

@testable import MIMEOpenPGP

/// RFC 3156 entities built here, taken apart by hand and checked with `gpg`.
@Suite("RFC 3156 multipart/signed and multipart/encrypted", .serialized)
final class MIMEBuilderTests {
    let peers: Peers
    let entity = Array(text: "Content-Type: text/plain; charset=us-ascii\n\nHello Carol,\n\nsee you at noon.\n")

    init() throws { peers = try Peers() }

    /// The parts of a multipart body: the bytes between each `--B` CR LF line and the CR LF
    /// before the next delimiter.
    private func parts(_ body: [UInt8], boundary: String) throws -> [[UInt8]] {
        let text = String(decoding: body, as: UTF8.self)
        let pieces = text.components(separatedBy: "--\(boundary)")
        try #require(pieces.count >= 3)
        #expect(pieces.first == "")
        #expect(pieces.last == "--\r\n")
        return pieces.dropFirst().dropLast().map { piece in
            #expect(piece.hasPrefix("\r\n") && piece.hasSuffix("\r\n"))
            return Array(Array(piece.utf8).dropFirst(2).dropLast(2))
        }
    }

    private func bodyOf(_ part: [UInt8]) -> [UInt8] {
        let text = String(decoding: part, as: UTF8.self)
        guard let range = text.range(of: "\r\n\r\n") else { return [] }
        return Array(text[range.upperBound...].utf8)
    }

    @Test func signedEntityVerifiesWithGPGAndHere() throws {
        let signed = try peers.context.signMIME(entity, signer: .email(Peers.aliceAddress))
        #expect(signed.contentType.hasPrefix("multipart/signed; boundary=\"\(signed.boundary)\"; micalg=\"pgp-sha"))
        #expect(signed.contentType.hasSuffix("protocol=\"application/pgp-signature\""))
        #expect(signed.bytes.starts(with: Array(text: "Content-Type: multipart/signed;")))
        let parts = try parts(signed.body, boundary: signed.boundary)
        #expect(parts.count == 2)
        #expect(parts[0] == entity.crlf)
        #expect(parts[1].starts(with: Array(text: "Content-Type: application/pgp-signature")))
        let signature = bodyOf(parts[1])

        let run = try peers.peer.gpg([
            "--status-fd", "1", "--verify", try peers.peer.write(signature, "s.asc"),
            try peers.peer.write(parts[0], "p"),
        ])
        #expect(run.text.contains("[GNUPG:] VALIDSIG \(peers.alice)"))

        let lfOnly = parts[0].filter { $0 != 0x0D }
        #expect(try peers.context.verifyMIME(signedPart: lfOnly, signature: signature).map(\.status) == [.valid])
        var tampered = parts[0]
        tampered[tampered.count - 2] ^= 0x01
        #expect(try peers.context.verifyMIME(signedPart: tampered, signature: signature).map(\.status) == [.bad])
    }

    @Test func eightBitContentIsSignedQuotedPrintable() throws {
        let signed = try peers.context.signMIME(
            Array(text: "Content-Type: text/plain; charset=utf-8\n\nMeet me at the café at noon.\n"), signer: .email(Peers.aliceAddress))
        let parts = try parts(signed.body, boundary: signed.boundary)
        #expect(parts[0].allSatisfy { $0 < 0x80 })
        #expect(String(decoding: parts[0], as: UTF8.self).contains("Content-Transfer-Encoding: quoted-printable\r\n"))
        #expect(String(decoding: parts[0], as: UTF8.self).contains("caf=C3=A9"))
        let run = try peers.peer.gpg([
            "--status-fd", "1", "--verify", try peers.peer.write(bodyOf(parts[1]), "s.asc"),
            try peers.peer.write(parts[0], "p"),
        ])
        #expect(run.text.contains("[GNUPG:] VALIDSIG \(peers.alice)"))
    }

    @Test func unusableBoundariesAreRefused() {
        for boundary in ["bad\"quote", "", String(repeating: "x", count: 71), "trailing "] {
            #expect {
                try peers.context.signMIME(entity, signer: .email(Peers.aliceAddress), boundary: boundary)
            } throws: { ($0 as? OpenPGPError)?.code == .invalidContent }
        }
        let colliding = Array(text: "Content-Type: text/plain\n\n--sep\n")
        #expect {
            try peers.context.signMIME(colliding, signer: .email(Peers.aliceAddress), boundary: "sep")
        } throws: { ($0 as? OpenPGPError)?.code == .invalidContent }
        // A boundary that occurs in the content, but never after "--", is fine.
        let chosen = try? peers.context.signMIME(entity, signer: .email(Peers.aliceAddress), boundary: "Hello")
        #expect(chosen?.boundary == "Hello")
    }

    @Test func encryptedEntityDecryptsWithGPGAndHere() throws {
        let encrypted = try peers.context.encryptMIME(
            entity, to: [.email(Peers.carolAddress), .email(Peers.aliceAddress)], signer: .email(Peers.aliceAddress))
        #expect(
            encrypted.contentType
                == "multipart/encrypted; boundary=\"\(encrypted.boundary)\"; protocol=\"application/pgp-encrypted\"")
        let parts = try parts(encrypted.body, boundary: encrypted.boundary)
        #expect(parts.count == 2)
        #expect(parts[0].starts(with: Array(text: "Content-Type: application/pgp-encrypted\r\n")))
        #expect(bodyOf(parts[0]) == Array(text: "Version: 1\r\n"))
        #expect(parts[1].starts(with: Array(text: "Content-Type: application/octet-stream")))
        let ciphertext = bodyOf(parts[1])

        let packets = try OpenPGPPacketReader().packets(in: OpenPGPArmor.decode(ciphertext).data)
        #expect(
            packets.map(\.tag) == [
                .publicKeyEncryptedSessionKey, .publicKeyEncryptedSessionKey,
                .symmetricallyEncryptedIntegrityProtectedData,
            ])

        let run = try peers.peer.gpg(["--status-fd", "2", "--decrypt"], input: ciphertext)
        #expect(run.output == entity.crlf)
        #expect(run.errors.contains("[GNUPG:] VALIDSIG \(peers.alice)"))

        let here = try peers.context.decrypt(ciphertext)
        #expect(here.plaintext == entity.crlf)
        #expect(here.signatures.map(\.status) == [.valid])
    }
}

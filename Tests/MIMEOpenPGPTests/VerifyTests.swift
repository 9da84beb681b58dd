import Foundation
import Testing

@testable import MIMEOpenPGP

/// Signature checks through GPGME on signatures `gpg` made, and the other way round.
@Suite("OpenPGP signatures with gpg as the peer", .serialized)
final class VerifyTests {
    let peers: Peers
    let text = Array(text: "Content-Type: text/plain\n\nThe invoice is attached.\n- Carol\n").crlf

    init() throws { peers = try Peers() }

    private func carolSigns(_ data: [UInt8], armor: Bool = true) throws -> [UInt8] {
        try peers.peer.gpg((armor ? ["--armor"] : []) + ["--detach-sign", "-u", Peers.carolAddress], input: data).output
    }

    @Test func detachedSignatureFromGPGIsValid() throws {
        let signatures = try peers.context.verifyDetached(text, signature: try carolSigns(text))
        #expect(signatures.count == 1)
        let signature = try #require(signatures.first)
        #expect(signature.status == .valid)
        #expect(signature.fingerprint == peers.carol)
        #expect([.full, .ultimate].contains(signature.validity))
        #expect(signature.signerUserID == "Carol <carol@example.net>")
        #expect(signature.signerEmailAddresses == [Peers.carolAddress])
        #expect(signature.creationTime != nil)
        #expect(signature.publicKeyAlgorithm == "EdDSA")
        #expect(signature.hashAlgorithm.hasPrefix("SHA"))
    }

    @Test func tamperedBodyIsBad() throws {
        let signature = try carolSigns(text)
        var changed = text
        changed[changed.count - 3] ^= 0x01
        let statuses = try peers.context.verifyDetached(changed, signature: signature).map(\.status)
        #expect(statuses == [.bad])
    }

    @Test func tamperedSignatureIsBad() throws {
        var signature = try carolSigns(text, armor: false)
        // The last octets are the EdDSA signature value itself.
        signature[signature.count - 5] ^= 0x40
        let statuses = try peers.context.verifyDetached(text, signature: signature).map(\.status)
        #expect(statuses == [.bad])
    }

    @Test func lineEndingsMatterForDetachedSignatures() throws {
        // RFC 3156 signs the canonical CR LF form; the LF-only form of the same text differs.
        let signature = try carolSigns(text)
        let lfOnly = text.filter { $0 != 0x0D }
        #expect(try peers.context.verifyDetached(lfOnly, signature: signature).map(\.status) == [.bad])
    }

    @Test func signatureByAnImportedUntrustedKeyIsUntrusted() throws {
        let dave = try GnuPGHome()
        let fingerprint = try dave.generateKey("Dave <dave@example.com>")
        let imported = try peers.context.importKeys(try dave.exportPublicKey(fingerprint))
        #expect(imported.imported == 1)
        #expect(imported.fingerprints == [fingerprint])
        let signature = try dave.gpg(["--detach-sign", "-u", fingerprint], input: text).output
        let result = try peers.context.verifyDetached(text, signature: signature)
        #expect(result.map(\.status) == [.untrusted])
        #expect(result.first?.validity == .unknown)
        #expect(result.first?.signerUserID == "Dave <dave@example.com>")
    }

    @Test func signatureByAnUnknownKeyIsAnError() throws {
        let stranger = try GnuPGHome()
        let fingerprint = try stranger.generateKey("Eve <eve@example.com>")
        let signature = try stranger.gpg(["--detach-sign", "-u", fingerprint], input: text).output
        let result = try #require(try peers.context.verifyDetached(text, signature: signature).first)
        #expect(result.status == .error)
        #expect(result.signerUserID == nil)
        #expect(fingerprint.hasSuffix(result.fingerprint))
        #expect(result.detail.lowercased().contains("no public key"))
    }

    @Test func signatureByAnExpiredKeyIsExpired() throws {
        let dave = try GnuPGHome()
        let fingerprint = try dave.generateKey(
            "Dave <dave@example.com>", fakedTime: "20200101T000000", expiry: "1d")
        let signature = try dave.gpg(
            ["--faked-system-time", "20200101T120000", "--detach-sign", "-u", fingerprint], input: text
        ).output
        try peers.ours.importTrusted(try dave.exportPublicKey(fingerprint))
        let result = try peers.context.verifyDetached(text, signature: signature)
        #expect(result.map(\.status) == [.expired])
        #expect(result.first?.fingerprint == fingerprint)
    }

    @Test func revokedKeyIsUntrustedAndUnusable() throws {
        let dave = try GnuPGHome()
        let fingerprint = try dave.generateKey("Dave <dave@example.com>")
        let signature = try dave.gpg(["--detach-sign", "-u", fingerprint], input: text).output
        try peers.ours.importTrusted(try dave.exportPublicKey(fingerprint))
        #expect(try peers.context.verifyDetached(text, signature: signature).map(\.status) == [.valid])

        // gpg stores a revocation certificate with a ':' before its BEGIN line, so that it is
        // not imported by accident; without it the certificate imports.
        let certificate = try String(
            contentsOfFile: dave.path + "/openpgp-revocs.d/\(fingerprint).rev", encoding: .utf8
        )
        .replacingOccurrences(of: ":-----BEGIN", with: "-----BEGIN")
        _ = try peers.context.importKeys(Array(certificate.utf8))
        let revoked = try peers.context.verifyDetached(text, signature: signature)
        #expect(revoked.map(\.status) == [.untrusted])
        #expect {
            try peers.context.encrypt(text, to: [.fingerprint(fingerprint)])
        } throws: { ($0 as? OpenPGPError)?.code == .unusableKey }
    }

    @Test(arguments: [false, true])
    func clearSignedTextFromGPGIsValid(crlf: Bool) throws {
        let body = Array(text: "Hello Alice,\n-- this line starts with a dash\nFrom here on.  \n")
        let input = crlf ? body.crlf : body
        let message = try peers.peer.gpg(["--clearsign", "-u", Peers.carolAddress], input: input).output
        let verification = try peers.context.verify(crlf ? message.crlf : message.filter { $0 != 0x0D })
        #expect(verification.signatures.map(\.status) == [.valid])
        #expect(verification.signatures.first?.fingerprint == peers.carol)
        #expect(String(decoding: verification.signedContent, as: UTF8.self).contains("-- this line starts with a dash"))

        // The reader's canonical text is exactly what the signature covers.
        let block = try #require(OpenPGPArmor.scan(message).blocks.first)
        let canonical = try #require(block.clearSigned?.canonicalText)
        #expect(canonical == Array(text: "Hello Alice,\r\n-- this line starts with a dash\r\nFrom here on."))
        #expect(try peers.context.verifyDetached(canonical, signature: block.data).map(\.status) == [.valid])
    }

    @Test func tamperedClearSignedTextIsBad() throws {
        let message = try peers.peer.gpg(["--clearsign", "-u", Peers.carolAddress], input: Array(text: "Pay 10 EUR\n"))
            .output
        let text = String(decoding: message, as: UTF8.self).replacingOccurrences(of: "Pay 10 EUR", with: "Pay 99 EUR")
        let verification = try peers.context.verify(Array(text.utf8))
        #expect(verification.signatures.map(\.status) == [.bad])
    }

    @Test func inlineSignedMessageFromGPGIsValid() throws {
        let message = try peers.peer.gpg(["--armor", "--sign", "-u", Peers.carolAddress], input: text).output
        let verification = try peers.context.verify(message)
        #expect(verification.signatures.map(\.status) == [.valid])
        #expect(verification.signedContent == text)
    }

    @Test func detachedSignatureMadeHereVerifiesWithGPG() throws {
        let signature = try peers.context.signDetached(text, signer: .email(Peers.aliceAddress))
        #expect(signature.fingerprint == peers.alice)
        #expect(signature.micalg.hasPrefix("pgp-sha"))
        #expect(signature.armored.starts(with: Array(text: "-----BEGIN PGP SIGNATURE-----")))
        let signaturePath = try peers.peer.write(signature.armored, "m.sig")
        let dataPath = try peers.peer.write(text, "m.txt")
        let run = try peers.peer.gpg(["--status-fd", "1", "--verify", signaturePath, dataPath])
        #expect(run.text.contains("[GNUPG:] GOODSIG"))
        #expect(run.text.contains("[GNUPG:] VALIDSIG \(peers.alice)"))

        var changed = text
        changed[0] ^= 0x20
        let tampered = try peers.peer.write(changed, "t.txt")
        let bad = try peers.peer.gpg(["--status-fd", "1", "--verify", signaturePath, tampered], expectSuccess: false)
        #expect(bad.status != 0)
        #expect(bad.text.contains("[GNUPG:] BADSIG"))
    }

    @Test func signingWithoutTheSecretKeyFails() throws {
        #expect {
            try peers.context.signDetached(text, signer: .email(Peers.carolAddress))
        } throws: { ($0 as? OpenPGPError)?.code == .keyNotFound }
    }

    @Test func notASignatureIsBrokenArmor() throws {
        #expect {
            try peers.context.verifyDetached(
                text, signature: Array(text: "-----BEGIN PGP SIGNATURE-----\n\n!!\n-----END PGP SIGNATURE-----\n"))
        } throws: { ($0 as? OpenPGPError)?.code == .brokenArmor }
    }

    @Test func concurrentVerificationsShareOneContext() async throws {
        let context = peers.context
        let signature = try carolSigns(text)
        let text = self.text
        let statuses = try await withThrowingTaskGroup(of: [OpenPGPSignatureStatus].self) { group in
            for _ in 0..<6 {
                group.addTask { try context.verifyDetached(text, signature: signature).map(\.status) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: [.valid], count: 6))
    }

    @Test(.enabled(if: Corpus.hasGMime, "the shared corpus ../shared/corpus/gmime is absent"))
    func gmimeClearSignedSampleVerifies() throws {
        let key = try #require(Corpus.bytes("gmime/pgp/gmime.gpg.pub"))
        let message = try #require(Corpus.bytes("gmime/pgp/signed-message.txt"))
        _ = try peers.context.importKeys(key)
        let verification = try peers.context.verify(message)
        let signature = try #require(verification.signatures.first)
        #expect(signature.status == .untrusted)
        #expect(signature.fingerprint.hasSuffix("B47760E95182C200"))
        #expect(signature.signerUserID == "no.user (no.comment) <no.user@no.domain>")
        #expect(signature.hashAlgorithm == "SHA1")
        #expect(String(decoding: verification.signedContent, as: UTF8.self).contains("This is the message body."))
    }
}

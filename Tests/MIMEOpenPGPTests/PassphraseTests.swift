import Testing

@testable import MIMEOpenPGP

/// Keys protected by a passphrase: RSA keys, asked for through the provider.
@Suite("OpenPGP passphrases", .serialized)
final class PassphraseTests {
    let home: GnuPGHome
    let bob: String
    let plaintext = Array(text: "RSA round trip\n")
    static let passphrase = "correct horse"

    /// Bob's RSA key, made once (RSA key generation is slow) in a home that is gone
    /// before any test runs; each test imports it into a fresh home.
    static let bobKey: Result<(fingerprint: String, secretKey: [UInt8]), GnuPGHomeError> = {
        do {
            let maker = try GnuPGHome()
            let fingerprint = try maker.generateKey("Bob <bob@example.org>", type: .rsa, passphrase: passphrase)
            let secret = try maker.gpg(
                [
                    "--pinentry-mode", "loopback", "--passphrase", passphrase, "--armor", "--export-secret-keys",
                    fingerprint,
                ]
            ).output
            return .success((fingerprint, secret))
        } catch {
            return .failure(GnuPGHomeError(message: "making Bob's RSA key: \(error)"))
        }
    }()

    init() throws {
        home = try GnuPGHome()
        let key = try Self.bobKey.get()
        bob = key.fingerprint
        try home.importTrusted(key.secretKey)
    }

    private func context(_ answer: String?) -> OpenPGPContext {
        OpenPGPContext(homeDirectory: home.path) { _ in answer }
    }

    @Test func rightPassphraseDecryptsAnRSAMessageFromGPG() throws {
        let message = try home.gpg(["--encrypt", "-r", bob], input: plaintext).output
        let result = try context(Self.passphrase).decrypt(message)
        #expect(result.plaintext == plaintext)
        #expect(result.integrityProtection == .mdc)
    }

    @Test func providerSeesTheKeyHint() throws {
        let message = try context(nil).encrypt(plaintext, to: [.email("bob@example.org")])
        let seen = HintRecorder()
        let asking = OpenPGPContext(homeDirectory: home.path) { request in
            seen.record(request)
            return Self.passphrase
        }
        _ = try asking.decrypt(message)
        #expect(seen.hints.contains { $0.contains("Bob <bob@example.org>") })
    }

    @Test func wrongPassphraseIsBadPassphrase() throws {
        let message = try context(nil).encrypt(plaintext, to: [.fingerprint(bob)])
        #expect {
            try context("wrong").decrypt(message)
        } throws: { ($0 as? OpenPGPError)?.code == .badPassphrase }
        #expect {
            try context(nil).decrypt(message)
        } throws: { ($0 as? OpenPGPError)?.code == .badPassphrase }
    }

    @Test func signingNeedsThePassphrase() throws {
        #expect {
            try context("wrong").signDetached(plaintext, signer: .fingerprint(bob))
        } throws: { ($0 as? OpenPGPError)?.code == .badPassphrase }
        let signature = try context(Self.passphrase).signDetached(plaintext, signer: .fingerprint(bob))
        #expect(signature.publicKeyAlgorithm == "RSA")
        let sigPath = try home.write(signature.armored, "s.asc")
        let dataPath = try home.write(plaintext, "d.txt")
        #expect(try home.gpg(["--status-fd", "1", "--verify", sigPath, dataPath]).text.contains("GOODSIG"))
    }

    @Test(.enabled(if: Corpus.hasGMime, "the shared corpus ../shared/corpus/gmime is absent"))
    func gmimeEncryptedSampleDecrypts() throws {
        let key = try #require(Corpus.bytes("gmime/pgp/gmime.gpg.sec"))
        let message = try #require(Corpus.bytes("gmime/pgp/encrypted-message.txt.openpgp-block"))
        let gmime = OpenPGPContext(homeDirectory: home.path) { _ in "no.secret" }
        let imported = try gmime.importKeys(key)
        #expect(imported.secretImported >= 1)
        let result = try gmime.decrypt(message)
        #expect(result.integrityProtection == .mdc)
        #expect(!result.plaintext.isEmpty)
    }
}

import Foundation
import Testing

@testable import MIMEOpenPGP

/// Decryption and encryption through GPGME, with `gpg` as the peer on the other side.
@Suite("OpenPGP encryption with gpg as the peer", .serialized)
final class DecryptTests {
    let peers: Peers
    let plaintext = Array(text: "Content-Type: text/plain\r\n\r\nThe vault code is 4711.\r\n")

    init() throws { peers = try Peers() }

    private func carolEncrypts(_ options: [String]) throws -> [UInt8] {
        try peers.peer.gpg(options + ["--encrypt", "-r", Peers.aliceAddress], input: plaintext).output
    }

    private func code(_ body: () throws -> Void) -> OpenPGPError.Code? {
        do {
            try body()
            return nil
        } catch let error as OpenPGPError {
            return error.code
        } catch {
            return OpenPGPError.Code(rawValue: "unexpected \(error)")
        }
    }

    @Test func signedMessageFromGPGDecryptsAndVerifiesInOnePass() throws {
        let message = try carolEncrypts(["--armor", "--sign", "-u", Peers.carolAddress])
        let result = try peers.context.decrypt(message)
        #expect(result.plaintext == plaintext)
        #expect(result.integrityProtection == .mdc)
        #expect(result.cipherMode == "CFB")
        #expect(result.symmetricAlgorithm == "AES256")
        #expect(result.signatures.map(\.status) == [.valid])
        #expect(result.signatures.first?.fingerprint == peers.carol)
        #expect(result.recipientKeyIDs.count == 1)
    }

    @Test func forceMDCMessageReportsMDC() throws {
        let result = try peers.context.decrypt(try carolEncrypts(["--force-mdc", "--set-filename", "vault.txt"]))
        #expect(result.integrityProtection == .mdc)
        #expect(result.plaintext == plaintext)
        #expect(result.signatures.isEmpty)
        #expect(result.fileName == "vault.txt")
    }

    @Test(arguments: [false, true])
    func messageWithoutMDCIsRefusedUnlessAllowed(crlf: Bool) throws {
        var message = try carolEncrypts(["--armor", "--rfc2440", "--cipher-algo", "AES256"])
        if crlf { message = message.crlf }
        #expect(
            OpenPGPArmor.scan(message).blocks.first.map { try? OpenPGPPacketReader().packets(in: $0.data).map(\.tag) }
                == [.publicKeyEncryptedSessionKey, .symmetricallyEncryptedData])
        #expect(code { _ = try peers.context.decrypt(message) } == .integrityProtectionMissing)

        let allowed = try peers.context.decrypt(message, allowMissingIntegrityProtection: true)
        #expect(allowed.plaintext == plaintext)
        #expect(allowed.integrityProtection == OpenPGPIntegrityProtection.none)
        #expect(allowed.cipherMode == "PGPCFB")
    }

    @Test func modifiedCiphertextIsRefused() throws {
        var message = try carolEncrypts(["-z", "0"])
        let packets = try OpenPGPPacketReader().packets(in: message)
        let encrypted = try #require(packets.last?.bodyRanges.last)
        // Flip a bit in the middle of the encrypted literal data: CFB decrypts it to changed
        // plaintext, which only the MDC catches.
        message[encrypted.lowerBound + encrypted.count / 2] ^= 0x01
        let failure = code { _ = try peers.context.decrypt(message) }
        #expect(failure == .integrityCheckFailed)
        #expect(
            code { _ = try peers.context.decrypt(message, allowMissingIntegrityProtection: true) }
                == .integrityCheckFailed)
    }

    @Test func messageForAnotherKeyHasNoSecretKey() throws {
        let message = try peers.peer.gpg(["--encrypt", "-r", Peers.carolAddress], input: plaintext).output
        #expect(code { _ = try peers.context.decrypt(message) } == .noSecretKey)
    }

    @Test func garbageIsBrokenArmor() throws {
        let garbage = Array(text: "-----BEGIN PGP MESSAGE-----\n\nbm90IGEgbWVzc2FnZQ==\n-----END PGP MESSAGE-----\n")
        #expect(code { _ = try peers.context.decrypt(garbage) } == .brokenArmor)
        #expect(code { _ = try peers.context.decrypt(Array(text: "hello")) } == .brokenArmor)
    }

    @Test func encryptedAndSignedHereDecryptsWithGPG() throws {
        let message = try peers.context.encrypt(
            plaintext, to: [.email(Peers.carolAddress), .email(Peers.aliceAddress)], signer: .email(Peers.aliceAddress))
        #expect(message.starts(with: Array(text: "-----BEGIN PGP MESSAGE-----")))
        let run = try peers.peer.gpg(["--status-fd", "2", "--decrypt"], input: message)
        #expect(run.output == plaintext)
        #expect(run.errors.contains("[GNUPG:] DECRYPTION_OKAY"))
        #expect(run.errors.contains("[GNUPG:] GOODSIG"))
        #expect(run.errors.contains("[GNUPG:] VALIDSIG \(peers.alice)"))

        // The sender's own key keeps the sent copy readable here.
        let own = try peers.context.decrypt(message)
        #expect(own.plaintext == plaintext)
        #expect(own.signatures.map(\.status) == [.valid])
    }

    @Test func encryptedHereToAFingerprintDecryptsWithGPG() throws {
        let message = try peers.context.encrypt(plaintext, to: [.fingerprint(peers.carol)], armor: false)
        #expect(message.first.map { $0 & 0x80 != 0 } == true)
        let packets = try OpenPGPPacketReader().packets(in: message)
        #expect(packets.map(\.tag) == [.publicKeyEncryptedSessionKey, .symmetricallyEncryptedIntegrityProtectedData])
        let run = try peers.peer.gpg(["--decrypt"], input: message)
        #expect(run.output == plaintext)
        #expect(code { _ = try peers.context.decrypt(message) } == .noSecretKey)
    }

    @Test func encryptingToAnUnknownAddressFails() {
        #expect(code { _ = try peers.context.encrypt(plaintext, to: [.email("nobody@example.com")]) } == .keyNotFound)
        #expect(code { _ = try peers.context.encrypt(plaintext, to: []) } == .keyNotFound)
    }

    @Test func encryptingToAnExpiredKeyFails() throws {
        let dave = try GnuPGHome()
        let fingerprint = try dave.generateKey("Dave <dave@example.com>", fakedTime: "20200101T000000", expiry: "1d")
        _ = try peers.context.importKeys(try dave.exportPublicKey(fingerprint))
        #expect(code { _ = try peers.context.encrypt(plaintext, to: [.email("dave@example.com")]) } == .keyExpired)
        #expect(code { _ = try peers.context.encrypt(plaintext, to: [.fingerprint(fingerprint)]) } == .keyExpired)
    }

    @Test func untrustedRecipientNeedsTrustAll() throws {
        let dave = try GnuPGHome()
        let fingerprint = try dave.generateKey("Dave <dave@example.com>")
        _ = try peers.context.importKeys(try dave.exportPublicKey(fingerprint))
        #expect(code { _ = try peers.context.encrypt(plaintext, to: [.email("dave@example.com")]) } == .unusableKey)
        let message = try peers.context.encrypt(plaintext, to: [.email("dave@example.com")], trustAllRecipients: true)
        #expect(try dave.gpg(["--decrypt"], input: message).output == plaintext)
    }
}

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

/// Collects passphrase hints from a provider that may be called on another thread.
final class HintRecorder: @unchecked Sendable {
    // Safety: every access goes through `lock`.
    private let lock = NSLock()
    private var stored: [String] = []

    func record(_ request: OpenPGPPassphraseRequest) {
        lock.withLock { stored.append(request.userIDHint) }
    }

    var hints: [String] { lock.withLock { stored } }
}

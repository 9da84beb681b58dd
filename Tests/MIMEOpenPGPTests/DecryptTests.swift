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

    /// One context (one GnuPG home) used by several tasks at once, each with its own GPGME
    /// context: decrypting what gpg sent, encrypting and signing here, and decrypting that.
    /// `make tsan` runs it under the thread sanitizer.
    @Test func concurrentDecryptionsAndEncryptionsShareOneContext() async throws {
        let context = peers.context
        let plaintext = self.plaintext
        let fromCarol = try carolEncrypts(["--armor", "--sign", "-u", Peers.carolAddress])
        let alice = Peers.aliceAddress, carol = Peers.carolAddress
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for task in 0..<6 {
                group.addTask {
                    if task.isMultiple(of: 2) {
                        let result = try context.decrypt(fromCarol)
                        return result.plaintext == plaintext ? result.signatures.map(\.status.rawValue).joined(separator: ",") : "wrong plaintext"
                    }
                    let own = plaintext + Array("task \(task)\r\n".utf8)
                    let message = try context.encrypt(own, to: [.email(carol), .email(alice)], signer: .email(alice))
                    let result = try context.decrypt(message)
                    return result.plaintext == own ? result.signatures.map(\.status.rawValue).joined(separator: ",") : "wrong plaintext"
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == Array(repeating: "valid", count: 6))
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

import Foundation
import MIMECrypto
import MIMESMIME
import Testing

extension SMIMETests {
    /// Messages encrypted by `openssl cms -encrypt`, decrypted by `SMIMEDecryptor`.
    @Suite struct Decrypt {
        static let body = Array("Content-Type: text/plain\r\n\r\nFor your eyes only.\r\n".utf8)

        /// Encrypts `body` with `openssl cms` to `recipients` and returns the DER.
        static func opensslEncrypt(_ body: [UInt8], cipher: String, to recipients: [String]) throws -> [UInt8] {
            let fixture = try SMIMETests.fixture
            let name = UUID().uuidString
            let input = try fixture.write(body, to: "\(name).txt")
            try fixture.require(
                ["cms", "-encrypt", "-binary"] + cipher.split(separator: " ").map(String.init) + ["-in", input, "-outform", "DER", "-out", "\(name).der"]
                    + recipients.map { "\($0).pem" }
            )
            return try fixture.bytes("\(name).der")
        }

        /// The code of the `CryptoError` that decrypting `der` as `identity` throws.
        static func failure(decrypting der: [UInt8], as identity: SMIMEIdentity) -> CryptoError.Code? {
            do {
                _ = try SMIMEDecryptor(identity: identity).decrypt(der)
                return nil
            } catch {
                return error.code
            }
        }

        @Test(arguments: [
            ("-aes-256-gcm", "aes-256-gcm", true),
            ("-aes-128-gcm", "aes-128-gcm", true),
            ("-aes-128-cbc", "aes-128-cbc", false),
            ("-aes-256-cbc", "aes-256-cbc", false),
            ("-des3", "des-ede3-cbc", false),
            ("-rc2 -provider legacy -provider default", "rc2-cbc", false),
        ], ["alice", "carol"])
        func opensslMessagesDecryptForRSAAndECRecipients(cipher: (String, String, Bool), recipient: String) throws {
            let fixture = try SMIMETests.fixture
            let message = try Self.opensslEncrypt(Self.body, cipher: cipher.0, to: ["alice", "carol"])
            let result = try SMIMEDecryptor(identity: fixture.identity(recipient)).decrypt(message)
            #expect(result.plaintext == Self.body)
            #expect(result.info.contentEncryptionAlgorithm == cipher.1)
            #expect(result.info.isIntegrityProtected == cipher.2)
        }

        @Test func rsaOAEPKeyTransportDecrypts() throws {
            let fixture = try SMIMETests.fixture
            let message = try Self.opensslEncrypt(
                Self.body, cipher: "-aes-256-gcm -recip alice.pem -keyopt rsa_padding_mode:oaep", to: []
            )
            #expect(try SMIMEDecryptor(identity: fixture.identity("alice")).decrypt(message).plaintext == Self.body)
        }

        @Test func everySingleByteCorruptionOfAGCMMessageReleasesNothingWrong() throws {
            let fixture = try SMIMETests.fixture
            let message = try Self.opensslEncrypt(Self.body, cipher: "-aes-128-gcm", to: ["carol"])
            let decryptor = SMIMEDecryptor(identity: try fixture.identity("carol"))
            for offset in message.indices {
                do {
                    let result = try decryptor.decrypt(TestBytes.flipping(offset, in: message))
                    // A byte that does not take part in decryption may change; the plaintext may not.
                    #expect(result.plaintext == Self.body, "corrupting byte \(offset) released other plaintext")
                } catch {
                    #expect(!error.message.isEmpty)
                }
            }
        }

        @Test(arguments: ["alice", "carol"])
        func tamperedGCMTagReleasesNoPlaintext(recipient: String) throws {
            let fixture = try SMIMETests.fixture
            let message = try Self.opensslEncrypt(Self.body, cipher: "-aes-256-gcm", to: [recipient])
            // The MAC is the last field of AuthEnvelopedData, so the DER ends with the tag.
            let tampered = TestBytes.flipping(message.count - 1, in: message)
            #expect(Self.failure(decrypting: tampered, as: try fixture.identity(recipient)) == .decryptionFailed)
        }

        @Test func tamperedGCMCiphertextReleasesNoPlaintext() throws {
            let fixture = try SMIMETests.fixture
            let message = try Self.opensslEncrypt(Self.body, cipher: "-aes-256-gcm", to: ["alice"])
            // The ciphertext ([0] IMPLICIT OCTET STRING) sits just before the 18-byte MAC field.
            let tampered = TestBytes.flipping(message.count - 18 - 5, in: message)
            #expect(Self.failure(decrypting: tampered, as: try fixture.identity("alice")) == .decryptionFailed)
        }

        @Test func messageForSomeoneElseIsWrongKey() throws {
            let fixture = try SMIMETests.fixture
            let message = try Self.opensslEncrypt(Self.body, cipher: "-aes-256-gcm", to: ["alice", "carol"])
            #expect(Self.failure(decrypting: message, as: try fixture.identity("bob")) == .wrongKey)
        }

        @Test func truncatedMessageIsMalformed() throws {
            let fixture = try SMIMETests.fixture
            let message = try Self.opensslEncrypt(Self.body, cipher: "-aes-256-cbc", to: ["alice"])
            let alice = try fixture.identity("alice")
            for length in stride(from: 0, to: message.count, by: 5) {
                #expect(Self.failure(decrypting: Array(message.prefix(length)), as: alice) == .malformedData)
            }
        }

        @Test func unknownContentEncryptionAlgorithmIsUnsupported() throws {
            let fixture = try SMIMETests.fixture
            // aes-256-cbc (2.16.840.1.101.3.4.1.42) becomes the unassigned 2.16.840.1.101.3.4.1.127.
            let aes256CBC: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2A]
            var unknown = aes256CBC
            unknown[unknown.count - 1] = 0x7F
            let message = try Self.opensslEncrypt(Self.body, cipher: "-aes-256-cbc", to: ["alice"])
            let patched = TestBytes.replacing(aes256CBC, with: unknown, in: message)
            #expect(patched != message)
            #expect(try CMSInspector.inspect(der: patched).contentEncryptionAlgorithm?.name == nil)
            #expect(Self.failure(decrypting: patched, as: try fixture.identity("alice")) == .unsupportedAlgorithm)
        }

        @Test func signedDataIsNotDecrypted() throws {
            let fixture = try SMIMETests.fixture
            let signed = try Verify.opensslSign(Self.body, signers: ["alice"], detached: false)
            #expect(Self.failure(decrypting: signed, as: try fixture.identity("alice")) == .unexpectedContentType)
        }

        @Test func pkcs12IdentityDecrypts() throws {
            let fixture = try SMIMETests.fixture
            let identity = try SMIMEIdentity(pkcs12: fixture.bytes("alice.p12"), password: "secret")
            #expect(identity.certificate.emailAddresses == ["alice@example.org"])
            #expect(identity.chain.count == 1)
            let message = try Self.opensslEncrypt(Self.body, cipher: "-aes-256-gcm", to: ["alice"])
            #expect(try SMIMEDecryptor(identity: identity).decrypt(message).plaintext == Self.body)
        }

        @Test func legacyPKCS12WithRC2AndTripleDESDecrypts() throws {
            let fixture = try SMIMETests.fixture
            let identity = try SMIMEIdentity(pkcs12: fixture.bytes("alice-legacy.p12"), password: "secret")
            let message = try Self.opensslEncrypt(Self.body, cipher: "-aes-128-cbc", to: ["alice"])
            #expect(try SMIMEDecryptor(identity: identity).decrypt(message).plaintext == Self.body)
        }

        @Test func wrongPKCS12PasswordIsWrongPassword() throws {
            let fixture = try SMIMETests.fixture
            let p12 = try fixture.bytes("alice.p12")
            do {
                _ = try SMIMEIdentity(pkcs12: p12, password: "guess")
                Issue.record("the PKCS#12 file opened with a wrong password")
            } catch {
                #expect(error.code == .wrongPassword)
            }
        }

        @Test func encryptedPEMKeyNeedsTheRightPassword() throws {
            let fixture = try SMIMETests.fixture
            let key = try fixture.bytes("alice-encrypted.key")
            let certificate = try fixture.bytes("alice.pem")
            let identity = try SMIMEIdentity(privateKeyPEM: key, certificatePEM: certificate, password: "secret")
            let message = try Self.opensslEncrypt(Self.body, cipher: "-aes-256-gcm", to: ["alice"])
            #expect(try SMIMEDecryptor(identity: identity).decrypt(message).plaintext == Self.body)
            for password in ["guess", nil] as [String?] {
                do {
                    _ = try SMIMEIdentity(privateKeyPEM: key, certificatePEM: certificate, password: password)
                    Issue.record("the encrypted key was read with the password \(password ?? "nil")")
                } catch {
                    #expect(error.code == .wrongPassword)
                }
            }
        }

        @Test func keyOfAnotherCertificateIsRefused() throws {
            let fixture = try SMIMETests.fixture
            let key = try fixture.bytes("bob.key")
            let certificate = try fixture.bytes("alice.pem")
            do {
                _ = try SMIMEIdentity(privateKeyPEM: key, certificatePEM: certificate)
                Issue.record("Bob's key was accepted for Alice's certificate")
            } catch {
                #expect(error.code == .invalidKey)
            }
        }
    }
}

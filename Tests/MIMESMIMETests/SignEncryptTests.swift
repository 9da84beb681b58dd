import Foundation
import MIMECrypto
import MIMESMIME
import Testing

extension SMIMETests {
    /// Signatures and encryptions made here, checked by `openssl cms` and by this library.
    @Suite struct SignEncrypt {
        static let body = Array("Content-Type: text/plain\r\n\r\nMade by MIMESMIME.\r\n".utf8)

        static func signer(_ names: [String], digest: SMIMEDigestAlgorithm = .sha256) throws -> SMIMESigner {
            let fixture = try SMIMETests.fixture
            return SMIMESigner(identities: try names.map(fixture.identity), digestAlgorithm: digest)
        }

        @Test(arguments: ["alice", "carol"], SMIMEDigestAlgorithm.allCases)
        func detachedSignaturesVerifyWithOpenSSL(signer: String, digest: SMIMEDigestAlgorithm) throws {
            let fixture = try SMIMETests.fixture
            let signature = try Self.signer([signer], digest: digest).signDetached(Self.body)
            let name = UUID().uuidString
            let content = try fixture.write(Self.body, to: "\(name).txt")
            try fixture.write(signature, to: "\(name).der")
            try fixture.require([
                "cms", "-verify", "-binary", "-inform", "DER", "-in", "\(name).der", "-content", content,
                "-CAfile", "ca.pem", "-purpose", "smimesign", "-out", "\(name).out",
            ])
            #expect(try fixture.bytes("\(name).out") == Self.body)
            let result = try SMIMEVerifier(trust: fixture.trust).verifyDetached(content: Self.body, signature: signature)
            #expect(result.signatures.map(\.status) == [.valid])
            #expect(result.signatures.first?.digestAlgorithm == digest.rawValue)
            #expect(result.hasEncapsulatedContent == false)
        }

        @Test(arguments: ["alice", "carol"])
        func opaqueSignedDataVerifiesWithOpenSSL(signer: String) throws {
            let fixture = try SMIMETests.fixture
            let signedData = try Self.signer([signer], digest: .sha512).signOpaque(Self.body)
            let name = UUID().uuidString
            try fixture.write(signedData, to: "\(name).der")
            try fixture.require([
                "cms", "-verify", "-binary", "-inform", "DER", "-in", "\(name).der", "-CAfile", "ca.pem", "-out", "\(name).out",
            ])
            #expect(try fixture.bytes("\(name).out") == Self.body)
            let result = try SMIMEVerifier(trust: fixture.trust).verifyOpaque(signedData)
            #expect(result.isValid)
            #expect(result.content == Self.body)
        }

        @Test func severalSignersVerifyWithOpenSSL() throws {
            let fixture = try SMIMETests.fixture
            let signature = try Self.signer(["alice", "carol"]).signDetached(Self.body)
            let name = UUID().uuidString
            let content = try fixture.write(Self.body, to: "\(name).txt")
            try fixture.write(signature, to: "\(name).der")
            try fixture.require([
                "cms", "-verify", "-binary", "-inform", "DER", "-in", "\(name).der", "-content", content,
                "-CAfile", "ca.pem", "-out", "/dev/null",
            ])
            let result = try SMIMEVerifier(trust: fixture.trust).verifyDetached(content: Self.body, signature: signature)
            #expect(result.signerInfoCount == 2)
            #expect(result.isValid)
        }

        @Test func signersSharingAChainIncludeEachCertificateOnce() throws {
            let fixture = try SMIMETests.fixture
            let alice = try SMIMEIdentity(pkcs12: fixture.bytes("alice.p12"), password: "secret")
            let carol = try SMIMEIdentity(
                privateKeyPEM: fixture.bytes("carol.key"), certificatePEM: fixture.bytes("carol.pem") + fixture.bytes("ca.pem")
            )
            #expect(alice.chain.count == 1 && carol.chain.count == 1)
            let signature = try SMIMESigner(identities: [alice, carol]).signDetached(Self.body)
            let name = UUID().uuidString
            let content = try fixture.write(Self.body, to: "\(name).txt")
            try fixture.write(signature, to: "\(name).der")
            let certificates = try fixture.require(["pkcs7", "-inform", "DER", "-in", "\(name).der", "-print_certs", "-noout"])
            let subjects = String(decoding: certificates.output, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("subject") }
            #expect(subjects.count == 3)
            try fixture.require([
                "cms", "-verify", "-binary", "-inform", "DER", "-in", "\(name).der", "-content", content,
                "-CAfile", "ca.pem", "-out", "/dev/null",
            ])
        }

        @Test func openSSLRejectsTamperedContentSignedHere() throws {
            let fixture = try SMIMETests.fixture
            let signature = try Self.signer(["alice"]).signDetached(Self.body)
            let name = UUID().uuidString
            let content = try fixture.write(Self.body + Array("tail".utf8), to: "\(name).txt")
            try fixture.write(signature, to: "\(name).der")
            let run = try fixture.openssl([
                "cms", "-verify", "-binary", "-inform", "DER", "-in", "\(name).der", "-content", content,
                "-CAfile", "ca.pem", "-out", "/dev/null",
            ])
            #expect(run.status != 0)
        }

        @Test func signingWithoutIdentitiesThrows() {
            #expect(throws: CryptoError.self) { try SMIMESigner(identities: []).signDetached(Self.body) }
        }

        @Test(arguments: [
            (CMSContentEncryptionAlgorithm.aes256GCM, CMSContentType.authEnvelopedData),
            (.aes128GCM, .authEnvelopedData),
            (.aes128CBC, .envelopedData),
            (.aes256CBC, .envelopedData),
        ])
        func encryptionDecryptsWithOpenSSLForEveryRecipient(
            algorithm: CMSContentEncryptionAlgorithm, type: CMSContentType
        ) throws {
            let fixture = try SMIMETests.fixture
            let message = try SMIMEEncryptor(
                recipients: [fixture.certificate("alice"), fixture.certificate("carol")], algorithm: algorithm
            ).encrypt(Self.body)
            let inspection = try CMSInspector.inspect(der: message)
            #expect(inspection.contentType == type)
            #expect(inspection.contentEncryptionAlgorithm == algorithm)
            #expect(inspection.recipientCount == 2)
            let name = UUID().uuidString
            try fixture.write(message, to: "\(name).der")
            for recipient in ["alice", "carol"] {
                try fixture.require([
                    "cms", "-decrypt", "-binary", "-inform", "DER", "-in", "\(name).der",
                    "-recip", "\(recipient).pem", "-inkey", "\(recipient).key", "-out", "\(name)-\(recipient).out",
                ])
                #expect(try fixture.bytes("\(name)-\(recipient).out") == Self.body)
                let result = try SMIMEDecryptor(identity: fixture.identity(recipient)).decrypt(message)
                #expect(result.plaintext == Self.body)
                #expect(result.info.isIntegrityProtected == (type == .authEnvelopedData))
            }
        }

        @Test func defaultEncryptionIsAES256GCM() throws {
            let fixture = try SMIMETests.fixture
            let message = try SMIMEEncryptor(recipients: [fixture.certificate("bob")]).encrypt(Self.body)
            let info = try SMIMEDecryptor(identity: fixture.identity("bob")).decrypt(message).info
            #expect(info == DecryptionInfo(contentEncryptionAlgorithm: "aes-256-gcm", contentEncryptionAlgorithmOID: "2.16.840.1.101.3.4.1.46", isIntegrityProtected: true))
        }

        @Test func unknownEncryptionAlgorithmIsUnsupported() throws {
            let fixture = try SMIMETests.fixture
            let encryptor = SMIMEEncryptor(recipients: [try fixture.certificate("bob")], algorithm: CMSContentEncryptionAlgorithm(oid: "1.2.3.4"))
            do {
                _ = try encryptor.encrypt(Self.body)
                Issue.record("encrypted with an unknown algorithm")
            } catch {
                #expect(error.code == .unsupportedAlgorithm)
            }
        }

        @Test func signedThenEncryptedRoundTrips() throws {
            let fixture = try SMIMETests.fixture
            let signedData = try Self.signer(["carol"]).signOpaque(Self.body)
            let message = try SMIMEEncryptor(recipients: [fixture.certificate("alice")]).encrypt(signedData)
            let decrypted = try SMIMEDecryptor(identity: fixture.identity("alice")).decrypt(message)
            let verified = try SMIMEVerifier(trust: fixture.trust).verifyOpaque(decrypted.plaintext)
            #expect(verified.isValid)
            #expect(verified.content == Self.body)
            #expect(verified.signatures.first?.emailAddresses == ["carol@example.org"])
        }

        @Test func emptyContentSignsAndEncrypts() throws {
            let fixture = try SMIMETests.fixture
            let signature = try Self.signer(["alice"]).signDetached([UInt8]())
            #expect(try SMIMEVerifier(trust: fixture.trust).verifyDetached(content: [UInt8](), signature: signature).isValid)
            let message = try SMIMEEncryptor(recipients: [fixture.certificate("alice")]).encrypt([UInt8]())
            #expect(try SMIMEDecryptor(identity: fixture.identity("alice")).decrypt(message).plaintext.isEmpty)
        }
    }
}

import Foundation
import MIMECrypto
import MIMEKit
import MIMESMIME
import Testing

extension SMIMETests {
    /// Whole messages through `SMIMEBackend` and `MIMECryptoUnwrapper`: made by
    /// `openssl cms` and `gpgsm`, checked here; made here, checked by them.
    @Suite struct MIMEMessages {
        static let entity = Array("Content-Type: text/plain; charset=us-ascii\r\n\r\nMeet me at noon.\r\nBy the well.\r\n".utf8)
        static let plain = Array("From: Alice <alice@example.org>\nTo: bob@example.org\nSubject: Noon\nDate: Sun, 29 Nov 2026 10:00:00 +0000\n\nMeet me at noon.\nBy the well.\n".utf8)

        /// Runs `openssl cms ARGS -in FILE` over `input` and returns what it prints: a full
        /// S/MIME message with From, To and Subject.
        static func openssl(_ arguments: [String], input: [UInt8] = entity) throws -> [UInt8] {
            let fixture = try SMIMETests.fixture
            let path = try fixture.write(input, to: UUID().uuidString + ".txt")
            return try fixture.require(["cms", "-in", path] + arguments).output
        }

        static func opensslSigned(
            by signer: String, digest: String = "sha256", from: String? = nil, opaque: Bool = false, input: [UInt8] = entity
        ) throws -> [UInt8] {
            try openssl(
                ["-sign", "-signer", "\(signer).pem", "-inkey", "\(signer).key", "-md", digest]
                    + ["-from", from ?? "\(signer.capitalized) <\(signer)@example.org>", "-to", "bob@example.org", "-subject", "Noon"]
                    + (opaque ? ["-nodetach"] : []),
                input: input
            )
        }

        static func opensslEncrypted(to recipient: String, cipher: String, input: [UInt8] = entity) throws -> [UInt8] {
            try openssl(
                ["-encrypt", cipher, "-from", "carol@example.org", "-to", "\(recipient)@example.org", "-subject", "Noon", "\(recipient).pem"],
                input: input
            )
        }

        static func layers(_ message: [UInt8], keys: [String] = [], at time: Date? = nil) throws -> [MIMECryptoLayer] {
            let fixture = try SMIMETests.fixture
            let backend = SMIMEBackend(
                verifier: SMIMEVerifier(trust: fixture.trust, verificationTime: time),
                identities: try keys.map { try fixture.identity($0) }
            )
            return MIMECryptoUnwrapper(backends: [backend]).unwrap(MIMEMessage(bytes: message))
        }

        /// The only layer of `message`, which must be a verified signature.
        static func verification(_ message: [UInt8], at time: Date? = nil) throws -> SignedEntityVerification {
            let layers = try layers(message, at: time)
            try #require(layers.count == 1, "expected one layer, found \(layers.count)")
            guard case .verified(let verification) = layers[0].outcome else {
                Issue.record("expected a verified layer, found \(layers[0].outcome)")
                throw CryptoError(.backendFailure, "not verified")
            }
            return verification
        }

        /// `message` with the base64 body of `part` replaced by the base64 of `change(DER)`.
        static func rewritingDER(of part: String, in message: [UInt8], _ change: (inout [UInt8]) -> Void) throws -> [UInt8] {
            let parsed = MIMEMessage(bytes: message)
            let entity = try #require(parsed.entity(id: part))
            var der = entity.decodedBody()
            change(&der)
            let encoded = Data(der).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            let offsets = entity.offsets
            return Array(message[..<offsets.bodyStart]) + Array((encoded + "\r\n").utf8) + Array(message[offsets.end...])
        }

        static func text(_ message: MIMEMessage) -> String {
            String(decoding: message.root.decodedBody(), as: UTF8.self)
        }

        // MARK: made by openssl, checked here

        @Test(arguments: ["alice", "carol"], ["sha256", "sha512"])
        func opensslMultipartSignedVerifies(signer: String, digest: String) throws {
            let verification = try Self.verification(Self.opensslSigned(by: signer, digest: digest))
            #expect(verification.isValid)
            #expect(verification.isDetached)
            #expect(verification.contentForm == .asStored)
            #expect(verification.signatures.first?.digestAlgorithm == digest)
            #expect(verification.findings.isEmpty, "unexpected findings \(verification.findings)")
            #expect(Self.text(verification.content) == "Meet me at noon.\r\nBy the well.\r\n")
        }

        @Test func opensslOpaqueSignedDataVerifiesAndIsParsed() throws {
            let message = try Self.opensslSigned(by: "carol", opaque: true)
            #expect(SMIMEEntityKind(MIMEMessage(bytes: message).root) == .signedData)
            let verification = try Self.verification(message)
            #expect(verification.isValid)
            #expect(!verification.isDetached)
            #expect(verification.content.root.contentType.mimeType == "text/plain")
            #expect(Self.text(verification.content) == "Meet me at noon.\r\nBy the well.\r\n")
        }

        @Test func lfOnlyMessageVerifiesInItsCRLFForm() throws {
            let stored = try Self.opensslSigned(by: "alice").filter { $0 != UInt8(ascii: "\r") }
            let verification = try Self.verification(stored)
            #expect(verification.isValid)
            #expect(verification.contentForm == .crlf)
            #expect(verification.findings == [.lineEndingsRestored])
        }

        @Test func lfOnlyMessageWithTamperedBodyIsStillBad() throws {
            let stored = try Self.opensslSigned(by: "alice").filter { $0 != UInt8(ascii: "\r") }
            let tampered = TestBytes.replacing(Array("noon".utf8), with: Array("nine".utf8), in: stored)
            let verification = try Self.verification(tampered)
            #expect(verification.signatures.map(\.status) == [.bad])
            #expect(verification.contentForm == .asStored)
        }

        @Test func tamperedBodyIsBad() throws {
            let message = try Self.opensslSigned(by: "alice")
            let tampered = TestBytes.replacing(Array("noon".utf8), with: Array("nine".utf8), in: message)
            #expect(tampered != message)
            let verification = try Self.verification(tampered)
            #expect(verification.signatures.map(\.status) == [.bad])
            #expect(!verification.isValid)
        }

        @Test(arguments: ["alice", "carol"])
        func tamperedSignatureIsBad(signer: String) throws {
            let message = try Self.opensslSigned(by: signer)
            // The signature value is the last field of the SignerInfo, which ends the DER.
            let tampered = try Self.rewritingDER(of: "2", in: message) { $0[$0.count - 8] ^= 0x01 }
            let verification = try Self.verification(tampered)
            #expect(verification.signatures.map(\.status) == [.bad])
        }

        @Test func expiredCertificateIsExpiredUnlessTheTimeIsPinned() throws {
            let message = try Self.opensslSigned(by: "dave")
            #expect(try Self.verification(message).signatures.map(\.status) == [.expired])
            let inValidity = Date(timeIntervalSince1970: 1_590_969_600)  // 2020-06-01
            #expect(try Self.verification(message, at: inValidity).signatures.map(\.status) == [.valid])
        }

        @Test func signerWhoIsNotTheSenderIsReported() throws {
            let message = try Self.opensslSigned(by: "alice", from: "Mallory <mallory@example.org>")
            let verification = try Self.verification(message)
            #expect(verification.isValid)
            #expect(verification.findings == [
                .signerIsNotSender(signer: verification.signatures[0].signer, addresses: ["alice@example.org"], sender: "mallory@example.org"),
            ])
        }

        @Test func severalSignersAreReported() throws {
            let message = try Self.openssl([
                "-sign", "-signer", "alice.pem", "-inkey", "alice.key", "-signer", "carol.pem", "-inkey", "carol.key",
                "-from", "alice@example.org",
            ])
            let verification = try Self.verification(message)
            #expect(verification.signatures.count == 2)
            #expect(verification.findings.contains(.multipleSigners(count: 2)))
            #expect(verification.findings.contains { $0.code == "signerIsNotSender" })
        }

        @Test func detachedSignatureCarryingContentIsReported() throws {
            let message = try Self.opensslSigned(by: "alice")
            let opaque = try Self.openssl(["-sign", "-nodetach", "-signer", "alice.pem", "-inkey", "alice.key", "-outform", "DER"], input: Array("other".utf8))
            let swapped = try Self.rewritingDER(of: "2", in: message) { $0 = opaque }
            let verification = try Self.verification(swapped)
            #expect(verification.findings.contains(.detachedSignatureCarriesContent))
        }

        @Test func messageWithoutFromHasUnknownSender() throws {
            let message = try Self.openssl(["-sign", "-signer", "alice.pem", "-inkey", "alice.key"])
            #expect(try Self.verification(message).findings == [.senderUnknown])
        }

        @Test(arguments: [("-aes-256-gcm", "aes-256-gcm", true), ("-aes-256-cbc", "aes-256-cbc", false)])
        func opensslEncryptedMessageDecrypts(cipher: String, algorithm: String, authenticated: Bool) throws {
            for recipient in ["alice", "carol"] {
                let layers = try Self.layers(Self.opensslEncrypted(to: recipient, cipher: cipher), keys: [recipient])
                try #require(layers.count == 1)
                guard case .decrypted(let decrypted) = layers[0].outcome else {
                    Issue.record("not decrypted: \(layers[0].outcome)")
                    return
                }
                #expect(decrypted.info.contentEncryptionAlgorithm == algorithm)
                #expect(decrypted.info.isIntegrityProtected == authenticated)
                #expect(Self.text(decrypted.content) == "Meet me at noon.\r\nBy the well.\r\n")
            }
        }

        @Test func tamperedGCMTagReleasesNothing() throws {
            let message = try Self.opensslEncrypted(to: "alice", cipher: "-aes-256-gcm")
            let tampered = try Self.rewritingDER(of: "1", in: message) { $0[$0.count - 1] ^= 0x01 }
            let layers = try Self.layers(tampered, keys: ["alice"])
            try #require(layers.count == 1)
            guard case .failed(let error) = layers[0].outcome else {
                Issue.record("a tampered tag was accepted: \(layers[0].outcome)")
                return
            }
            #expect(error.code == .decryptionFailed)
        }

        @Test func encryptedMessageWithoutKeyOrForSomeoneElseFails() throws {
            let message = try Self.opensslEncrypted(to: "alice", cipher: "-aes-256-gcm")
            for (keys, code) in [([String](), CryptoError.Code.missingKey), (["bob"], .wrongKey)] {
                let layers = try Self.layers(message, keys: keys)
                guard case .failed(let error) = layers.first?.outcome else {
                    Issue.record("decrypted with \(keys)")
                    continue
                }
                #expect(error.code == code)
                #expect(layers.first?.encryption?.contentEncryptionAlgorithm == "aes-256-gcm")
            }
        }

        @Test func tripleWrappedMessageIsOpenedLayerByLayer() throws {
            let signed = try Self.opensslSigned(by: "alice")
            let message = try Self.opensslEncrypted(to: "bob", cipher: "-aes-256-gcm", input: signed)
            let layers = try Self.layers(message, keys: ["bob"])
            #expect(layers.map(\.role) == [.encrypted, .signed])
            #expect(layers.map(\.depth) == [0, 1])
            guard case .verified(let verification) = layers.last?.outcome else {
                Issue.record("the inner signature was not verified")
                return
            }
            #expect(verification.isValid)
            // The outer From (carol) is what a reader sees; Alice signed.
            #expect(verification.findings.contains { $0.code == "signerIsNotSender" })
        }

        @Test func unsignedMessageHasNoLayer() throws {
            #expect(try Self.layers(Self.plain).isEmpty)
        }

        @Test func multipartSignedWithOnePartIsAnError() throws {
            let message = Array("Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n".utf8)
            let layers = try Self.layers(message)
            guard case .failed(let error) = layers.first?.outcome else {
                Issue.record("a one-part multipart/signed was not refused")
                return
            }
            #expect(error.code == .malformedData)
        }

        @Test func smimeTypeMissingIsReadFromTheDER() throws {
            let message = try Self.opensslEncrypted(to: "alice", cipher: "-aes-256-gcm")
            let stripped = TestBytes.replacing(Array("smime-type=authEnveloped-data;".utf8), with: Array(repeating: UInt8(ascii: " "), count: 30), in: message)
            #expect(stripped != message)
            #expect(SMIMEEntityKind(MIMEMessage(bytes: stripped).root) == .authEnvelopedData)
        }

        // MARK: made here, checked by openssl

        static func signer(_ name: String, digest: SMIMEDigestAlgorithm = .sha256) throws -> SMIMEMessageSigner {
            SMIMEMessageSigner(signer: SMIMESigner(identities: [try SMIMETests.fixture.identity(name)], digestAlgorithm: digest))
        }

        /// Runs `openssl cms -verify` on `message`; returns its status and the content.
        static func opensslVerify(_ message: [UInt8]) throws -> SMIMEFixture.Run {
            let fixture = try SMIMETests.fixture
            let path = try fixture.write(message, to: UUID().uuidString + ".eml")
            return try fixture.openssl(["cms", "-verify", "-CAfile", "ca.pem", "-in", path])
        }

        @Test(arguments: ["alice", "carol"], [SMIMEDigestAlgorithm.sha256, .sha512])
        func signedMessageVerifiesWithOpenSSL(signer: String, digest: SMIMEDigestAlgorithm) throws {
            let signed = try Self.signer(signer, digest: digest).signDetached(MIMEMessage(bytes: Self.plain))
            let run = try Self.opensslVerify(signed)
            #expect(run.status == 0, "openssl: \(run.errors)")
            #expect(String(decoding: run.output, as: UTF8.self).contains("Meet me at noon."))
            let tampered = try Self.opensslVerify(TestBytes.replacing(Array("noon".utf8), with: Array("nine".utf8), in: signed))
            #expect(tampered.status != 0)
            let parsed = MIMEMessage(bytes: signed)
            #expect(parsed.headers["Subject"] == "Noon")
            #expect(parsed.headers["From"] == "Alice <alice@example.org>")
            #expect(parsed.root.contentType.parameters["micalg"] == (digest == .sha256 ? "sha-256" : "sha-512"))
            #expect(try Self.verification(signed).isValid)
        }

        @Test func opaqueSignedMessageVerifiesWithOpenSSL() throws {
            let signed = try Self.signer("carol").signOpaque(MIMEMessage(bytes: Self.plain))
            let run = try Self.opensslVerify(signed)
            #expect(run.status == 0, "openssl: \(run.errors)")
            #expect(String(decoding: run.output, as: UTF8.self).contains("By the well."))
        }

        @Test func eightBitBodyIsBase64EncodedBeforeSigning() throws {
            let message = Array("From: alice@example.org\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nGrüße\nzwei\n".utf8)
            let signed = try Self.signer("alice").signDetached(MIMEMessage(bytes: message))
            #expect(signed.allSatisfy { $0 < 0x80 })
            #expect(try Self.opensslVerify(signed).status == 0)
            let verification = try Self.verification(signed)
            #expect(verification.isValid)
            #expect(verification.content.root.decodedBody() == Array("Grüße\r\nzwei\r\n".utf8))
        }

        @Test(arguments: [(CMSContentEncryptionAlgorithm.aes256GCM, "authEnveloped-data"), (.aes256CBC, "enveloped-data")])
        func encryptedMessageDecryptsWithOpenSSL(algorithm: CMSContentEncryptionAlgorithm, smimeType: String) throws {
            let fixture = try SMIMETests.fixture
            let encryptor = SMIMEMessageEncryptor(encryptor: SMIMEEncryptor(
                recipients: [try fixture.certificate("alice"), try fixture.certificate("carol")], algorithm: algorithm
            ))
            let encrypted = try encryptor.encrypt(MIMEMessage(bytes: Self.plain))
            let parsed = MIMEMessage(bytes: encrypted)
            #expect(parsed.root.contentType.parameters["smime-type"] == smimeType)
            #expect(parsed.headers["To"] == "bob@example.org")
            let path = try fixture.write(encrypted, to: UUID().uuidString + ".eml")
            for recipient in ["alice", "carol"] {
                let run = try fixture.openssl(["cms", "-decrypt", "-in", path, "-inkey", "\(recipient).key", "-recip", "\(recipient).pem"])
                #expect(run.status == 0, "openssl: \(run.errors)")
                #expect(run.output == Array("Content-Type: text/plain; charset=us-ascii\r\n\r\nMeet me at noon.\r\nBy the well.\r\n".utf8))
            }
        }

        @Test func signedThenEncryptedHereIsOpenedByOpenSSL() throws {
            let fixture = try SMIMETests.fixture
            let signed = try Self.signer("alice").signDetached(MIMEMessage(bytes: Self.plain))
            let encrypted = try SMIMEMessageEncryptor(encryptor: SMIMEEncryptor(recipients: [try fixture.certificate("bob")]))
                .encrypt(MIMEMessage(bytes: signed))
            let path = try fixture.write(encrypted, to: UUID().uuidString + ".eml")
            let decrypted = try fixture.require(["cms", "-decrypt", "-in", path, "-inkey", "bob.key", "-recip", "bob.pem"])
            #expect(try Self.opensslVerify(decrypted.output).status == 0)
            let layers = try Self.layers(encrypted, keys: ["bob"])
            #expect(layers.map(\.role) == [.encrypted, .signed])
            guard case .verified(let verification) = layers.last?.outcome else {
                Issue.record("the inner signature was not verified")
                return
            }
            #expect(verification.isValid)
            #expect(verification.findings.isEmpty, "unexpected findings \(verification.findings)")
        }
    }
}

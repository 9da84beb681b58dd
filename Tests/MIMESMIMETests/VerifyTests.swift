import Foundation
import MIMECrypto
import MIMESMIME
import Testing

extension SMIMETests {
    /// Signatures made by `openssl cms -sign`, checked by `SMIMEVerifier`.
    @Suite struct Verify {
        static let body = Array("Content-Type: text/plain\r\n\r\nSigned with care.\r\n".utf8)

        /// Signs `body` with `openssl cms` and returns the DER.
        static func opensslSign(
            _ body: [UInt8], signers: [String], digest: String = "sha256", detached: Bool = true, extra: [String] = []
        ) throws -> [UInt8] {
            let fixture = try SMIMETests.fixture
            let name = UUID().uuidString
            let input = try fixture.write(body, to: "\(name).txt")
            var arguments = ["cms", "-sign", "-binary", "-md", digest, "-in", input, "-outform", "DER", "-out", "\(name).der"]
            for signer in signers {
                arguments += ["-signer", "\(signer).pem", "-inkey", "\(signer).key"]
            }
            if !detached { arguments.append("-nodetach") }
            try fixture.require(arguments + extra)
            return try fixture.bytes("\(name).der")
        }

        static func verifier(trust: SMIMETrust? = nil, at time: Date? = nil) throws -> SMIMEVerifier {
            SMIMEVerifier(trust: try trust ?? SMIMETests.fixture.trust, verificationTime: time)
        }

        @Test(arguments: ["alice", "carol"], ["sha256", "sha512"])
        func opensslDetachedSignaturesVerify(signer: String, digest: String) throws {
            let signature = try Self.opensslSign(Self.body, signers: [signer], digest: digest)
            let result = try Self.verifier().verifyDetached(content: Self.body, signature: signature)
            #expect(result.isValid)
            #expect(result.signerInfoCount == 1)
            #expect(result.hasEncapsulatedContent == false)
            let info = try #require(result.signatures.first)
            #expect(info.status == .valid)
            #expect(info.signer?.contains("CN=\(signer.capitalized)") == true)
            #expect(info.emailAddresses.contains("\(signer)@example.org"))
            #expect(info.digestAlgorithm == digest)
            #expect(info.signatureAlgorithm != nil)
            #expect(info.fingerprint?.count == 64)
            #expect(info.serialNumber?.isEmpty == false)
            #expect(info.signingTime != nil)
        }

        @Test(arguments: ["alice", "carol"])
        func opensslOpaqueSignedDataVerifiesAndYieldsItsContent(signer: String) throws {
            let signedData = try Self.opensslSign(Self.body, signers: [signer], detached: false)
            let result = try Self.verifier().verifyOpaque(signedData)
            #expect(result.isValid)
            #expect(result.hasEncapsulatedContent)
            #expect(result.content == Self.body)
        }

        @Test func streamedIndefiniteLengthSignedDataVerifies() throws {
            let signedData = try Self.opensslSign(Self.body, signers: ["carol"], detached: false, extra: ["-stream"])
            #expect(signedData[1] == 0x80)
            #expect(try CMSInspector.inspect(der: signedData).signerInfoCount == 1)
            let result = try Self.verifier().verifyOpaque(signedData)
            #expect(result.isValid)
            #expect(result.content == Self.body)
        }

        @Test func opensslSMIMESignatureVerifies() throws {
            let fixture = try SMIMETests.fixture
            let input = try fixture.write(Self.body, to: "verify-smime.txt")
            try fixture.require([
                "smime", "-sign", "-binary", "-in", input, "-signer", "alice.pem", "-inkey", "alice.key",
                "-outform", "DER", "-out", "verify-smime.der",
            ])
            let result = try Self.verifier().verifyDetached(content: Self.body, signature: fixture.bytes("verify-smime.der"))
            #expect(result.signatures.map(\.status) == [.valid])
        }

        @Test func rsaPSSSignatureVerifies() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["alice"], extra: ["-keyopt", "rsa_padding_mode:pss"])
            let result = try Self.verifier().verifyDetached(content: Self.body, signature: signature)
            #expect(result.signatures.map(\.status) == [.valid])
            #expect(result.signatures.first?.signatureAlgorithm == "rsassaPss")
        }

        @Test func everySingleByteCorruptionIsHandled() throws {
            let content = Array("short".utf8)
            let signature = try Self.opensslSign(content, signers: ["carol"])
            let verifier = try Self.verifier()
            // The ECDSA signature value (about 70 bytes) ends the DER; no change to it may verify.
            let signatureValue = (signature.count - 64)..<signature.count
            for offset in signature.indices {
                let corrupted = TestBytes.flipping(offset, in: signature)
                do {
                    let result = try verifier.verifyDetached(content: content, signature: corrupted)
                    #expect(result.signatures.count == result.signerInfoCount)
                    if signatureValue.contains(offset) {
                        #expect(!result.isValid, "corrupting byte \(offset) of the signature value still verified")
                    }
                } catch {
                    #expect(!error.message.isEmpty)
                }
            }
        }

        @Test func tamperedContentIsBad() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["alice"])
            var content = Self.body
            content[content.count - 3] = UInt8(ascii: "!")
            let result = try Self.verifier().verifyDetached(content: content, signature: signature)
            #expect(result.signatures.map(\.status) == [.bad])
            #expect(!result.isValid)
        }

        @Test func tamperedOpaqueContentIsBad() throws {
            let signedData = try Self.opensslSign(Self.body, signers: ["carol"], detached: false)
            let tampered = TestBytes.replacing(Array("care".utf8), with: Array("CARE".utf8), in: signedData)
            #expect(tampered != signedData)
            let result = try Self.verifier().verifyOpaque(tampered)
            #expect(result.signatures.map(\.status) == [.bad])
            #expect(result.content != Self.body)
        }

        @Test(arguments: ["alice", "carol"])
        func tamperedSignatureValueIsBad(signer: String) throws {
            // The signature value is the last field of the last SignerInfo, so the DER's last
            // byte belongs to it.
            let signature = try Self.opensslSign(Self.body, signers: [signer])
            let tampered = TestBytes.flipping(signature.count - 1, in: signature)
            let result = try Self.verifier().verifyDetached(content: Self.body, signature: tampered)
            #expect(result.signatures.map(\.status) == [.bad])
        }

        @Test func expiredCertificateIsExpiredAndValidAtAPinnedTime() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["dave"])
            let now = try Self.verifier().verifyDetached(content: Self.body, signature: signature)
            #expect(now.signatures.map(\.status) == [.expired])
            let june2020 = Date(timeIntervalSince1970: 1_590_969_600)
            let then = try Self.verifier(at: june2020).verifyDetached(content: Self.body, signature: signature)
            #expect(then.signatures.map(\.status) == [.valid])
        }

        @Test func certificatesNotYetValidAtAPinnedTimeAreExpired() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["alice"])
            let june2019 = Date(timeIntervalSince1970: 1_559_347_200)
            let result = try Self.verifier(at: june2019).verifyDetached(content: Self.body, signature: signature)
            #expect(result.signatures.map(\.status) == [.expired])
        }

        @Test func selfSignedSignerIsUntrusted() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["mallory"])
            let result = try Self.verifier().verifyDetached(content: Self.body, signature: signature)
            #expect(result.signatures.map(\.status) == [.untrusted])
            #expect(result.signatures.first?.emailAddresses == ["mallory@example.org"])
        }

        @Test func trustDecidesBetweenValidAndUntrusted() throws {
            let fixture = try SMIMETests.fixture
            let signature = try Self.opensslSign(Self.body, signers: ["alice"])
            let none = try Self.verifier(trust: SMIMETrust.none).verifyDetached(content: Self.body, signature: signature)
            #expect(none.signatures.map(\.status) == [.untrusted])
            let anchors = SMIMETrust.certificates([try fixture.certificate("ca")])
            let given = try Self.verifier(trust: anchors).verifyDetached(content: Self.body, signature: signature)
            #expect(given.signatures.map(\.status) == [.valid])
        }

        @Test func systemTrustDoesNotTrustTheTestCA() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["alice"])
            let result = try Self.verifier(trust: .system).verifyDetached(content: Self.body, signature: signature)
            #expect(result.signatures.map(\.status) == [.untrusted])
        }

        @Test func hashedPEMDirectoryIsTrusted() throws {
            let fixture = try SMIMETests.fixture
            let hash = try fixture.require(["x509", "-in", "ca.pem", "-noout", "-subject_hash"])
            let name = String(decoding: hash.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let directory = fixture.path("anchors")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try fixture.write(fixture.bytes("ca.pem"), to: "anchors/\(name).0")
            let signature = try Self.opensslSign(Self.body, signers: ["carol"])
            let result = try Self.verifier(trust: .pemDirectory(directory)).verifyDetached(content: Self.body, signature: signature)
            #expect(result.signatures.map(\.status) == [.valid])
        }

        @Test func signatureWithoutSignedAttributesIsChecked() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["alice"], extra: ["-noattr"])
            let valid = try Self.verifier().verifyDetached(content: Self.body, signature: signature)
            #expect(valid.signatures.map(\.status) == [.valid])
            #expect(valid.signatures.first?.signingTime == nil)
            let tampered = try Self.verifier().verifyDetached(content: Self.body + [0x0A], signature: signature)
            #expect(tampered.signatures.map(\.status) == [.bad])
        }

        @Test func lfStoredContentVerifiesOnceCanonicalised() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["alice"])
            let stored = Self.body.filter { $0 != UInt8(ascii: "\r") }
            let raw = try Self.verifier().verifyDetached(content: stored, signature: signature)
            #expect(raw.signatures.map(\.status) == [.bad])
            let canonical = try Self.verifier().verifyDetached(content: SMIMECanonicalization.crlf(stored), signature: signature)
            #expect(canonical.signatures.map(\.status) == [.valid])
        }

        @Test func missingTrustFileIsAnError() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["alice"])
            #expect(throws: CryptoError.self) {
                try Self.verifier(trust: .pemFile("/nonexistent/ca.pem")).verifyDetached(content: Self.body, signature: signature)
            }
        }

        @Test func signerWithoutCertificateIsUntrusted() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["alice"], extra: ["-nocerts"])
            let result = try Self.verifier().verifyDetached(content: Self.body, signature: signature)
            #expect(result.signatures.map(\.status) == [.untrusted])
            #expect(result.signatures.first?.signer == nil)
        }

        @Test func eachOfSeveralSignersGetsItsOwnStatus() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["alice", "mallory", "carol"])
            let result = try Self.verifier().verifyDetached(content: Self.body, signature: signature)
            #expect(result.signerInfoCount == 3)
            // SignerInfos is a SET OF, so DER puts them in byte order, not signing order.
            let statuses = Dictionary(uniqueKeysWithValues: result.signatures.map { ($0.emailAddresses.first ?? "", $0.status) })
            #expect(statuses == ["alice@example.org": .valid, "mallory@example.org": .untrusted, "carol@example.org": .valid])
            #expect(!result.isValid)
        }

        @Test func signedDataWithoutSignerInfosIsNeverValid() throws {
            func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] { [tag, UInt8(content.count)] + content }
            let idData: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01]
            let idSignedData: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]
            let encapsulated = tlv(0x30, idData + tlv(0xA0, tlv(0x04, Array("hi".utf8))))
            let signedData = tlv(0x30, [0x02, 0x01, 0x01] + tlv(0x31, []) + encapsulated + tlv(0x31, []))
            let contentInfo = tlv(0x30, idSignedData + tlv(0xA0, signedData))
            let result = try Self.verifier().verifyOpaque(contentInfo)
            #expect(result.signerInfoCount == 0)
            #expect(result.signatures.isEmpty)
            #expect(!result.isValid)
        }

        @Test func detachedCheckReportsEncapsulatedContent() throws {
            let signedData = try Self.opensslSign(Self.body, signers: ["alice"], detached: false)
            let result = try Self.verifier().verifyDetached(content: Self.body, signature: signedData)
            #expect(result.hasEncapsulatedContent)
            #expect(result.isValid)
        }

        @Test func unknownDigestAlgorithmIsUnsupported() throws {
            // id-sha256 (2.16.840.1.101.3.4.2.1) becomes the unassigned 2.16.840.1.101.3.4.2.127.
            let sha256: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]
            var unknown = sha256
            unknown[unknown.count - 1] = 0x7F
            let signature = try Self.opensslSign(Self.body, signers: ["alice"])
            let patched = TestBytes.replacing(sha256, with: unknown, in: signature)
            #expect(patched != signature)
            let result = try Self.verifier().verifyDetached(content: Self.body, signature: patched)
            #expect(result.signatures.map(\.status) == [.unsupported])
            #expect(result.signatures.first?.digestAlgorithm == "2.16.840.1.101.3.4.2.127")
        }

        @Test func inputThatIsNotSignedDataThrows() throws {
            let fixture = try SMIMETests.fixture
            let detached = try Self.opensslSign(Self.body, signers: ["alice"])
            let verifier = try Self.verifier()
            do {
                _ = try verifier.verifyOpaque(detached)
                Issue.record("a detached signature verified without content")
            } catch {
                #expect(error.code == .unexpectedContentType)
            }
            let input = try fixture.write(Self.body, to: "verify-enveloped.txt")
            try fixture.require(["cms", "-encrypt", "-in", input, "-outform", "DER", "-out", "verify-enveloped.der", "alice.pem"])
            let enveloped = try fixture.bytes("verify-enveloped.der")
            do {
                _ = try verifier.verifyOpaque(enveloped)
                Issue.record("enveloped-data verified as signed-data")
            } catch {
                #expect(error.code == .unexpectedContentType)
            }
        }

        @Test func truncatedSignatureIsMalformed() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["alice"])
            let verifier = try Self.verifier()
            for length in stride(from: 0, to: signature.count, by: 7) {
                do {
                    _ = try verifier.verifyDetached(content: Self.body, signature: signature.prefix(length))
                    Issue.record("a signature truncated to \(length) bytes was accepted")
                } catch {
                    #expect(error.code == .malformedData)
                }
            }
        }

        @Test func resultsEncodeStatusNamesAsJSON() throws {
            let signature = try Self.opensslSign(Self.body, signers: ["mallory"])
            let result = try Self.verifier().verifyDetached(content: Self.body, signature: signature)
            let json = String(decoding: try JSONEncoder().encode(result.signatures), as: UTF8.self)
            #expect(json.contains(#""status":"untrusted""#))
        }
    }
}

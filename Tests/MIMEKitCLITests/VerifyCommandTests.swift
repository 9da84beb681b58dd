import Foundation
import Testing

extension CryptoCommandTests {
    /// `mimekit verify`.
    @Suite struct Verify {
        @Test(arguments: [("alice", "sha256"), ("carol", "sha512")])
        func opensslSignedMessageIsValid(signer: String, digest: String) throws {
            let message = try CryptoCommandTests.opensslSigned(by: signer, digest: digest)
            let text = try CryptoCommandTests.mimekit(["verify", "--trust", "%ca.pem", "-"], stdin: message)
            #expect(text.status == 0, "stderr: \(text.stderr)")
            #expect(text.stdout.hasPrefix("TEXT: signed (smime, detached): valid\n"))
            let run = try CryptoCommandTests.mimekit(["verify", "--json", "--trust", "%ca.pem", "-"], stdin: message)
            #expect(run.status == 0)
            let report = try CryptoCommandTests.json(run)
            #expect(report["valid"] as? Bool == true)
            let layer = try #require((report["layers"] as? [[String: Any]])?.first)
            #expect(layer["kind"] as? String == "signed")
            #expect(layer["detached"] as? Bool == true)
            #expect(layer["contentForm"] as? String == "asStored")
            let signature = try #require((layer["signatures"] as? [[String: Any]])?.first)
            #expect(signature["status"] as? String == "valid")
            #expect(signature["digestAlgorithm"] as? String == digest)
            #expect(signature["emailAddresses"] as? [String] == ["\(signer)@example.org"])
            #expect((layer["findings"] as? [Any])?.isEmpty == true)
        }

        @Test func lfOnlyMessageVerifiesInCRLFForm() throws {
            let message = try CryptoCommandTests.opensslSigned(by: "alice").filter { $0 != UInt8(ascii: "\r") }
            let run = try CryptoCommandTests.mimekit(["verify", "--json", "--trust", "%ca.pem"], stdin: message)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let layer = try #require((try CryptoCommandTests.json(run)["layers"] as? [[String: Any]])?.first)
            #expect(layer["contentForm"] as? String == "crlf")
            #expect((layer["findings"] as? [[String: Any]])?.first?["code"] as? String == "lineEndingsRestored")
        }

        @Test func mboxReportsEachSignedMessage() throws {
            let signed = try CryptoCommandTests.opensslSigned(by: "alice").filter { $0 != UInt8(ascii: "\r") }
            let mbox = Array("From a@example.org Sun Nov 29 10:00:00 2026\n".utf8) + CryptoCommandTests.plain + Array("\n".utf8)
                + Array("From b@example.org Sun Nov 29 11:00:00 2026\n".utf8) + signed + Array("\n".utf8)
            let run = try CryptoCommandTests.mimekit(["verify", "--json", "--trust", "%ca.pem"], stdin: mbox)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.split(separator: "\n").count == 1)
            let report = try CryptoCommandTests.json(run)
            #expect(report["message"] as? Int == 1)
            #expect(CryptoCommandTests.statuses(report) == ["valid"])
        }

        @Test func tamperedBodyIsBadAndFails() throws {
            let message = try CryptoCommandTests.opensslSigned(by: "alice")
            let tampered = Array(String(decoding: message, as: UTF8.self).replacingOccurrences(of: "noon", with: "nine").utf8)
            let run = try CryptoCommandTests.mimekit(["verify", "--json", "--trust", "%ca.pem"], stdin: tampered)
            #expect(run.status == 1)
            let report = try CryptoCommandTests.json(run)
            #expect(report["valid"] as? Bool == false)
            #expect(CryptoCommandTests.statuses(report) == ["bad"])
        }

        @Test func withoutTrustTheSignerIsUntrusted() throws {
            let message = try CryptoCommandTests.opensslSigned(by: "alice")
            let run = try CryptoCommandTests.mimekit(["verify", "--json", "--trust", "none"], stdin: message)
            #expect(run.status == 1)
            #expect(CryptoCommandTests.statuses(try CryptoCommandTests.json(run)) == ["untrusted"])
        }

        @Test func certificateOutsideItsValidityIsExpired() throws {
            let message = try CryptoCommandTests.opensslSigned(by: "carol")
            let run = try CryptoCommandTests.mimekit(["verify", "--json", "--trust", "%ca.pem", "--at", "2060-01-01"], stdin: message)
            #expect(run.status == 1)
            #expect(CryptoCommandTests.statuses(try CryptoCommandTests.json(run)) == ["expired"])
        }

        @Test func unsignedMessageIsAOneLineError() throws {
            let run = try CryptoCommandTests.mimekit(["verify", "-"], stdin: CryptoCommandTests.plain)
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "Error: -: not a signed message (no multipart/signed, application/pkcs7-mime, multipart/encrypted or inline PGP part)\n")
        }

        @Test func missingTrustFileAndBadTimeAreErrors() throws {
            let missing = try CryptoCommandTests.mimekit(["verify", "--trust", "/nonexistent/ca.pem"], stdin: CryptoCommandTests.plain)
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("--trust /nonexistent/ca.pem: No such file or directory"))
            let time = try CryptoCommandTests.mimekit(["verify", "--at", "yesterday"], stdin: CryptoCommandTests.plain)
            #expect(time.status != 0)
            #expect(time.stderr.contains("--at yesterday: not an ISO 8601 time"))
        }

        @Test func encryptedSignedMessageIsVerifiedWithAKey() throws {
            let signed = try CryptoCommandTests.opensslSigned(by: "alice")
            let message = try CryptoCommandTests.opensslEncrypted(to: "bob", input: signed)
            let run = try CryptoCommandTests.mimekit(["verify", "--json", "--trust", "%ca.pem", "--key", "%bob.key", "--cert", "%bob.pem"], stdin: message)
            let report = try CryptoCommandTests.json(run)
            let layers = try #require(report["layers"] as? [[String: Any]])
            #expect(layers.map { $0["kind"] as? String } == ["encrypted", "signed"])
            #expect(layers.first?["integrityProtected"] as? Bool == true)
            #expect(CryptoCommandTests.statuses(report) == ["valid"])
            // Alice signed, but the outer From is Carol's.
            let findings = layers.last?["findings"] as? [[String: Any]] ?? []
            #expect(findings.map { $0["code"] as? String } == ["signerIsNotSender"])
            #expect(run.status == 0)
            let withoutKey = try CryptoCommandTests.mimekit(["verify", "--json", "--trust", "%ca.pem"], stdin: message)
            #expect(withoutKey.status == 1)
            let layer = (try CryptoCommandTests.json(withoutKey)["layers"] as? [[String: Any]])?.first
            #expect((layer?["error"] as? [String: Any])?["code"] as? String == "missingKey")
            // The algorithm is read from the DER without a key.
            #expect(layer?["algorithm"] as? String == "aes-256-gcm")
            #expect(layer?["integrityProtected"] as? Bool == true)
        }
    }
}

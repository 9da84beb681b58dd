import Foundation
import MIMEKit
import Testing

extension CryptoCommandTests {
    /// `mimekit decrypt`.
    @Suite struct Decrypt {
        @Test(arguments: [("alice", "-aes-256-gcm"), ("carol", "-aes-128-cbc")])
        func opensslEncryptedMessageDecrypts(recipient: String, cipher: String) throws {
            let message = try CryptoCommandTests.opensslEncrypted(to: recipient, cipher: cipher)
            let run = try CryptoCommandTests.mimekit(["decrypt", "--key", "%\(recipient).key", "--cert", "%\(recipient).pem"], stdin: message)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.contains("Subject: Noon\r\n"))
            #expect(run.stdout.hasSuffix("Content-Type: text/plain; charset=us-ascii\r\n\r\nMeet me at noon.\r\nBy the well.\r\n"))
            #expect(!run.stdout.contains("pkcs7-mime"))
        }

        @Test func jsonReportsTheAlgorithm() throws {
            for (cipher, algorithm, protected) in [("-aes-256-gcm", "aes-256-gcm", true), ("-aes-256-cbc", "aes-256-cbc", false)] {
                let message = try CryptoCommandTests.opensslEncrypted(to: "alice", cipher: cipher)
                let run = try CryptoCommandTests.mimekit(["decrypt", "--json", "--p12", "%alice.p12", "--password-file", "%password.txt"], stdin: message)
                #expect(run.status == 0, "stderr: \(run.stderr)")
                let report = try CryptoCommandTests.json(run)
                #expect(report["decrypted"] as? Bool == true)
                #expect(report["algorithm"] as? String == algorithm)
                #expect(report["integrityProtected"] as? Bool == protected)
            }
        }

        @Test func outputFileGetsTheMessage() throws {
            let fixture = try CryptoCommandTests.fixture
            let message = try CryptoCommandTests.opensslEncrypted(to: "alice")
            let name = UUID().uuidString + ".eml"
            let run = try CryptoCommandTests.mimekit(["decrypt", "--key", "%alice-encrypted.key", "--cert", "%alice.pem",
                                                      "--password-file", "%password.txt", "-o", "%\(name)"], stdin: message)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(String(decoding: try fixture.bytes(name), as: UTF8.self).hasSuffix("By the well.\r\n"))
        }

        @Test func tamperedGCMTagFailsAndReleasesNothing() throws {
            let message = try CryptoCommandTests.opensslEncrypted(to: "alice")
            // The MAC is the last field of AuthEnvelopedData, so the DER ends with the tag.
            let entity = MIMEMessage(bytes: message).root
            var der = entity.decodedBody()
            der[der.count - 1] ^= 0x01
            let base64 = Data(der).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            let tampered = Array(message[..<entity.offsets.bodyStart]) + Array((base64 + "\r\n").utf8)
            let run = try CryptoCommandTests.mimekit(["decrypt", "--json", "--key", "%alice.key", "--cert", "%alice.pem"], stdin: tampered)
            #expect(run.status == 1)
            #expect(!run.stdout.contains("noon"))
            let report = try CryptoCommandTests.json(run)
            #expect(report["decrypted"] as? Bool == false)
            #expect((report["error"] as? [String: Any])?["code"] as? String == "decryptionFailed")
            let text2 = try CryptoCommandTests.mimekit(["decrypt", "--key", "%alice.key", "--cert", "%alice.pem"], stdin: tampered)
            #expect(text2.status == 1)
            #expect(text2.stdout.isEmpty)
            #expect(text2.stderr == "Error: -: the message does not authenticate: it was modified; no plaintext released\n")
        }

        @Test func badKeysAreOneLineErrors() throws {
            let fixture = try CryptoCommandTests.fixture
            let message = try CryptoCommandTests.opensslEncrypted(to: "alice")
            let cases: [([String], String)] = [
                (["--key", "/nonexistent/k.pem"], "Error: /nonexistent/k.pem: No such file or directory\n"),
                (["--p12", "%alice.p12", "--password-file", "%wrong-password.txt"], "Error: \(fixture.path("alice.p12")): wrong password for the PKCS#12 file\n"),
                (["--key", "%alice-encrypted.key", "--cert", "%alice.pem"], "Error: \(fixture.path("alice-encrypted.key")): the private key is encrypted and no password was given"),
                (["--key", "%bob.key", "--cert", "%bob.pem"], "Error: -: the message is not encrypted to emailAddress=bob@example.org,CN=Bob\n"),
                (["--key", "%alice.key"], "Error: \(fixture.path("alice.key")): no PEM certificate found; give the certificate with --cert CERT\n"),
            ]
            for (options, expected) in cases {
                let run = try CryptoCommandTests.mimekit(["decrypt"] + options, stdin: message)
                #expect(run.status == 1, "\(options)")
                #expect(run.stdout.isEmpty)
                #expect(run.stderr.hasPrefix(expected), "\(options)")
                #expect(run.stderr.hasSuffix("\n") && run.stderr.dropLast().allSatisfy { $0 != "\n" }, "not one line: \(run.stderr)")
            }
        }

        @Test func encryptedPartOfAMultipartIsReplacedInPlace() throws {
            let encrypted = MIMEMessage(bytes: try CryptoCommandTests.opensslEncrypted(to: "alice")).root
            let contentFields = encrypted.headers.filter { $0.name.lowercased().hasPrefix("content-") }.flatMap { $0.raw.bytes }
            let message = Array("From: carol@example.org\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nin clear\r\n--m\r\n".utf8)
                + contentFields + Array("\r\n".utf8) + encrypted.body.bytes + Array("\r\n--m--\r\n".utf8)
            let run = try CryptoCommandTests.mimekit(["decrypt", "--key", "%alice.key", "--cert", "%alice.pem"], stdin: message)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let parts = MIMEMessage(bytes: Array(run.stdout.utf8)).root.children
            #expect(parts.map { $0.contentType.mimeType } == ["text/plain", "text/plain"])
            #expect(parts.first?.decodedBody() == Array("in clear".utf8))
            let plaintext = String(decoding: parts.last?.decodedBody() ?? [], as: UTF8.self)
            #expect(plaintext.hasPrefix("Meet me at noon.\r\nBy the well."))
        }

        @Test func messageThatIsNotEncryptedIsAnError() throws {
            let run = try CryptoCommandTests.mimekit(["decrypt", "--key", "%alice.key", "--cert", "%alice.pem"], stdin: CryptoCommandTests.plain)
            #expect(run.status == 1)
            #expect(run.stderr == "Error: -: not an encrypted message (no application/pkcs7-mime enveloped-data, multipart/encrypted or inline PGP MESSAGE part)\n")
        }

        /// Without --key, decrypt may still open OpenPGP messages (GnuPG home); an S/MIME one
        /// is an error naming the options it needs.
        @Test func missingKeyForSMIMEIsAnError() throws {
            let message = try CryptoCommandTests.opensslEncrypted(to: "alice")
            let run = try CryptoCommandTests.mimekit(["decrypt"], stdin: message)
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("decrypting needs --key KEY [--cert CERT] or --p12 P12"))
        }
    }
}

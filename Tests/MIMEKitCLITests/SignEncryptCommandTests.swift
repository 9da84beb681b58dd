import Foundation
import Testing

extension CryptoCommandTests {
    /// `mimekit sign` and `mimekit encrypt`, checked by `openssl cms` and by `mimekit` itself.
    @Suite struct SignEncrypt {
        /// `openssl cms ARGS -in FILE` over `message`.
        static func opensslCheck(_ arguments: [String], _ message: String) throws -> CryptoCLIFixture.Run {
            let fixture = try CryptoCommandTests.fixture
            let path = try fixture.write(Array(message.utf8), to: UUID().uuidString + ".eml")
            return try fixture.openssl(["cms", "-in", path] + arguments)
        }

        @Test(arguments: [("alice", "sha256", false), ("carol", "sha512", false), ("alice", "sha256", true)])
        func signedMessageVerifiesWithOpenSSL(signer: String, digest: String, opaque: Bool) throws {
            let run = try CryptoCommandTests.mimekit(
                ["sign", "--key", "%\(signer).key", "--cert", "%\(signer).pem", "--digest", digest] + (opaque ? ["--opaque"] : []),
                stdin: CryptoCommandTests.plain
            )
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.hasPrefix("From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: Noon\r\nMIME-Version: 1.0\r\n"))
            let check = try Self.opensslCheck(["-verify", "-CAfile", "ca.pem"], run.stdout)
            #expect(check.status == 0, "openssl: \(check.errors)")
            #expect(String(decoding: check.output, as: UTF8.self).contains("Meet me at noon."))
            let tampered = try Self.opensslCheck(["-verify", "-CAfile", "ca.pem"], run.stdout.replacingOccurrences(of: "noon", with: "nine"))
            #expect(opaque || tampered.status != 0)
            let verify = try CryptoCommandTests.mimekit(["verify", "--trust", "%ca.pem"], stdin: Array(run.stdout.utf8))
            #expect(verify.status == 0, "stdout: \(verify.stdout)")
            // The message is From Alice, so Carol's signature is valid but reported.
            #expect(verify.stdout.contains("is not the sender alice@example.org") == (signer != "alice"))
        }

        @Test(arguments: [false, true])
        func encryptedMessageDecryptsWithOpenSSL(cbc: Bool) throws {
            let run = try CryptoCommandTests.mimekit(
                ["encrypt", "--cert", "%alice.pem", "--cert", "%carol.pem"] + (cbc ? ["--cbc"] : []), stdin: CryptoCommandTests.plain
            )
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.contains(cbc ? "smime-type=enveloped-data" : "smime-type=authEnveloped-data"))
            #expect(!run.stdout.contains("noon"))
            for recipient in ["alice", "carol"] {
                let check = try Self.opensslCheck(["-decrypt", "-inkey", "\(recipient).key", "-recip", "\(recipient).pem"], run.stdout)
                #expect(check.status == 0, "openssl: \(check.errors)")
                #expect(check.output == Array("Content-Type: text/plain; charset=us-ascii\r\n\r\nMeet me at noon.\r\nBy the well.\r\n".utf8))
            }
        }

        @Test func signThenEncryptThenDecryptThenVerify() throws {
            let signed = try CryptoCommandTests.mimekit(["sign", "--p12", "%alice.p12", "--password-file", "%password.txt"], stdin: CryptoCommandTests.plain)
            let encrypted = try CryptoCommandTests.mimekit(["encrypt", "--cert", "%bob.pem"], stdin: Array(signed.stdout.utf8))
            let decrypted = try CryptoCommandTests.mimekit(["decrypt", "--key", "%bob.key", "--cert", "%bob.pem"], stdin: Array(encrypted.stdout.utf8))
            #expect([signed.status, encrypted.status, decrypted.status] == [0, 0, 0], "\(signed.stderr)\(encrypted.stderr)\(decrypted.stderr)")
            #expect(decrypted.stdout == signed.stdout)
            let verify = try CryptoCommandTests.mimekit(["verify", "--json", "--trust", "%ca.pem"], stdin: Array(decrypted.stdout.utf8))
            #expect(verify.status == 0, "stdout: \(verify.stdout)")
            let direct = try CryptoCommandTests.mimekit(["verify", "--json", "--trust", "%ca.pem", "--key", "%bob.key", "--cert", "%bob.pem"],
                                                        stdin: Array(encrypted.stdout.utf8))
            let report = try CryptoCommandTests.json(direct)
            #expect(direct.status == 0)
            #expect((report["layers"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["encrypted", "signed"])
            #expect((report["layers"] as? [[String: Any]])?.last?["findings"] as? [Any] != nil)
            #expect(((report["layers"] as? [[String: Any]])?.last?["findings"] as? [Any])?.isEmpty == true)
        }

        @Test func usageErrors() throws {
            let encrypt = try CryptoCommandTests.mimekit(["encrypt"], stdin: CryptoCommandTests.plain)
            #expect(encrypt.status == 64)
            #expect(encrypt.stderr.contains("encrypting needs at least one --cert CERT"))
            let sign = try CryptoCommandTests.mimekit(["sign", "--key", "%alice.key", "--cert", "%alice.pem", "--digest", "md5"], stdin: CryptoCommandTests.plain)
            #expect(sign.status == 64)
            let certificate = try CryptoCommandTests.mimekit(["encrypt", "--cert", "%alice.key"], stdin: CryptoCommandTests.plain)
            #expect(certificate.status == 1)
            #expect(certificate.stderr.hasSuffix("alice.key: no PEM certificate found\n"))
        }
    }
}

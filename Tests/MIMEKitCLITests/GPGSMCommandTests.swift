import Foundation
import MIMEKit
import Testing

extension CryptoCommandTests {
    /// Messages made by GnuPG's `gpgsm`, read by `mimekit verify` and `mimekit decrypt`.
    @Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gpgsm")))
    struct GPGSM {
        /// Runs `body` with a short-lived gpgsm home that trusts the CA and holds Alice's
        /// key; the agent is stopped and the home deleted afterwards.
        static func withHome(_ body: (_ gpgsm: ([String], [UInt8]) throws -> CryptoCLIFixture.Run) throws -> Void) throws {
            let fixture = try CryptoCommandTests.fixture
            // Short, because gpg-agent's socket lives in it.
            var template = Array("/tmp/gc.XXXXXX".utf8CString)
            guard mkdtemp(&template) != nil else { throw CocoaError(.fileWriteUnknown) }
            let home = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            defer {
                _ = try? fixture.run("gpgconf", ["--homedir", home, "--kill", "all"])
                try? FileManager.default.removeItem(atPath: home)
            }
            try Data("allow-loopback-pinentry\n".utf8).write(to: URL(fileURLWithPath: home + "/gpg-agent.conf"))
            let fingerprint = String(decoding: try fixture.require(["x509", "-in", "ca.pem", "-noout", "-fingerprint", "-sha1"]).output, as: UTF8.self)
            let hex = fingerprint.split(separator: "=").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            try Data("\(hex) S\n".utf8).write(to: URL(fileURLWithPath: home + "/trustlist.txt"))
            let gpgsm = { (arguments: [String], input: [UInt8]) throws -> CryptoCLIFixture.Run in
                try fixture.require("gpgsm", ["--homedir", home, "--batch", "--disable-crl-checks", "--pinentry-mode", "loopback"] + arguments, input: input)
            }
            _ = try gpgsm(["--import", "ca.pem"], [])
            _ = try gpgsm(["--passphrase-fd", "0", "--import", "alice-legacy.p12"], Array("secret\n".utf8))
            try body(gpgsm)
        }

        static func base64(_ bytes: [UInt8]) -> String {
            Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        }

        @Test func gpgsmSignatureVerifiesWithTheCLI() throws {
            try Self.withHome { gpgsm in
                let fixture = try CryptoCommandTests.fixture
                let name = UUID().uuidString
                try fixture.write(CryptoCommandTests.entity, to: "\(name).txt")
                _ = try gpgsm(["--passphrase-fd", "0", "-u", "alice@example.org", "--detach-sign", "-o", "\(name).sig", "\(name).txt"], Array("secret\n".utf8))
                let message = Array("From: alice@example.org\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=\"g\"\r\n\r\n--g\r\n".utf8)
                    + CryptoCommandTests.entity
                    + Array("\r\n--g\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\n\(Self.base64(try fixture.bytes("\(name).sig")))\r\n--g--\r\n".utf8)
                let run = try CryptoCommandTests.mimekit(["verify", "--json", "--trust", "%ca.pem"], stdin: message)
                #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
                #expect(CryptoCommandTests.statuses(try CryptoCommandTests.json(run)) == ["valid"])
                let tampered = try CryptoCommandTests.mimekit(["verify", "--trust", "%ca.pem"], stdin: Array(String(decoding: message, as: UTF8.self).replacingOccurrences(of: "noon", with: "nine").utf8))
                #expect(tampered.status == 1)
            }
        }

        @Test func gpgsmEncryptionDecryptsWithTheCLI() throws {
            try Self.withHome { gpgsm in
                let fixture = try CryptoCommandTests.fixture
                let name = UUID().uuidString
                try fixture.write(CryptoCommandTests.entity, to: "\(name).txt")
                _ = try gpgsm(["-r", "alice@example.org", "--encrypt", "-o", "\(name).enc", "\(name).txt"], [])
                let message = Array("To: alice@example.org\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n\r\n\(Self.base64(try fixture.bytes("\(name).enc")))\r\n".utf8)
                let run = try CryptoCommandTests.mimekit(["decrypt", "--p12", "%alice.p12", "--password-file", "%password.txt"], stdin: message)
                #expect(run.status == 0, "stderr: \(run.stderr)")
                #expect(run.stdout == "To: alice@example.org\r\n" + String(decoding: CryptoCommandTests.entity, as: UTF8.self))
            }
        }

        @Test func messagesMadeByTheCLIAreReadByGPGSM() throws {
            try Self.withHome { gpgsm in
                let fixture = try CryptoCommandTests.fixture
                let signed = try CryptoCommandTests.mimekit(["sign", "--key", "%alice.key", "--cert", "%alice.pem"], stdin: CryptoCommandTests.plain)
                let encrypted = try CryptoCommandTests.mimekit(["encrypt", "--cbc", "--cert", "%alice.pem"], stdin: CryptoCommandTests.plain)
                #expect(signed.status == 0 && encrypted.status == 0)
                // gpgsm reads CMS, not MIME: hand it the parts.
                let parts = MIMEMessage(bytes: Array(signed.stdout.utf8)).root.children
                try #require(parts.count == 2)
                let name = UUID().uuidString
                try fixture.write(parts[0].raw.bytes, to: "\(name).txt")
                try fixture.write(parts[1].decodedBody(), to: "\(name).sig")
                let verified = try gpgsm(["--verify", "\(name).sig", "\(name).txt"], [])
                #expect(verified.errors.contains("Good signature"))
                try fixture.write(MIMEMessage(bytes: Array(encrypted.stdout.utf8)).root.decodedBody(), to: "\(name).enc")
                _ = try gpgsm(["--passphrase-fd", "0", "--decrypt", "-o", "\(name).out", "\(name).enc"], Array("secret\n".utf8))
                #expect(String(decoding: try fixture.bytes("\(name).out"), as: UTF8.self).hasSuffix("Meet me at noon.\r\nBy the well.\r\n"))
            }
        }
    }
}

import Foundation
import MIMECrypto
import MIMESMIME
import Testing
extension SMIMETests {
    /// GnuPG's `gpgsm` as an independent peer, both ways. gpgsm 2.2 reads no
    /// authEnveloped-data, so encryption toward it uses AES-CBC.
    @Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gpgsm")))
    struct GPGSMInterop {
        static let body = Array("Content-Type: text/plain\r\n\r\nBetween GnuPG and OpenSSL.\r\n".utf8)
        static let passphrase = Array("secret\n".utf8)

        static func withHome(_ body: (GPGSMHome, SMIMEFixture) throws -> Void) throws {
            let fixture = try SMIMETests.fixture
            let home = try GPGSMHome(fixture: fixture)
            defer { home.close() }
            try body(home, fixture)
        }

        @Test func gpgsmDetachedSignatureVerifiesHere() throws {
            try Self.withHome { home, fixture in
                let name = UUID().uuidString
                try fixture.write(Self.body, to: "\(name).txt")
                try home.gpgsm(
                    ["--passphrase-fd", "0", "-u", "alice@example.org", "--detach-sign", "-o", "\(name).sig", "\(name).txt"],
                    input: Self.passphrase
                )
                let result = try SMIMEVerifier(trust: fixture.trust).verifyDetached(content: Self.body, signature: fixture.bytes("\(name).sig"))
                #expect(result.signatures.map(\.status) == [.valid])
                #expect(result.signatures.first?.emailAddresses == ["alice@example.org"])
            }
        }

        @Test func gpgsmEncryptionDecryptsHere() throws {
            try Self.withHome { home, fixture in
                let name = UUID().uuidString
                try fixture.write(Self.body, to: "\(name).txt")
                try home.gpgsm(["-r", "alice@example.org", "--encrypt", "-o", "\(name).enc", "\(name).txt"])
                let result = try SMIMEDecryptor(identity: fixture.identity("alice")).decrypt(fixture.bytes("\(name).enc"))
                #expect(result.plaintext == Self.body)
                #expect(result.info.isIntegrityProtected == false)
            }
        }

        @Test(arguments: ["alice", "carol"])
        func signatureMadeHereVerifiesWithGPGSM(signer: String) throws {
            try Self.withHome { home, fixture in
                let name = UUID().uuidString
                try fixture.write(Self.body, to: "\(name).txt")
                let signature = try SMIMESigner(identities: [fixture.identity(signer)]).signDetached(Self.body)
                try fixture.write(signature, to: "\(name).sig")
                let run = try home.gpgsm(["--verify", "\(name).sig", "\(name).txt"])
                #expect(run.errors.contains("Good signature"))
                var tampered = Self.body
                tampered[0] = UInt8(ascii: "c")
                try fixture.write(tampered, to: "\(name)-tampered.txt")
                #expect(throws: SMIMEFixture.FixtureError.self) {
                    try home.gpgsm(["--verify", "\(name).sig", "\(name)-tampered.txt"])
                }
            }
        }

        @Test func cbcEncryptionMadeHereDecryptsWithGPGSM() throws {
            try Self.withHome { home, fixture in
                let name = UUID().uuidString
                let message = try SMIMEEncryptor(
                    recipients: [fixture.certificate("alice"), fixture.certificate("carol")], algorithm: .aes256CBC
                ).encrypt(Self.body)
                try fixture.write(message, to: "\(name).enc")
                try home.gpgsm(["--passphrase-fd", "0", "--decrypt", "-o", "\(name).out", "\(name).enc"], input: Self.passphrase)
                #expect(try fixture.bytes("\(name).out") == Self.body)
            }
        }
    }
}

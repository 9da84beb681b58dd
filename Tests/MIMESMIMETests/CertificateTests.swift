import Foundation
import MIMECrypto
import MIMESMIME
import Testing

extension SMIMETests {
    /// Reading certificates and what they say about their holder.
    @Suite struct Certificates {
        @Test func pemAndDERGiveTheSameCertificate() throws {
            let fixture = try SMIMETests.fixture
            let pem = try fixture.certificate("alice")
            try fixture.require(["x509", "-in", "alice.pem", "-outform", "DER", "-out", "alice.der"])
            let der = try SMIMECertificate(der: fixture.bytes("alice.der"))
            #expect(der.fingerprint == pem.fingerprint)
            #expect(try der.der == fixture.bytes("alice.der"))
            let expected = try fixture.require(["x509", "-in", "alice.pem", "-noout", "-fingerprint", "-sha256", "-serial"])
            let text = String(decoding: expected.output, as: UTF8.self).uppercased().replacingOccurrences(of: ":", with: "")
            #expect(text.contains("=\(pem.fingerprint.uppercased())\n"))
            #expect(text.contains("SERIAL=\(pem.serialNumber)\n"))
            #expect(pem.subject == "emailAddress=alice@example.org,CN=Alice")
            #expect(pem.issuer == "CN=mimekit Test CA")
            #expect(pem.emailAddresses == ["alice@example.org"])
        }

        @Test func bundlesReadInOrder() throws {
            let fixture = try SMIMETests.fixture
            let bundle = try SMIMECertificate.certificates(pem: fixture.bytes("carol.pem") + fixture.bytes("ca.pem"))
            #expect(bundle.map(\.subject) == ["emailAddress=carol@example.org,CN=Carol", "CN=mimekit Test CA"])
            #expect(try SMIMECertificate.certificates(pem: Array("no PEM here".utf8)).isEmpty)
        }

        @Test func unreadableCertificatesAreInvalid() throws {
            let fixture = try SMIMETests.fixture
            var broken = try fixture.bytes("alice.pem")
            broken[100] = UInt8(ascii: "*")
            let inputs: [[UInt8]] = [Array("no PEM here".utf8), broken]
            for input in inputs {
                do {
                    _ = try SMIMECertificate(pem: input)
                    Issue.record("an unreadable certificate was accepted")
                } catch {
                    #expect(error.code == .invalidCertificate)
                }
            }
            do {
                _ = try SMIMECertificate(der: [0x30, 0x03, 0x02, 0x01, 0x01])
                Issue.record("a DER INTEGER was read as a certificate")
            } catch {
                #expect(error.code == .invalidCertificate)
            }
        }
    }
}

import Foundation
import MIMECrypto
import MIMESMIME
import Testing

extension SMIMETests {
    @Suite struct Inspector {
        @Test(arguments: [
            ("-aes-128-cbc", "aes-128-cbc", CMSContentType.envelopedData, false),
            ("-aes-256-cbc", "aes-256-cbc", CMSContentType.envelopedData, false),
            ("-des3", "des-ede3-cbc", CMSContentType.envelopedData, false),
            ("-aes-256-gcm", "aes-256-gcm", CMSContentType.authEnvelopedData, true),
            ("-aes-128-gcm", "aes-128-gcm", CMSContentType.authEnvelopedData, true),
        ])
        func readsTheContentEncryptionAlgorithmOfOpenSSLMessages(
            option: String, name: String, type: CMSContentType, protected: Bool
        ) throws {
            let fixture = try SMIMETests.fixture
            let message = try fixture.write(Array("Hello\r\n".utf8), to: "inspect-\(name).txt")
            let output = "inspect-\(name).der"
            try fixture.require(["cms", "-encrypt", option, "-in", message, "-outform", "DER", "-out", output, "alice.pem", "carol.pem"])
            let inspection = try CMSInspector.inspect(der: fixture.bytes(output))
            #expect(inspection.contentType == type)
            #expect(inspection.contentEncryptionAlgorithm?.name == name)
            #expect(inspection.isIntegrityProtected == protected)
            #expect(inspection.recipientCount == 2)
            #expect(inspection.decryptionInfo?.isIntegrityProtected == protected)
            #expect(inspection.signerInfoCount == nil)
        }

        @Test func readsBase64BodiesWithLineBreaks() throws {
            let fixture = try SMIMETests.fixture
            let message = try fixture.write(Array("Hello\r\n".utf8), to: "inspect-pem.txt")
            try fixture.require(["cms", "-encrypt", "-aes-256-gcm", "-in", message, "-outform", "PEM", "-out", "inspect.pem", "alice.pem"])
            let pem = String(decoding: try fixture.bytes("inspect.pem"), as: UTF8.self)
            let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined(separator: "\r\n")
            let inspection = try CMSInspector.inspect(base64: Array(body.utf8))
            #expect(inspection.contentType == .authEnvelopedData)
            #expect(inspection.contentEncryptionAlgorithm == .aes256GCM)
        }

        @Test func countsSignerInfosAndSeesEncapsulatedContent() throws {
            let fixture = try SMIMETests.fixture
            let message = try fixture.write(Array("Signed\r\n".utf8), to: "inspect-signed.txt")
            try fixture.require([
                "cms", "-sign", "-binary", "-in", message, "-signer", "alice.pem", "-inkey", "alice.key",
                "-signer", "carol.pem", "-inkey", "carol.key", "-outform", "DER", "-out", "inspect-detached.der",
            ])
            try fixture.require([
                "cms", "-sign", "-binary", "-nodetach", "-in", message, "-signer", "alice.pem", "-inkey", "alice.key",
                "-outform", "DER", "-out", "inspect-opaque.der",
            ])
            let detached = try CMSInspector.inspect(der: fixture.bytes("inspect-detached.der"))
            #expect(detached.contentType == .signedData)
            #expect(detached.signerInfoCount == 2)
            #expect(detached.hasEncapsulatedContent == false)
            #expect(detached.contentEncryptionAlgorithm == nil)
            let opaque = try CMSInspector.inspect(der: fixture.bytes("inspect-opaque.der"))
            #expect(opaque.signerInfoCount == 1)
            #expect(opaque.hasEncapsulatedContent == true)
        }

        @Test func refusesEveryTruncationWithMalformedData() throws {
            let fixture = try SMIMETests.fixture
            let message = try fixture.write(Array("Hello\r\n".utf8), to: "inspect-truncate.txt")
            try fixture.require(["cms", "-encrypt", "-aes-256-gcm", "-in", message, "-outform", "DER", "-out", "inspect-truncate.der", "carol.pem"])
            let der = try fixture.bytes("inspect-truncate.der")
            for length in 0..<der.count {
                do {
                    _ = try CMSInspector.inspect(der: der.prefix(length))
                    Issue.record("a message truncated to \(length) bytes was accepted")
                } catch {
                    #expect(error.code == .malformedData)
                }
            }
            #expect(try CMSInspector.inspect(der: der).contentType == .authEnvelopedData)
        }
    }
}

@Suite struct CMSInspectorSyntheticTests {
    /// ContentInfo { id-envelopedData, [0] EnvelopedData { version 0, RecipientInfos {},
    /// EncryptedContentInfo { id-data, AlgorithmIdentifier { 1.2.3.4 } } } } in DER.
    static let unknownAlgorithm: [UInt8] = [
        0x30, 0x28,
        0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03,
        0xA0, 0x1B,
        0x30, 0x19, 0x02, 0x01, 0x00, 0x31, 0x00,
        0x30, 0x12, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01,
        0x30, 0x05, 0x06, 0x03, 0x2A, 0x03, 0x04,
    ]

    @Test func namesAnUnknownAlgorithmByItsObjectIdentifier() throws {
        let inspection = try CMSInspector.inspect(der: Self.unknownAlgorithm)
        #expect(inspection.contentType == .envelopedData)
        #expect(inspection.contentEncryptionAlgorithm?.oid == "1.2.3.4")
        #expect(inspection.contentEncryptionAlgorithm?.name == nil)
        #expect(inspection.isIntegrityProtected == false)
        #expect(inspection.recipientCount == 0)
    }

    @Test func acceptsIndefiniteLengthsAsCMSAllows() throws {
        // ContentInfo { id-data, [0] { OCTET STRING "hi" } } with indefinite outer lengths.
        let ber: [UInt8] = [
            0x30, 0x80,
            0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01,
            0xA0, 0x80, 0x04, 0x02, 0x68, 0x69, 0x00, 0x00,
            0x00, 0x00,
        ]
        #expect(try CMSInspector.inspect(der: ber).contentType == .data)
        #expect(throws: CryptoError.self) { try CMSInspector.inspect(der: ber.dropLast(2)) }
    }

    @Test func reportsOtherContentTypesByObjectIdentifier() throws {
        let der: [UInt8] = [0x30, 0x05, 0x06, 0x03, 0x2A, 0x03, 0x04]
        #expect(try CMSInspector.inspect(der: der).contentType == .other(oid: "1.2.3.4"))
    }

    @Test func refusesTrailingBytesAndWrongTags() {
        let trailing: [UInt8] = [0x30, 0x05, 0x06, 0x03, 0x2A, 0x03, 0x04, 0x00]
        #expect(throws: CryptoError(.malformedData, "malformed CMS: 1 bytes follow the ContentInfo")) {
            try CMSInspector.inspect(der: trailing)
        }
        #expect(throws: CryptoError.self) { try CMSInspector.inspect(der: [0x31, 0x00]) }
        #expect(throws: CryptoError.self) { try CMSInspector.inspect(der: [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]) }
    }

    @Test func capsNestingDepth() {
        let depth = 200
        var der: [UInt8] = []
        for _ in 0..<depth { der += [0x30, 0x80] }
        for _ in 0..<depth { der += [0x00, 0x00] }
        #expect(throws: CryptoError.self) { try CMSInspector.inspect(der: der) }
    }

    @Test func refusesBadBase64() {
        #expect(throws: CryptoError.self) { try CMSInspector.inspect(base64: Array("MIIB*AAA".utf8)) }
        #expect(throws: CryptoError.self) { try CMSInspector.inspect(base64: Array("MAA=A".utf8)) }
        #expect(throws: CryptoError.self) { try CMSInspector.inspect(base64: Array("MAU".utf8)) }
    }

    @Test func decodesPaddedBase64() throws {
        // "MAUGAyoDBA==" is the DER of ContentInfo { 1.2.3.4 }.
        #expect(try CMSInspector.inspect(base64: Array("MAUG\r\nAyoD\r\nBA==\r\n".utf8)).contentType == .other(oid: "1.2.3.4"))
    }
}

import MIMECrypto
import Testing

@testable import MIMEOpenPGP

@Suite("OpenPGP results in the shared MIMECrypto vocabulary")
struct SharedVocabularyTests {
    @Test(arguments: [OpenPGPSignatureStatus.valid, .bad, .untrusted, .expired, .unsupported, .error])
    func everyStatusKeepsItsName(_ status: OpenPGPSignatureStatus) {
        let signature = OpenPGPSignature(
            status: status, fingerprint: "ABCDEF0123", validity: .full, signerUserID: "A <a@example.org>",
            signerUserIDs: ["A <a@example.org>"], signerEmailAddresses: ["a@example.org"], creationTime: nil,
            expirationTime: nil, publicKeyAlgorithm: "EdDSA", hashAlgorithm: "SHA512", detail: "Success")
        let info = signature.signatureInfo
        #expect(info.status.rawValue == status.rawValue)
        #expect(info.fingerprint == "abcdef0123")
        #expect(info.digestAlgorithm == "sha512")
        #expect(info.signer == "A <a@example.org>")
        #expect(info.emailAddresses == ["a@example.org"])
        #expect(info.reason == "Success")
    }

    @Test(arguments: [
        ("AES256", "CFB", OpenPGPIntegrityProtection.mdc, "aes-256-cfb", true),
        ("AES", "OCB", .aead, "aes-128-ocb", true),
        ("CAMELLIA128", "CFB", .mdc, "camellia-128-cfb", true),
        ("CAST5", "PGPCFB", OpenPGPIntegrityProtection.none, "cast5-pgpcfb", false),
    ])
    func decryptionNamesTheCipherLikeOpenSSL(
        _ algorithm: String, _ mode: String, _ protection: OpenPGPIntegrityProtection, _ name: String, _ protected: Bool
    ) {
        let decryption = OpenPGPDecryption(
            plaintext: [], symmetricAlgorithm: algorithm, cipherMode: mode, integrityProtection: protection,
            signatures: [], fileName: nil, recipientKeyIDs: [])
        #expect(decryption.decryptionInfo.contentEncryptionAlgorithm == name)
        #expect(decryption.decryptionInfo.isIntegrityProtected == protected)
    }

    @Test(arguments: [
        (OpenPGPError.Code.brokenArmor, CryptoError.Code.malformedData),
        (.noSecretKey, .wrongKey), (.badPassphrase, .wrongPassword), (.keyExpired, .invalidKey),
        (.integrityProtectionMissing, .decryptionFailed), (.invalidContent, .unexpectedContentType),
        (.engineFailure, .backendFailure),
    ])
    func errorsMapToTheSharedCodes(_ code: OpenPGPError.Code, _ shared: CryptoError.Code) {
        let error = OpenPGPError(code: code, reason: "because")
        #expect(error.cryptoError.code == shared)
        #expect(error.cryptoError.message == "\(code): because")
    }
}

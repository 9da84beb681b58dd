public import MIMECrypto

extension OpenPGPDecryption {
    /// The decryption in the vocabulary all crypto plugins share (`MIMECrypto`).
    ///
    /// The algorithm is named in the OpenSSL style the S/MIME plugin uses: `aes-256-cfb`,
    /// `camellia-128-cfb`, `cast5-pgpcfb` (the mode without MDC), `aes-128-ocb`.
    public var decryptionInfo: DecryptionInfo {
        let cipher: String
        switch symmetricAlgorithm.uppercased() {
        case "AES": cipher = "aes-128"
        case "AES192": cipher = "aes-192"
        case "AES256": cipher = "aes-256"
        case let name where name.hasPrefix("CAMELLIA"): cipher = "camellia-" + name.dropFirst("CAMELLIA".count)
        case let name: cipher = name.lowercased()
        }
        let name = cipherMode.isEmpty ? cipher : cipher + "-" + cipherMode.lowercased()
        return DecryptionInfo(contentEncryptionAlgorithm: name, isIntegrityProtected: integrityProtection != .none)
    }
}

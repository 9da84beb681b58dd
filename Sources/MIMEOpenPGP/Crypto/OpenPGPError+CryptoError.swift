public import MIMECrypto

extension OpenPGPError {
    /// The error in the vocabulary all crypto plugins share (`MIMECrypto`); the message keeps
    /// the OpenPGP code's name, so nothing said here is lost.
    public var cryptoError: CryptoError {
        let shared: CryptoError.Code =
            switch code {
            case .brokenArmor: .malformedData
            case .invalidContent: .unexpectedContentType
            case .noSecretKey: .wrongKey
            case .badPassphrase: .wrongPassword
            case .keyNotFound, .keyExpired, .unusableKey: .invalidKey
            case .integrityProtectionMissing, .integrityCheckFailed, .decryptionFailed: .decryptionFailed
            default: .backendFailure
            }
        return CryptoError(shared, "\(code): \(reason)")
    }
}

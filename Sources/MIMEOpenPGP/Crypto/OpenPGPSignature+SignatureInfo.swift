public import MIMECrypto

extension OpenPGPSignature {
    /// The signature in the vocabulary all crypto plugins share (`MIMECrypto`), for callers
    /// that handle S/MIME and OpenPGP alike.
    public var signatureInfo: SignatureInfo {
        let shared: SignatureStatus =
            switch status {
            case .valid: .valid
            case .bad: .bad
            case .untrusted: .untrusted
            case .expired: .expired
            case .unsupported: .unsupported
            case .error: .error
            }
        return SignatureInfo(
            status: shared, signer: signerUserID, emailAddresses: signerEmailAddresses,
            fingerprint: fingerprint.isEmpty ? nil : fingerprint.lowercased(),
            digestAlgorithm: hashAlgorithm.isEmpty ? nil : hashAlgorithm.lowercased(),
            signatureAlgorithm: publicKeyAlgorithm.isEmpty ? nil : publicKeyAlgorithm, signingTime: creationTime,
            reason: detail)
    }
}

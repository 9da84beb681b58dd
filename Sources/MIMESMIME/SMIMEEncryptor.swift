public import MIMECrypto
private import CMIMEOpenSSL

/// Encrypts content to one or more certificates: AES-256-GCM authEnveloped-data by default
/// (RFC 5083, RFC 5084, the RFC 8551 §2.7 choice), or CBC enveloped-data (RFC 5652 §6) for
/// recipients that cannot read authEnveloped-data, chosen explicitly.
///
/// RSA recipients get a KeyTransRecipientInfo, EC recipients a KeyAgreeRecipientInfo (ECDH).
public struct SMIMEEncryptor: Sendable {
    /// The recipients' certificates.
    public var recipients: [SMIMECertificate]
    /// The content-encryption algorithm; an authenticated one (GCM) makes authEnveloped-data.
    public var algorithm: CMSContentEncryptionAlgorithm

    /// An encryptor to `recipients` with `algorithm`.
    public init(recipients: [SMIMECertificate], algorithm: CMSContentEncryptionAlgorithm = .aes256GCM) {
        self.recipients = recipients
        self.algorithm = algorithm
    }

    /// The DER of the enveloped-data or authEnveloped-data that carries `content`, for an
    /// `application/pkcs7-mime` part.
    public func encrypt(_ content: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        guard !recipients.isEmpty else {
            throw CryptoError(.invalidCertificate, "encryption needs at least one recipient")
        }
        OpenSSLProviders.load()
        OpenSSLErrorQueue.clear()
        guard let name = algorithm.name, let cipher = EVP_CIPHER_fetch(nil, name, nil) else {
            OpenSSLErrorQueue.clear()
            throw CryptoError(.unsupportedAlgorithm, "the content-encryption algorithm \(algorithm) is not supported")
        }
        defer { EVP_CIPHER_free(cipher) }
        guard let stack = mimekit_sk_X509_new_null() else {
            throw CryptoError(.backendFailure, "OpenSSL could not allocate a certificate list")
        }
        defer { mimekit_sk_X509_free(stack) }
        for recipient in recipients {
            guard mimekit_sk_X509_push(stack, recipient.x509) > 0 else {
                throw CryptoError(.backendFailure, "OpenSSL could not build the recipient list")
            }
        }
        let cms = try MemoryBIO.reading(Array(content)) { input throws(CryptoError) in
            guard let cms = CMS_encrypt(stack, input, cipher, UInt32(CMS_BINARY)) else {
                let errors = OpenSSLErrorQueue.drain()
                let code: CryptoError.Code = errors.isUnsupportedAlgorithm ? .unsupportedAlgorithm : .backendFailure
                throw errors.error(code, "encryption to \(recipients.count) recipients with \(algorithm) failed")
            }
            return cms
        }
        defer { CMS_ContentInfo_free(cms) }
        return try CMSEncoding.der(of: cms)
    }
}

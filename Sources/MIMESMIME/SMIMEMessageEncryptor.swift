public import MIMECrypto
public import MIMEKit

/// Encrypts a whole message (RFC 8551 §3.3): its content becomes
/// `application/pkcs7-mime; smime-type=authEnveloped-data` (AES-GCM, the default) or
/// `enveloped-data` (CBC, chosen explicitly), and its outer header fields (From, To,
/// Subject, Date, …) are kept in clear.
///
/// To sign and encrypt (RFC 8551 §3.7), encrypt the output of ``SMIMEMessageSigner``.
public struct SMIMEMessageEncryptor: Sendable {
    /// Makes the CMS envelope.
    public var encryptor: SMIMEEncryptor

    /// A message encryptor on `encryptor`.
    public init(encryptor: SMIMEEncryptor) {
        self.encryptor = encryptor
    }

    /// `message` with its content encrypted.
    public func encrypt(_ message: MIMEMessage) throws(CryptoError) -> [UInt8] {
        let content = SMIMEProtectedContent(message: message)
        let envelope = try encryptor.encrypt(content.entity)
        let smimeType = encryptor.algorithm.isAuthenticated ? "authEnveloped-data" : "enveloped-data"
        return content.message(
            contentFields: [
                "Content-Type: application/pkcs7-mime; smime-type=\(smimeType); name=\"smime.p7m\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"smime.p7m\"",
            ],
            body: Base64Encoder.encode(envelope)
        )
    }
}

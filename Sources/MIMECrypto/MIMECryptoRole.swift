/// What a crypto back end recognises an entity as.
public enum MIMECryptoRole: String, Sendable, Hashable, Codable {
    /// A signed entity: `multipart/signed` (RFC 1847 §2.1) or opaque signed data such as
    /// `application/pkcs7-mime; smime-type=signed-data` (RFC 8551 §3.5.2).
    case signed
    /// An encrypted entity: `application/pkcs7-mime; smime-type=enveloped-data` or
    /// `authEnveloped-data` (RFC 8551 §3.3), `multipart/encrypted` (RFC 1847 §2.2).
    case encrypted
}

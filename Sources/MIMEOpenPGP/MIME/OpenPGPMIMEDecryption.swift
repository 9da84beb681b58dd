public import MIMEKit

/// A decrypted RFC 3156 `multipart/encrypted`: the decryption, and the MIME entity it held,
/// parsed.
public struct OpenPGPMIMEDecryption: Sendable {
    /// The decryption: plaintext, cipher, integrity protection, signatures inside.
    public let decryption: OpenPGPDecryption
    /// The plaintext parsed as a MIME entity (its headers are the inner entity's, not the
    /// outer message's).
    public let entity: MIMEMessage

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(decryption: OpenPGPDecryption, entity: MIMEMessage) {
        self.decryption = decryption
        self.entity = entity
    }
}

public import MIMEKit

/// A decrypted entity: how it was protected, and its plaintext parsed as MIME.
public struct DecryptedEntity: Sendable {
    /// The content-encryption algorithm and whether it authenticated the ciphertext.
    public var info: DecryptionInfo
    /// The plaintext parsed into the same tree types; its signed entities can be verified in
    /// turn (triple wrapping, RFC 8551 §3.7).
    public var content: MIMEMessage

    /// A decryption result from its parts.
    public init(info: DecryptionInfo, content: MIMEMessage) {
        self.info = info
        self.content = content
    }
}

public import MIMECrypto

/// The outcome of a successful decryption: the plaintext and how it was protected.
public struct SMIMEDecryption: Sendable {
    /// The decrypted content, typically a MIME entity.
    public var plaintext: [UInt8]
    /// The content-encryption algorithm and whether it authenticated the ciphertext.
    public var info: DecryptionInfo

    /// A decryption result from its parts.
    public init(plaintext: [UInt8], info: DecryptionInfo) {
        self.plaintext = plaintext
        self.info = info
    }
}

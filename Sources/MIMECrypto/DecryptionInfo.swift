/// What a crypto plugin reports about a decryption that succeeded.
public struct DecryptionInfo: Sendable, Codable, Hashable {
    /// The content-encryption algorithm, such as `aes-256-gcm` or `aes-128-cbc`.
    public var contentEncryptionAlgorithm: String
    /// The algorithm's object identifier in dotted form (S/MIME), or `nil` where the format
    /// has none (OpenPGP).
    public var contentEncryptionAlgorithmOID: String?
    /// Whether the ciphertext was authenticated, so that a modified message fails to decrypt
    /// (AES-GCM authEnveloped-data, OpenPGP with MDC or AEAD) rather than decrypting to
    /// altered plaintext (CBC enveloped-data, OpenPGP without MDC: the EFAIL setting).
    public var isIntegrityProtected: Bool

    /// A decryption result from its parts.
    public init(contentEncryptionAlgorithm: String, contentEncryptionAlgorithmOID: String? = nil, isIntegrityProtected: Bool) {
        self.contentEncryptionAlgorithm = contentEncryptionAlgorithm
        self.contentEncryptionAlgorithmOID = contentEncryptionAlgorithmOID
        self.isIntegrityProtected = isIntegrityProtected
    }
}

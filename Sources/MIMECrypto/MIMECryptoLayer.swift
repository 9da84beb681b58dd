/// One signed or encrypted entity that ``MIMECryptoUnwrapper`` found, and what came of it.
public struct MIMECryptoLayer: Sendable {
    /// What happened when the entity was checked or decrypted.
    public enum Outcome: Sendable {
        /// The entity was verified; the signatures may still be bad or untrusted.
        case verified(SignedEntityVerification)
        /// The entity was decrypted.
        case decrypted(DecryptedEntity)
        /// The entity could not be checked or decrypted at all.
        case failed(CryptoError)
    }

    /// The name of the back end that handled the entity (``MIMECryptoBackend/name``).
    public var backend: String
    /// Whether the entity is signed or encrypted.
    public var role: MIMECryptoRole
    /// The entity's section number in its message (``MIMEKit/MIMEEntity/id``).
    public var partID: String
    /// How deep the entity sits: 0 in the message itself, 1 in the content of a layer at
    /// depth 0 (the signed entity inside an encrypted one, say), and so on.
    public var depth: Int
    /// What happened.
    public var outcome: Outcome
    /// For an encrypted entity, how it is encrypted, known even when it could not be
    /// decrypted if the back end can read it without a key.
    public var encryption: DecryptionInfo?

    /// A layer from its parts.
    public init(
        backend: String, role: MIMECryptoRole, partID: String, depth: Int, outcome: Outcome, encryption: DecryptionInfo? = nil
    ) {
        self.backend = backend
        self.role = role
        self.partID = partID
        self.depth = depth
        self.outcome = outcome
        self.encryption = encryption
    }
}

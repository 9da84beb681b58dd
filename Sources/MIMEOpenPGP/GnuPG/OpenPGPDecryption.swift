/// The result of a decryption: the plaintext, how it was protected, and the signatures
/// checked in the same pass.
public struct OpenPGPDecryption: Hashable, Sendable {
    /// The decrypted content (the literal data).
    public let plaintext: [UInt8]
    /// The session key's cipher as GnuPG names it (`AES256`, `CAST5`, …).
    public let symmetricAlgorithm: String
    /// The cipher mode as GnuPG names it (`CFB`, `PGPCFB`, `OCB`, `EAX`).
    public let cipherMode: String
    /// The integrity protection the message had.
    public let integrityProtection: OpenPGPIntegrityProtection
    /// The signatures inside the encrypted message (empty when it was not signed).
    public let signatures: [OpenPGPSignature]
    /// The file name from the literal data packet, if any (sender-controlled text).
    public let fileName: String?
    /// The key IDs the session key was encrypted to.
    public let recipientKeyIDs: [String]

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(
        plaintext: [UInt8], symmetricAlgorithm: String, cipherMode: String,
        integrityProtection: OpenPGPIntegrityProtection, signatures: [OpenPGPSignature], fileName: String?,
        recipientKeyIDs: [String]
    ) {
        self.plaintext = plaintext
        self.symmetricAlgorithm = symmetricAlgorithm
        self.cipherMode = cipherMode
        self.integrityProtection = integrityProtection
        self.signatures = signatures
        self.fileName = fileName
        self.recipientKeyIDs = recipientKeyIDs
    }
}

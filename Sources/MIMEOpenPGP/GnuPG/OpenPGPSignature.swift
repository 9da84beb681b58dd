public import FoundationEssentials

/// One checked signature: its status and who made it, when, and with which algorithms.
public struct OpenPGPSignature: Hashable, Sendable {
    /// The outcome.
    public let status: OpenPGPSignatureStatus
    /// The signing key's fingerprint (or, when the key is missing, the key ID the signature
    /// names).
    public let fingerprint: String
    /// The validity of the signing key.
    public let validity: OpenPGPKeyValidity
    /// The primary user ID of the signing key, when the key is in the keyring.
    public let signerUserID: String?
    /// All user IDs of the signing key (for comparing with a From address).
    public let signerUserIDs: [String]
    /// The e-mail addresses of those user IDs.
    public let signerEmailAddresses: [String]
    /// When the signature was made.
    public let creationTime: Date?
    /// When the signature expires, if it does.
    public let expirationTime: Date?
    /// The signing key's algorithm, as GPGME names it (`RSA`, `EdDSA`, `DSA`, …).
    public let publicKeyAlgorithm: String
    /// The hash algorithm (`SHA256`, …).
    public let hashAlgorithm: String
    /// GnuPG's reason, such as `Bad signature` or `No public key`; `Success` when valid.
    public let detail: String

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(
        status: OpenPGPSignatureStatus, fingerprint: String, validity: OpenPGPKeyValidity,
        signerUserID: String?, signerUserIDs: [String], signerEmailAddresses: [String],
        creationTime: Date?, expirationTime: Date?, publicKeyAlgorithm: String, hashAlgorithm: String,
        detail: String
    ) {
        self.status = status
        self.fingerprint = fingerprint
        self.validity = validity
        self.signerUserID = signerUserID
        self.signerUserIDs = signerUserIDs
        self.signerEmailAddresses = signerEmailAddresses
        self.creationTime = creationTime
        self.expirationTime = expirationTime
        self.publicKeyAlgorithm = publicKeyAlgorithm
        self.hashAlgorithm = hashAlgorithm
        self.detail = detail
    }
}

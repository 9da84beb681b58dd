public import FoundationEssentials

/// A key in a GnuPG keyring: who it belongs to and what it can be used for.
public struct OpenPGPKey: Hashable, Sendable {
    /// The primary key's fingerprint.
    public let fingerprint: String
    /// The user IDs that are neither revoked nor invalid, primary first.
    public let userIDs: [String]
    /// The e-mail addresses of those user IDs.
    public let emailAddresses: [String]
    /// The validity of the primary user ID (how sure the keyring is that the key is theirs).
    public let validity: OpenPGPKeyValidity
    /// The primary key's algorithm, as GPGME names it.
    public let publicKeyAlgorithm: String
    /// When the primary key was made.
    public let creationTime: Date?
    /// When the primary key expires, if it does.
    public let expirationTime: Date?
    /// Whether a valid subkey (or the primary key) can sign.
    public let canSign: Bool
    /// Whether a valid subkey (or the primary key) can encrypt.
    public let canEncrypt: Bool
    /// Whether the key has expired.
    public let isExpired: Bool
    /// Whether the key has been revoked.
    public let isRevoked: Bool
    /// Whether the key has been disabled in the keyring.
    public let isDisabled: Bool
    /// Whether GnuPG found the key invalid (a broken self-signature, for example).
    public let isInvalid: Bool
    /// Whether the keyring holds the secret key too.
    public let hasSecretKey: Bool

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(
        fingerprint: String, userIDs: [String], emailAddresses: [String], validity: OpenPGPKeyValidity,
        publicKeyAlgorithm: String, creationTime: Date?, expirationTime: Date?, canSign: Bool, canEncrypt: Bool,
        isExpired: Bool, isRevoked: Bool, isDisabled: Bool, isInvalid: Bool, hasSecretKey: Bool
    ) {
        self.fingerprint = fingerprint
        self.userIDs = userIDs
        self.emailAddresses = emailAddresses
        self.validity = validity
        self.publicKeyAlgorithm = publicKeyAlgorithm
        self.creationTime = creationTime
        self.expirationTime = expirationTime
        self.canSign = canSign
        self.canEncrypt = canEncrypt
        self.isExpired = isExpired
        self.isRevoked = isRevoked
        self.isDisabled = isDisabled
        self.isInvalid = isInvalid
        self.hasSecretKey = hasSecretKey
    }
}

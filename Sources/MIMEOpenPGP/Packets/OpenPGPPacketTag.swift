/// The tag of an OpenPGP packet: what kind of packet its body holds.
///
/// RFC 9580 §5 lists the tags (RFC 4880 §4.3 the older set). Unknown tags are kept as their
/// number, so a reader never loses a packet it does not understand.
public struct OpenPGPPacketTag: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The tag number (0…63; legacy-format headers reach only 0…15).
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Tag 1, Public-Key Encrypted Session Key (RFC 9580 §5.1).
    public static let publicKeyEncryptedSessionKey = Self(rawValue: 1)
    /// Tag 2, Signature (RFC 9580 §5.2).
    public static let signature = Self(rawValue: 2)
    /// Tag 3, Symmetric-Key Encrypted Session Key (RFC 9580 §5.3).
    public static let symmetricKeyEncryptedSessionKey = Self(rawValue: 3)
    /// Tag 4, One-Pass Signature (RFC 9580 §5.4).
    public static let onePassSignature = Self(rawValue: 4)
    /// Tag 5, Secret Key (RFC 9580 §5.5.1.3).
    public static let secretKey = Self(rawValue: 5)
    /// Tag 6, Public Key (RFC 9580 §5.5.1.1).
    public static let publicKey = Self(rawValue: 6)
    /// Tag 7, Secret Subkey (RFC 9580 §5.5.1.4).
    public static let secretSubkey = Self(rawValue: 7)
    /// Tag 8, Compressed Data (RFC 9580 §5.6).
    public static let compressedData = Self(rawValue: 8)
    /// Tag 9, Symmetrically Encrypted Data, without integrity protection (RFC 9580 §5.7).
    public static let symmetricallyEncryptedData = Self(rawValue: 9)
    /// Tag 10, Marker (RFC 9580 §5.8).
    public static let marker = Self(rawValue: 10)
    /// Tag 11, Literal Data (RFC 9580 §5.9).
    public static let literalData = Self(rawValue: 11)
    /// Tag 12, Trust (RFC 9580 §5.10).
    public static let trust = Self(rawValue: 12)
    /// Tag 13, User ID (RFC 9580 §5.11).
    public static let userID = Self(rawValue: 13)
    /// Tag 14, Public Subkey (RFC 9580 §5.5.1.2).
    public static let publicSubkey = Self(rawValue: 14)
    /// Tag 17, User Attribute (RFC 9580 §5.12).
    public static let userAttribute = Self(rawValue: 17)
    /// Tag 18, Symmetrically Encrypted and Integrity Protected Data (RFC 9580 §5.13).
    public static let symmetricallyEncryptedIntegrityProtectedData = Self(rawValue: 18)
    /// Tag 19, Modification Detection Code, found only inside SEIPD v1 (RFC 4880 §5.14).
    public static let modificationDetectionCode = Self(rawValue: 19)
    /// Tag 20, AEAD Encrypted Data (draft-ietf-openpgp-rfc4880bis-10 §5.16, LibrePGP).
    public static let aeadEncryptedData = Self(rawValue: 20)
    /// Tag 21, Padding (RFC 9580 §5.14).
    public static let padding = Self(rawValue: 21)

    /// Whether the tag is one of the encrypted-data containers (tags 9, 18 and 20).
    public var isEncryptedData: Bool {
        self == .symmetricallyEncryptedData || self == .symmetricallyEncryptedIntegrityProtectedData
            || self == .aeadEncryptedData
    }

    /// Whether RFC 9580 §4.2.1.4 allows partial body lengths for this tag: only the data
    /// packets (literal, compressed and the encrypted containers) may be streamed.
    public var allowsPartialBodyLengths: Bool {
        self == .literalData || self == .compressedData || isEncryptedData
    }

    /// A short name, such as `SEIPD` or `PKESK`, or `tag N` for a tag without one.
    public var description: String {
        switch rawValue {
        case 1: "PKESK"
        case 2: "signature"
        case 3: "SKESK"
        case 4: "one-pass signature"
        case 5: "secret key"
        case 6: "public key"
        case 7: "secret subkey"
        case 8: "compressed data"
        case 9: "SED"
        case 10: "marker"
        case 11: "literal data"
        case 12: "trust"
        case 13: "user ID"
        case 14: "public subkey"
        case 17: "user attribute"
        case 18: "SEIPD"
        case 19: "MDC"
        case 20: "AEAD encrypted data"
        case 21: "padding"
        default: "tag \(rawValue)"
        }
    }
}

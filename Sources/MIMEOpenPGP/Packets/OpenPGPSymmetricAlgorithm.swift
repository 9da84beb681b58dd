/// A symmetric-key algorithm identifier (RFC 9580 §9.3).
public struct OpenPGPSymmetricAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The identifier as it appears on the wire.
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 0: plaintext, no encryption.
    public static let plaintext = Self(rawValue: 0)
    /// 1: IDEA.
    public static let idea = Self(rawValue: 1)
    /// 2: TripleDES (DES-EDE, 168-bit key).
    public static let tripleDES = Self(rawValue: 2)
    /// 3: CAST5 (128-bit key).
    public static let cast5 = Self(rawValue: 3)
    /// 4: Blowfish (128-bit key).
    public static let blowfish = Self(rawValue: 4)
    /// 7: AES with a 128-bit key.
    public static let aes128 = Self(rawValue: 7)
    /// 8: AES with a 192-bit key.
    public static let aes192 = Self(rawValue: 8)
    /// 9: AES with a 256-bit key.
    public static let aes256 = Self(rawValue: 9)
    /// 10: Twofish with a 256-bit key.
    public static let twofish = Self(rawValue: 10)
    /// 11: Camellia with a 128-bit key.
    public static let camellia128 = Self(rawValue: 11)
    /// 12: Camellia with a 192-bit key.
    public static let camellia192 = Self(rawValue: 12)
    /// 13: Camellia with a 256-bit key.
    public static let camellia256 = Self(rawValue: 13)

    /// The name GnuPG uses, such as `AES256`.
    public var description: String {
        switch rawValue {
        case 0: "plaintext"
        case 1: "IDEA"
        case 2: "3DES"
        case 3: "CAST5"
        case 4: "BLOWFISH"
        case 7: "AES"
        case 8: "AES192"
        case 9: "AES256"
        case 10: "TWOFISH"
        case 11: "CAMELLIA128"
        case 12: "CAMELLIA192"
        case 13: "CAMELLIA256"
        default: "symmetric algorithm \(rawValue)"
        }
    }
}

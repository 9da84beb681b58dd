/// A symmetric-key algorithm identifier (RFC 9580 §9.3).
public struct OpenPGPSymmetricAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The identifier as it appears on the wire.
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let plaintext = Self(rawValue: 0)
    public static let idea = Self(rawValue: 1)
    public static let tripleDES = Self(rawValue: 2)
    public static let cast5 = Self(rawValue: 3)
    public static let blowfish = Self(rawValue: 4)
    public static let aes128 = Self(rawValue: 7)
    public static let aes192 = Self(rawValue: 8)
    public static let aes256 = Self(rawValue: 9)
    public static let twofish = Self(rawValue: 10)
    public static let camellia128 = Self(rawValue: 11)
    public static let camellia192 = Self(rawValue: 12)
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

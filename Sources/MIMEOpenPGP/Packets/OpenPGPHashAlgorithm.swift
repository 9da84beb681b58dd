/// A hash algorithm identifier (RFC 9580 §9.5).
public struct OpenPGPHashAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The identifier as it appears on the wire.
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let md5 = Self(rawValue: 1)
    public static let sha1 = Self(rawValue: 2)
    public static let ripemd160 = Self(rawValue: 3)
    public static let sha256 = Self(rawValue: 8)
    public static let sha384 = Self(rawValue: 9)
    public static let sha512 = Self(rawValue: 10)
    public static let sha224 = Self(rawValue: 11)
    public static let sha3_256 = Self(rawValue: 12)
    public static let sha3_512 = Self(rawValue: 14)

    /// The name used in armor `Hash:` headers and, lowercased after `pgp-`, in the RFC 3156
    /// `micalg` parameter.
    public var description: String {
        switch rawValue {
        case 1: "MD5"
        case 2: "SHA1"
        case 3: "RIPEMD160"
        case 8: "SHA256"
        case 9: "SHA384"
        case 10: "SHA512"
        case 11: "SHA224"
        case 12: "SHA3-256"
        case 14: "SHA3-512"
        default: "hash algorithm \(rawValue)"
        }
    }
}

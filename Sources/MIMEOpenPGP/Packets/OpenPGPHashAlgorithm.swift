/// A hash algorithm identifier (RFC 9580 §9.5).
public struct OpenPGPHashAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The identifier as it appears on the wire.
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 1: MD5 (deprecated).
    public static let md5 = Self(rawValue: 1)
    /// 2: SHA-1 (deprecated for signatures).
    public static let sha1 = Self(rawValue: 2)
    /// 3: RIPEMD-160 (deprecated).
    public static let ripemd160 = Self(rawValue: 3)
    /// 8: SHA2-256.
    public static let sha256 = Self(rawValue: 8)
    /// 9: SHA2-384.
    public static let sha384 = Self(rawValue: 9)
    /// 10: SHA2-512.
    public static let sha512 = Self(rawValue: 10)
    /// 11: SHA2-224.
    public static let sha224 = Self(rawValue: 11)
    /// 12: SHA3-256.
    public static let sha3_256 = Self(rawValue: 12)
    /// 14: SHA3-512.
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

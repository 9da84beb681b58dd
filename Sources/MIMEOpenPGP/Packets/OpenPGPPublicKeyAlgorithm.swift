/// A public-key algorithm identifier (RFC 9580 §9.1).
public struct OpenPGPPublicKeyAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The identifier as it appears on the wire.
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 1: RSA, encrypt or sign.
    public static let rsa = Self(rawValue: 1)
    /// 2: RSA, encrypt only (deprecated).
    public static let rsaEncryptOnly = Self(rawValue: 2)
    /// 3: RSA, sign only (deprecated).
    public static let rsaSignOnly = Self(rawValue: 3)
    /// 16: ElGamal, encrypt only.
    public static let elgamal = Self(rawValue: 16)
    /// 17: DSA.
    public static let dsa = Self(rawValue: 17)
    /// 18: ECDH (RFC 6637), used with Curve25519 by GnuPG 2.2.
    public static let ecdh = Self(rawValue: 18)
    /// 19: ECDSA.
    public static let ecdsa = Self(rawValue: 19)
    /// 20: ElGamal, encrypt or sign (forbidden).
    public static let elgamalEncryptOrSign = Self(rawValue: 20)
    /// 22: EdDSA in its RFC 4880bis form, used by GnuPG 2.2 for Ed25519.
    public static let eddsaLegacy = Self(rawValue: 22)
    /// 25: X25519 (RFC 9580).
    public static let x25519 = Self(rawValue: 25)
    /// 26: X448 (RFC 9580).
    public static let x448 = Self(rawValue: 26)
    /// 27: Ed25519 (RFC 9580).
    public static let ed25519 = Self(rawValue: 27)
    /// 28: Ed448 (RFC 9580).
    public static let ed448 = Self(rawValue: 28)

    public var description: String {
        switch rawValue {
        case 1, 2, 3: "RSA"
        case 16, 20: "ElGamal"
        case 17: "DSA"
        case 18: "ECDH"
        case 19: "ECDSA"
        case 22: "EdDSA"
        case 25: "X25519"
        case 26: "X448"
        case 27: "Ed25519"
        case 28: "Ed448"
        default: "public-key algorithm \(rawValue)"
        }
    }
}

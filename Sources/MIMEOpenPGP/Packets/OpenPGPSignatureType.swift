/// What a signature says about its data (RFC 9580 §5.2.1).
public struct OpenPGPSignatureType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The type octet.
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let binary = Self(rawValue: 0x00)
    public static let text = Self(rawValue: 0x01)
    public static let standalone = Self(rawValue: 0x02)
    public static let genericCertification = Self(rawValue: 0x10)
    public static let personaCertification = Self(rawValue: 0x11)
    public static let casualCertification = Self(rawValue: 0x12)
    public static let positiveCertification = Self(rawValue: 0x13)
    public static let subkeyBinding = Self(rawValue: 0x18)
    public static let primaryKeyBinding = Self(rawValue: 0x19)
    public static let directKey = Self(rawValue: 0x1F)
    public static let keyRevocation = Self(rawValue: 0x20)
    public static let subkeyRevocation = Self(rawValue: 0x28)
    public static let certificationRevocation = Self(rawValue: 0x30)
    public static let timestamp = Self(rawValue: 0x40)
    public static let thirdPartyConfirmation = Self(rawValue: 0x50)

    public var description: String {
        switch rawValue {
        case 0x00: "binary"
        case 0x01: "text"
        case 0x02: "standalone"
        case 0x10...0x13: "certification"
        case 0x18: "subkey binding"
        case 0x19: "primary key binding"
        case 0x1F: "direct key"
        case 0x20: "key revocation"
        case 0x28: "subkey revocation"
        case 0x30: "certification revocation"
        case 0x40: "timestamp"
        case 0x50: "third-party confirmation"
        default: "signature type 0x\(String(rawValue, radix: 16))"
        }
    }
}

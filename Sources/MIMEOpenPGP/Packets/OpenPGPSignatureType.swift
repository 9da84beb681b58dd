/// What a signature says about its data (RFC 9580 §5.2.1).
public struct OpenPGPSignatureType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The type octet.
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 0x00: over a binary document.
    public static let binary = Self(rawValue: 0x00)
    /// 0x01: over a text document, in canonical CR LF form.
    public static let text = Self(rawValue: 0x01)
    /// 0x02: over its own subpackets only.
    public static let standalone = Self(rawValue: 0x02)
    /// 0x10: a certification of a user ID, with no claim about checking.
    public static let genericCertification = Self(rawValue: 0x10)
    /// 0x11: a certification made without checking.
    public static let personaCertification = Self(rawValue: 0x11)
    /// 0x12: a certification after some checking.
    public static let casualCertification = Self(rawValue: 0x12)
    /// 0x13: a certification after substantial checking (self-signatures).
    public static let positiveCertification = Self(rawValue: 0x13)
    /// 0x18: the primary key binds a subkey.
    public static let subkeyBinding = Self(rawValue: 0x18)
    /// 0x19: a signing subkey binds back to its primary key.
    public static let primaryKeyBinding = Self(rawValue: 0x19)
    /// 0x1F: a signature directly on a key.
    public static let directKey = Self(rawValue: 0x1F)
    /// 0x20: revokes a key.
    public static let keyRevocation = Self(rawValue: 0x20)
    /// 0x28: revokes a subkey.
    public static let subkeyRevocation = Self(rawValue: 0x28)
    /// 0x30: revokes a certification.
    public static let certificationRevocation = Self(rawValue: 0x30)
    /// 0x40: a timestamp signature.
    public static let timestamp = Self(rawValue: 0x40)
    /// 0x50: confirms another signature.
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

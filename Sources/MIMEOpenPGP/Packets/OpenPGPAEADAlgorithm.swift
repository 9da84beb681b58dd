/// An AEAD algorithm identifier (RFC 9580 §9.6).
public struct OpenPGPAEADAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The identifier as it appears on the wire.
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 1: EAX (RFC 9580 §5.13.1).
    public static let eax = Self(rawValue: 1)
    /// 2: OCB, the mode RFC 9580 requires implementations to support.
    public static let ocb = Self(rawValue: 2)
    /// 3: GCM.
    public static let gcm = Self(rawValue: 3)

    public var description: String {
        switch rawValue {
        case 1: "EAX"
        case 2: "OCB"
        case 3: "GCM"
        default: "AEAD algorithm \(rawValue)"
        }
    }
}

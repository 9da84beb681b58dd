/// A compression algorithm identifier (RFC 9580 §9.4).
public struct OpenPGPCompressionAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The identifier as it appears on the wire.
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Algorithm 0: the body is the packets themselves, so a reader can list them.
    public static let uncompressed = Self(rawValue: 0)
    /// 1: ZIP (raw Deflate, RFC 1951).
    public static let zip = Self(rawValue: 1)
    /// 2: ZLIB (RFC 1950).
    public static let zlib = Self(rawValue: 2)
    /// 3: BZip2.
    public static let bzip2 = Self(rawValue: 3)

    public var description: String {
        switch rawValue {
        case 0: "uncompressed"
        case 1: "ZIP"
        case 2: "ZLIB"
        case 3: "BZip2"
        default: "compression algorithm \(rawValue)"
        }
    }
}

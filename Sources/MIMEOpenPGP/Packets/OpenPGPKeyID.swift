/// An eight-octet OpenPGP key ID, as carried by PKESK v3, one-pass signature v3 and the
/// Issuer Key ID subpacket (RFC 9580 §5.1, §5.4, §5.2.3.12).
public struct OpenPGPKeyID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The key ID as a big-endian number.
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Whether this is the all-zero wildcard ID a sender uses to hide the recipient
    /// (RFC 9580 §5.1.1).
    public var isWildcard: Bool { rawValue == 0 }

    /// Sixteen upper-case hexadecimal digits, as GnuPG prints a long key ID.
    public var description: String {
        let digits = String(rawValue, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// One OpenPGP packet: where it is in the input, how its header was written, and what its
/// body says (RFC 9580 §4).
///
/// ```
/// packet      = header body
/// header      = tag octet (bit 7 set; bit 6 set for the OpenPGP format) length
/// OpenPGP     : tag in bits 5-0; length 1 octet (< 192), 2 octets (192-223),
///               5 octets (255, then 4), or a partial length (224-254: 2^(n & 0x1F) octets,
///               followed by another length) for data packets
/// legacy      : tag in bits 5-2; bits 1-0 give a length of 1, 2 or 4 octets, or 3 for
///               "until the end of the input"
/// ```
public struct OpenPGPPacket: Hashable, Sendable {
    /// The two ways to write a packet header.
    public enum HeaderFormat: Hashable, Sendable {
        /// Bit 6 clear: RFC 4880's "old format" (RFC 9580 §4.2.2, "Legacy Format").
        case legacy
        /// Bit 6 set: RFC 4880's "new format" (RFC 9580 §4.2.1, "OpenPGP Format").
        case openPGP
    }

    /// The packet tag.
    public let tag: OpenPGPPacketTag
    /// How the header was written.
    public let headerFormat: HeaderFormat
    /// The offset of the header's first octet in the input.
    public let offset: Int
    /// Where the body lies in the input: one range, or one per non-empty chunk with partial
    /// body lengths. Empty bodies and empty chunks (a zero-length last chunk) have no range,
    /// so an empty body gives an empty array.
    public let bodyRanges: [Range<Int>]
    /// Whether the body was sent in chunks with partial body lengths (RFC 9580 §4.2.1.4).
    public let usesPartialBodyLengths: Bool
    /// Whether a legacy header gave length type 3: the body runs to the end of the input
    /// (or of the enclosing packet).
    public let hasIndeterminateLength: Bool
    /// 0 for a packet at the top level, 1 inside an uncompressed Compressed Data packet, …
    public let depth: Int
    /// What the reader understood of the body.
    public let content: OpenPGPPacketContent

    /// The number of body octets.
    public var bodyLength: Int { bodyRanges.reduce(0) { $0 + $1.count } }
}

/// The fields of a Literal Data packet (tag 11, RFC 9580 §5.9): the message itself.
///
/// ```
/// format (1: 'b', 't', 'u', 'l', '1' or 'm') | file name length (1) | file name |
/// date (4, seconds since 1970) | literal data
/// ```
/// The file name and date are not covered by a signature, so a scanner treats them as
/// attacker-controlled: a name holding CR, LF or `[GNUPG:]` can confuse tools that read
/// GnuPG's status output.
public struct OpenPGPLiteralData: Hashable, Sendable {
    /// The format octet, such as `b` (binary) or `t` (text).
    public let format: UInt8
    /// The file name octets, exactly as sent.
    public let fileName: [UInt8]
    /// The date field (seconds since 1970; 0 when the sender gave none).
    public let date: UInt32
    /// Where the literal data lies in the input (several ranges with partial body lengths).
    public let dataRanges: [Range<Int>]

    /// The file name as UTF-8, invalid sequences replaced by U+FFFD.
    public var fileNameText: String { String(decoding: fileName, as: UTF8.self) }

    /// The number of literal data octets.
    public var dataLength: Int { dataRanges.reduce(0) { $0 + $1.count } }

    init(_ cursor: inout PacketBodyCursor) throws(OpenPGPPacketError) {
        format = try cursor.byte("literal format")
        let nameLength = Int(try cursor.byte("literal file name length"))
        fileName = try cursor.take(nameLength, "literal file name")
        date = try cursor.uint32("literal date")
        dataRanges = cursor.rest.absoluteRanges(0..<cursor.remaining)
    }
}

/// One ASCII-armored block found in text (RFC 9580 §6.2): its place, headers and data.
///
/// ```
/// -----BEGIN PGP MESSAGE-----       armor header line (the label is "PGP MESSAGE")
/// Comment: …                        armor headers, "Name: Value"
///                                   blank line
/// base64 lines                      the data
/// =XXXX                             optional CRC-24 of the data, base64
/// -----END PGP MESSAGE-----         armor tail line
/// ```
/// A clear-signed block runs from `-----BEGIN PGP SIGNED MESSAGE-----` to the end of its
/// signature; `data`, `headers` and `checksum` then describe the signature's armor.
public struct OpenPGPArmoredBlock: Hashable, Sendable {
    /// What the armor header line announces.
    public enum Kind: Hashable, Sendable {
        /// `PGP MESSAGE`: encrypted, signed or compressed data.
        case message
        /// `PGP SIGNATURE`: a detached signature.
        case signature
        /// `PGP SIGNED MESSAGE`: clear-signed text followed by its signature.
        case signedMessage
        /// `PGP PUBLIC KEY BLOCK`.
        case publicKeyBlock
        /// `PGP PRIVATE KEY BLOCK`.
        case privateKeyBlock
        /// `PGP MESSAGE, PART X/Y` or `PGP MESSAGE, PART X` (RFC 4880 §6.2).
        case messagePart
        /// Any other label.
        case other
    }

    /// How the checksum line compared with the data. A mismatch is reported, not fatal:
    /// RFC 9580 §6.1 no longer requires the checksum to be checked.
    public enum Checksum: Hashable, Sendable {
        /// No checksum line.
        case absent
        /// The CRC-24 matches.
        case matches
        /// The CRC-24 of the data differs from the one written.
        case mismatch(written: UInt32, computed: UInt32)
    }

    /// The label between `-----BEGIN ` and `-----`, such as `PGP MESSAGE`.
    public let label: String
    /// From the start of the BEGIN line to the end of the END line (without its line break).
    public let range: Range<Int>
    /// The armor headers (of the signature's armor, for a clear-signed block).
    public let headers: [OpenPGPArmorHeader]
    /// The decoded data (empty when `problem` prevented decoding).
    public let data: [UInt8]
    /// The checksum comparison.
    public let checksum: Checksum
    /// Why the block is broken (no END line, a character outside base64, a wrong END label),
    /// or nil.
    public let problem: OpenPGPPacketError?
    /// The signed text, for a `PGP SIGNED MESSAGE` block.
    public let clearSigned: OpenPGPClearSignedText?

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(
        label: String, range: Range<Int>, headers: [OpenPGPArmorHeader], data: [UInt8],
        checksum: Checksum, problem: OpenPGPPacketError?, clearSigned: OpenPGPClearSignedText?
    ) {
        self.label = label
        self.range = range
        self.headers = headers
        self.data = data
        self.checksum = checksum
        self.problem = problem
        self.clearSigned = clearSigned
    }

    /// The kind of block, from the label.
    public var kind: Kind {
        switch label {
        case "PGP MESSAGE": .message
        case "PGP SIGNATURE": .signature
        case "PGP SIGNED MESSAGE": .signedMessage
        case "PGP PUBLIC KEY BLOCK": .publicKeyBlock
        case "PGP PRIVATE KEY BLOCK": .privateKeyBlock
        default: label.hasPrefix("PGP MESSAGE, PART ") ? .messagePart : .other
        }
    }
}

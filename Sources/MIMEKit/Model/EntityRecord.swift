/// What the tree keeps about one entity: offsets into the input and the few decisions the
/// parser made. `MIMEEntity` is the public view of it.
///
/// The builder copies a record's values in once per entity and the message destroys them
/// once, so the fields are stored in the form the compiler copies cheaply: no `String?` and
/// no enum with a payload (both were copied and destroyed through generic value witnesses,
/// 40 to 140 instructions each time), and the one-byte fields side by side.
struct EntityRecord: Sendable {
    var parent: Int
    var depth: Int
    var start: Int
    var end: Int
    var blankLine: Range<Int>
    var headerItems: Range<Int>
    var firstChild = -1
    var lastChild = -1
    var nextSibling = -1
    var childCount = 0
    /// The position among the parent's children, from 1.
    var ordinal = 1
    var firstDelimiter = -1
    var lastDelimiter = -1
    /// Set when the headers end; until then an empty placeholder, cheaper to make and to
    /// overwrite than the default (`MessageTreeBuilder` puts the default in the records whose
    /// headers never ended, before the message is handed over).
    var contentType = ContentType(lowercasedType: "", subtype: "")
    /// The Content-Transfer-Encoding token as given, if `hasTransferEncoding`.
    private(set) var transferEncodingText = ""
    /// The name of an `.other` encoding.
    private var otherEncodingName = ""
    var preamble: Range<Int>?
    var kind = MIMEHeadersEnd.Kind.leaf
    var isDefaultContentType = true
    private(set) var hasTransferEncoding = false
    /// Whether the event layer's `headersEnd` came for this entity.
    var headersEnded = false
    private var encodingKind = EncodingKind.sevenBit
    var epilogue: Range<Int>?

    init(parent: Int, depth: Int, start: Int, end: Int, blankLine: Range<Int>, headerItems: Range<Int>) {
        self.parent = parent
        self.depth = depth
        self.start = start
        self.end = end
        self.blankLine = blankLine
        self.headerItems = headerItems
    }

    var bodyStart: Int { blankLine.upperBound }

    /// The Content-Transfer-Encoding token as given (nil when absent).
    var transferEncoding: String? { hasTransferEncoding ? transferEncodingText : nil }

    mutating func setTransferEncoding(_ name: String) {
        transferEncodingText = name
        hasTransferEncoding = true
    }

    /// `TransferEncoding` without its payload.
    private enum EncodingKind: UInt8 {
        case sevenBit, eightBit, binary, base64, quotedPrintable, uuencode, other
    }

    /// The Content-Transfer-Encoding mechanism in force (7bit when absent).
    var encoding: TransferEncoding {
        switch encodingKind {
        case .sevenBit: return .sevenBit
        case .eightBit: return .eightBit
        case .binary: return .binary
        case .base64: return .base64
        case .quotedPrintable: return .quotedPrintable
        case .uuencode: return .uuencode
        case .other: return .other(otherEncodingName)
        }
    }

    mutating func setEncoding(_ encoding: TransferEncoding) {
        switch encoding {
        case .sevenBit: encodingKind = .sevenBit
        case .eightBit: encodingKind = .eightBit
        case .binary: encodingKind = .binary
        case .base64: encodingKind = .base64
        case .quotedPrintable: encodingKind = .quotedPrintable
        case .uuencode: encodingKind = .uuencode
        case .other(let name):
            encodingKind = .other
            otherEncodingName = name
        }
    }
}

/// A line of a header block: a field, or a line kept there that is not one.
struct HeaderItem: Sendable {
    var range: Range<Int>
    var name: Range<Int>
    var value: Range<Int>
    var isField: Bool
}

/// A boundary delimiter line, with the line ending before it.
struct DelimiterRecord: Sendable {
    var range: Range<Int>
    var isClosing: Bool
    /// The next delimiter of the same multipart (nested multiparts interleave theirs).
    var next = -1
}

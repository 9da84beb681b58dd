/// What the tree keeps about one entity: offsets into the input and the few decisions the
/// parser made. `MIMEEntity` is the public view of it.
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
    var kind = MIMEHeadersEnd.Kind.leaf
    var contentType = ContentType.textPlain
    var isDefaultContentType = true
    /// The Content-Transfer-Encoding token as given, if `hasTransferEncoding`. Kept as a plain
    /// `String` and a flag rather than a `String?`: the compiler copied and destroyed the
    /// optional through its generic value witnesses, about 130 instructions each time.
    private(set) var transferEncodingText = ""
    private(set) var hasTransferEncoding = false
    var encoding = TransferEncoding.sevenBit
    var preamble: Range<Int>?
    var epilogue: Range<Int>?
    var firstDelimiter = -1
    var lastDelimiter = -1

    var bodyStart: Int { blankLine.upperBound }

    /// The Content-Transfer-Encoding token as given (nil when absent).
    var transferEncoding: String? { hasTransferEncoding ? transferEncodingText : nil }

    mutating func setTransferEncoding(_ name: String) {
        transferEncodingText = name
        hasTransferEncoding = true
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

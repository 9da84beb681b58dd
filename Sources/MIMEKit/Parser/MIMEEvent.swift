/// One thing the event layer found, with absolute byte offsets into the input.
///
/// For any input the events tile it: every byte is inside exactly one of a separator,
/// header field, header junk, blank line, body, preamble, boundary, epilogue or trailer
/// range. Bodies, preambles and epilogues may come in several adjacent pieces when the input
/// is fed in chunks; joined, they are the same for every way of chunking.
public enum MIMEEvent: Sendable, Hashable {
    /// A message starts (at its mbox `From ` line, if any).
    case messageBegin(offset: Int)
    /// The mbox `From ` line, with its line ending.
    case mboxSeparator(Range<Int>)
    /// An entity (a message's root, a body part, or an enclosed message) starts.
    case entityBegin(offset: Int, depth: Int)
    /// A header field: the whole field with its line ending(s), its name, and its raw value
    /// (after the colon, folding kept, without the final line ending).
    case headerField(field: Range<Int>, name: Range<Int>, value: Range<Int>)
    /// A line inside a header block that is not part of a field but was kept there.
    case headerJunk(Range<Int>)
    /// The headers ended; the body starts at `info.bodyStart`.
    case headersEnd(MIMEHeadersEnd)
    /// A piece of a leaf's body.
    case body(Range<Int>)
    /// A piece of a multipart's preamble.
    case preamble(Range<Int>)
    /// A boundary delimiter: the line ending before it, the line, and its own line ending.
    case boundary(Range<Int>, isClosing: Bool)
    /// A piece of a multipart's epilogue.
    case epilogue(Range<Int>)
    /// The entity ends at `offset`.
    case entityEnd(offset: Int)
    /// The message ends at `offset`; `trailer` is the blank line that an mbox puts before
    /// the next `From ` line (empty otherwise).
    case messageEnd(offset: Int, trailer: Range<Int>)
    /// Something malformed was repaired or a limit was hit.
    case diagnostic(MIMEDiagnostic)
}

/// What the parser decided when an entity's headers ended.
public struct MIMEHeadersEnd: Sendable, Hashable {
    /// How the body of an entity is parsed.
    public enum Kind: String, Sendable, Hashable {
        /// Content, decoded on demand.
        case leaf
        /// Body parts separated by boundaries.
        case multipart
        /// One enclosed message (`message/rfc822`, `message/global`).
        case message
    }

    /// The blank line that ended the headers (empty when there was none).
    public var blankLine: Range<Int>
    /// Where the body starts.
    public var bodyStart: Int { blankLine.upperBound }
    /// The effective content type (the default when absent or unparsable).
    public var contentType: ContentType
    /// Whether `contentType` is a default rather than the entity's own header.
    public var isDefaultContentType: Bool
    /// The raw Content-Transfer-Encoding value, trimmed, if present.
    public var transferEncoding: String?
    /// The mechanism `transferEncoding` names (`7bit` when absent).
    public var encoding: TransferEncoding
    /// How the body is parsed.
    public var kind: Kind
}

/// Limits and modes of the parser.
///
/// Every limit degrades gracefully: going past one gives a diagnostic, and the entity that
/// would go past it is kept as an opaque leaf, so no byte is lost.
public struct MIMEParserOptions: Sendable, Hashable {
    /// Treat the input as an mbox: `From ` lines separate messages.
    public var mbox: Bool = false
    /// With `mbox`, use each message's Content-Length as a hint to where it ends, as GMime's
    /// `g_mime_parser_set_respect_content_length` and MimeKit's `RespectContentLength` do;
    /// off by default, as there.
    ///
    /// The first Content-Length field of a message's own header (decimal digits, white space
    /// around them allowed) is checked the way mutt checks it: with `E` the start of the body
    /// (after the blank line that ends the header) plus its value, it is used when `E` is the
    /// end of the input, or when at `E` there is at most one line ending and then a `From `
    /// line or the end of the input, or when `E` starts a `From ` line. Then `From ` lines
    /// inside the body are content, not separators, and the message ends at that next
    /// separator. Otherwise (a value that is not a number, too large, or that does not land
    /// on a separator) it is ignored, the message is split on `From ` lines as without this
    /// option, and it gets an `mboxContentLengthIgnored` warning. Content-Length fields of
    /// nested parts and enclosed messages never count.
    ///
    /// The check looks ahead to `E`, so only the entry points that hold the whole input use
    /// it (`MIMEParser.parseMessages`, `MboxSplitter`); `MIMEStreamParser` fed chunk by chunk
    /// does not.
    public var respectContentLength: Bool = false
    /// The deepest nesting of entities (the root is depth 0); a multipart or enclosed message
    /// whose children would be deeper becomes a leaf.
    public var maxDepth: Int = 64
    /// Header bytes of one entity past which further fields are not recorded (they stay in
    /// the header block, so the message still round-trips).
    public var maxHeaderBytes: Int = 1 << 20
    /// Header fields of one entity past which further fields are not recorded.
    public var maxHeaderFields: Int = 10_000
    /// Entities in one message past which boundaries are no longer split into new parts.
    public var maxParts: Int = 100_000
    /// The longest boundary parameter used (RFC 2046 allows 70 bytes); longer ones make the
    /// multipart a leaf.
    public var maxBoundaryLength: Int = 998
    /// How much of one line the parser looks at. Longer lines are still kept whole in the
    /// tree, but header values are cut here (with a diagnostic), and such a line is a
    /// boundary only by its start (with a `boundaryWithTrailingText` diagnostic, since its
    /// end is not seen). This bounds the parser's memory for any input.
    public var maxLineLength: Int = 16_384

    /// The defaults.
    public init() {}

    /// Defaults with `mbox` set.
    public static var mbox: MIMEParserOptions {
        var options = MIMEParserOptions()
        options.mbox = true
        return options
    }
}

/// Something the parser noticed about malformed input, with the byte offset where it is.
///
/// Malformed mail is parsed anyway; diagnostics say what was repaired or assumed, in the
/// spirit of GMime's parser warnings.
public struct MIMEDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How much a diagnostic matters.
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        /// Legal but unusual, or harmless.
        case info
        /// Broken, repaired by a common convention; other readers may see it differently.
        case warning
        /// Broken, and content may be lost or misread by other readers; or a limit was hit.
        case error

        private var rank: Int { Self.allCases.firstIndex(of: self)! }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// What was noticed. The raw values are stable names used in JSON output.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A header line that is not a field ended the headers without a blank line.
        case invalidHeaderLine
        /// The first header line began with white space; it was kept as junk.
        case continuationAtHeaderStart
        /// An mbox `From ` line at the start of a message parsed without `--mbox`.
        case fromLineInHeaders
        /// The input ended inside the headers.
        case truncatedHeaders
        /// A boundary line ended the headers of a part, which has no body.
        case headersEndedByBoundary
        /// A header line longer than `maxLineLength`; its value was cut for parsing.
        case lineTooLong
        /// More than `maxHeaderBytes` or `maxHeaderFields`; later fields are not recorded.
        case headerLimit
        /// Content-Type given more than once; the first one is used.
        case duplicateContentType
        /// Content-Transfer-Encoding given more than once; the first one is used.
        case duplicateTransferEncoding
        /// Content-Type could not be parsed; the default was used.
        case invalidContentType
        /// A multipart without a usable boundary parameter is kept as a leaf.
        case multipartWithoutBoundary
        /// A multipart in which no boundary line was found; everything is preamble.
        case boundaryNotFound
        /// A multipart that ended without its close delimiter.
        case missingCloseDelimiter
        /// A boundary line with text after the boundary: taken as a boundary, as RFC 2046
        /// section 5.1.1 says, though some readers do not.
        case boundaryWithTrailingText
        /// An enclosed message with a base64 or quoted-printable encoding, kept as a leaf.
        case encodedMessage
        /// Nesting deeper than `maxDepth`; the entity is kept as a leaf.
        case depthLimit
        /// More than `maxParts` entities; the rest of the multipart is not split.
        case partLimit
        /// mbox input that does not start with a `From ` line.
        case mboxMissingSeparator
        /// With `respectContentLength`, a message's Content-Length that was not a number, ran
        /// past the end of the input or did not end right before a `From ` line; the message
        /// was split on `From ` lines instead.
        case mboxContentLengthIgnored
        /// Base64 content with bytes outside the alphabet (skipped when decoding).
        case base64InvalidBytes
        /// Base64 content that ends with an incomplete group.
        case base64Truncated
        /// Quoted-printable content with `=` not followed by two hex digits (kept literally).
        case quotedPrintableInvalidEscape
        /// uuencoded content without a `begin` line or without an `end` line.
        case uuencodeMalformed
        /// A Content-Transfer-Encoding this library does not decode; the body is given raw.
        case unknownTransferEncoding
    }

    /// How much it matters.
    public var severity: Severity
    /// What it is.
    public var code: Code
    /// The absolute byte offset in the input.
    public var offset: Int
    /// A sentence for people.
    public var message: String

    /// A diagnostic.
    public init(_ severity: Severity, _ code: Code, at offset: Int, _ message: String) {
        self.severity = severity
        self.code = code
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(severity) \(code.rawValue) at \(offset): \(message)" }
}

/// An entity to build: a text or binary leaf, a multipart, an enclosed message, or the exact
/// bytes of an entity made elsewhere.
///
/// A value: build it, change it, serialize it as often as needed. `serialize(options:)`
/// gives the entity's bytes (header fields, blank line, body) with CRLF line endings;
/// `MIMEMessageBuilder` puts one under a message's header.
///
/// ```swift
/// let part = MIMEPart.multipart("mixed", [
///     .text("Hello, Wörld\n"),
///     .attachment(pdfBytes, type: ContentType(type: "application", subtype: "pdf"), filename: "Bericht März.pdf"),
/// ])
/// ```
public struct MIMEPart: Sendable {
    /// What the part holds.
    public enum Content: Sendable {
        /// Text, written as UTF-8 with every line break (CRLF, LF or CR) made CRLF.
        case text(String)
        /// Bytes, kept exactly (the transfer encoding is chosen so they survive).
        case bytes([UInt8])
        /// Body parts of a multipart (RFC 2046 section 5.1.1 asks for at least one), with an
        /// optional preamble and epilogue (text that readers ignore).
        case multipart([MIMEPart], preamble: String?, epilogue: String?)
        /// A parsed message, enclosed byte for byte (its root entity, without any mbox
        /// separator).
        case message(MIMEMessage)
        /// A message built here, enclosed.
        indirect case builtMessage(MIMEMessageBuilder)
        /// A whole entity, header fields, blank line and body, written exactly as given: the
        /// part's own header properties are not used.
        case raw([UInt8])
    }

    /// The Content-Type, parameters included; a multipart's `boundary` is always generated.
    public var contentType: ContentType
    /// The body.
    public var content: Content
    /// The Content-Transfer-Encoding of a leaf; nil lets the builder choose by content.
    ///
    /// The builder chooses `7bit` for US-ASCII with lines of at most 998 characters and
    /// no trailing white space, `quoted-printable` for text that is mostly ASCII, and
    /// `base64` for the rest; never `8bit` or `binary`, which are written only when set here.
    /// A mechanism set here is applied as it is: `quoted-printable` makes every line break
    /// CRLF, and `7bit`, `8bit`, `binary` or any other name label the bytes unencoded.
    public var transferEncoding: TransferEncoding?
    /// The Content-Disposition type (`attachment`, `inline`), or nil for no such field.
    public var disposition: String?
    /// The `filename` parameter of Content-Disposition (RFC 2183), encoded by RFC 2231 when
    /// it is not plain ASCII or is long.
    public var filename: String?
    /// The Content-ID, with or without angle brackets (RFC 2045 section 7).
    public var contentID: String?
    /// The Content-Description (RFC 2045 section 8), encoded by RFC 2047 where needed.
    public var contentDescription: String?
    /// More header fields, written after the others in the order given.
    public var fields: [MIMEHeader]

    /// A part from its content type and content.
    public init(contentType: ContentType, content: Content, transferEncoding: TransferEncoding? = nil,
                disposition: String? = nil, filename: String? = nil, fields: [MIMEHeader] = []) {
        self.contentType = contentType
        self.content = content
        self.transferEncoding = transferEncoding
        self.disposition = disposition
        self.filename = filename
        self.fields = fields
    }

    /// A text part, `text/<subtype>; charset=utf-8`.
    public static func text(_ text: String, subtype: String = "plain") -> MIMEPart {
        MIMEPart(contentType: ContentType(type: "text", subtype: subtype, parameters: MIMEParameters([("charset", "utf-8")])),
                 content: .text(text))
    }

    /// An attachment: `bytes` with `Content-Disposition: attachment` and, when given, a
    /// file name.
    public static func attachment(_ bytes: [UInt8], type: ContentType = ContentType(type: "application", subtype: "octet-stream"),
                                  filename: String? = nil) -> MIMEPart {
        MIMEPart(contentType: type, content: .bytes(bytes), disposition: "attachment", filename: filename)
    }

    /// A `multipart/<subtype>` of `parts`, with extra Content-Type parameters.
    public static func multipart(_ subtype: String, _ parts: [MIMEPart], parameters: [(String, String)] = [],
                                 preamble: String? = nil, epilogue: String? = nil) -> MIMEPart {
        MIMEPart(contentType: ContentType(type: "multipart", subtype: subtype, parameters: MIMEParameters(parameters)),
                 content: .multipart(parts, preamble: preamble, epilogue: epilogue))
    }

    /// A `message/rfc822` part enclosing a parsed message, its bytes unchanged.
    public static func message(_ message: MIMEMessage) -> MIMEPart {
        MIMEPart(contentType: .messageRFC822, content: .message(message))
    }

    /// A `message/rfc822` part enclosing a built message.
    public static func message(_ message: MIMEMessageBuilder) -> MIMEPart {
        MIMEPart(contentType: .messageRFC822, content: .builtMessage(message))
    }

    /// A part that is exactly `bytes`: header fields, blank line and body.
    public static func raw(_ bytes: [UInt8]) -> MIMEPart {
        MIMEPart(contentType: ContentType(type: "application", subtype: "octet-stream"), content: .raw(bytes))
    }

    /// A part that is exactly a parsed entity's bytes (`entity.raw`).
    public static func raw(_ entity: MIMEEntity) -> MIMEPart {
        raw(entity.raw.bytes)
    }

    /// `multipart/signed` (RFC 1847 section 2.1) of `content` and `signature`.
    ///
    /// Give the signed content as `.raw(bytes)` with exactly the bytes that were signed
    /// (see `MIMECanonicalizer`): a multipart writes a raw part's bytes unchanged, and the
    /// CRLF before the next boundary belongs to the boundary, so the verifier sees those bytes.
    ///
    /// - Parameters:
    ///   - protocol: the signature's type, e.g. `application/pkcs7-signature` (RFC 8551) or
    ///     `application/pgp-signature` (RFC 3156).
    ///   - micalg: the digest, e.g. `sha-256` or `pgp-sha256`.
    public static func signed(content: MIMEPart, signature: MIMEPart, protocol: String, micalg: String) -> MIMEPart {
        multipart("signed", [content, signature], parameters: [("protocol", `protocol`), ("micalg", micalg)])
    }

    /// `multipart/encrypted` (RFC 1847 section 2.2) of a control part and the encrypted data,
    /// e.g. `application/pgp-encrypted` and `application/octet-stream` for RFC 3156.
    public static func encrypted(control: MIMEPart, encrypted: MIMEPart, protocol: String) -> MIMEPart {
        multipart("encrypted", [control, encrypted], parameters: [("protocol", `protocol`)])
    }
}

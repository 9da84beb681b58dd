/// A new message: the header fields of RFC 5322 section 3.6 and a body part.
///
/// `serialize(options:)` writes, in this order: From, Sender, Reply-To, To, Cc, Subject,
/// Date, Message-ID, the extra `fields`, `MIME-Version: 1.0`, then the body part's own
/// fields, a blank line and its body. Lines end in CRLF, fields are folded at 78 columns, and
/// non-ASCII text is RFC 2047 encoded. Date and Message-ID are generated when absent, from
/// `MIMEBuildOptions` (fix them there for reproducible output), unless `fields` has one:
/// fields copied from a parsed message (`MIMEHeader(field)`) keep its Date and Message-ID.
///
/// ```swift
/// var message = MIMEMessageBuilder(body: .text("Bis morgen!\n"))
/// message.from = [MIMEAddress("anna@example.org", name: "Anna Müller")]
/// message.to = [MIMEAddress("bob@example.com")]
/// message.subject = "Grüße"
/// let bytes = message.serialize()
/// ```
public struct MIMEMessageBuilder: Sendable {
    /// The authors (RFC 5322 section 3.6.2).
    public var from: [MIMEAddress] = []
    /// The sender, when not the single author.
    public var sender: MIMEAddress?
    /// Where replies go.
    public var replyTo: [MIMEAddress] = []
    /// The primary recipients (RFC 5322 section 3.6.3).
    public var to: [MIMEAddress] = []
    /// The other recipients.
    public var cc: [MIMEAddress] = []
    /// The subject, any text.
    public var subject: String?
    /// The date; nil means the build's time (`MIMEBuildOptions.now`, else the clock), or
    /// none when `fields` has a Date.
    public var date: MIMETimestamp?
    /// The Message-ID with or without angle brackets; nil means a random one, or none when
    /// `fields` has a Message-ID.
    public var messageID: String?
    /// More header fields, written after Message-ID in the order given.
    public var fields: [MIMEHeader] = []
    /// The body: a leaf, a multipart, or a raw entity whose fields join the message's.
    public var body: MIMEPart

    /// A message with `body` and no header fields yet.
    public init(body: MIMEPart) {
        self.body = body
    }

    /// The message's bytes.
    public func serialize(options: MIMEBuildOptions = MIMEBuildOptions()) -> [UInt8] {
        var context = BuildContext(options: options)
        return serialize(&context)
    }

    func serialize(_ context: inout BuildContext) -> [UInt8] {
        var out: [UInt8] = []
        if !from.isEmpty { out += HeaderEncoder.addressField(name: "From", addresses: from) }
        if let sender { out += HeaderEncoder.addressField(name: "Sender", addresses: [sender]) }
        if !replyTo.isEmpty { out += HeaderEncoder.addressField(name: "Reply-To", addresses: replyTo) }
        if !to.isEmpty { out += HeaderEncoder.addressField(name: "To", addresses: to) }
        if !cc.isEmpty { out += HeaderEncoder.addressField(name: "Cc", addresses: cc) }
        if let subject { out += HeaderEncoder.unstructuredField(name: "Subject", value: subject) }
        if date != nil || !fields.contains(where: { $0.hasName("Date") }) {
            let when = date ?? context.options.now ?? .now
            out += Array("Date: \(when.rfc5322)\r\n".utf8)
        }
        if messageID != nil || !fields.contains(where: { $0.hasName("Message-ID") }) {
            let id = messageID.map { $0.hasPrefix("<") ? $0 : "<\($0)>" } ?? context.messageID()
            out += Array("Message-ID: \(id)\r\n".utf8)
        }
        for field in fields { out += field.bytes }
        out += Array("MIME-Version: 1.0\r\n".utf8)
        let rendered = body.render(&context)
        return out + rendered.header + rendered.rest
    }
}

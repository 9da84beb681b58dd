/// The decoded summary of a message's own header, in the spirit of IMAP's ENVELOPE
/// (RFC 3501 7.4.2): date, subject, originator and recipient addresses, message ids.
///
/// Raw 8-bit header text is read as UTF-8 first, then in the root entity's charset, then
/// windows-1252 (see `HeaderText`).
public struct MessageEnvelope: Sendable, Hashable {
    /// The Date field, parsed; nil when absent or unreadable.
    public var date: MailDate?
    /// The Date field's raw text, unfolded.
    public var rawDate: String?
    /// Subject, RFC 2047 decoded.
    public var subject: String?
    public var from: [MailboxAddress]
    public var sender: [MailboxAddress]
    public var replyTo: [MailboxAddress]
    public var to: [MailboxAddress]
    public var cc: [MailboxAddress]
    public var bcc: [MailboxAddress]
    /// In-Reply-To's message ids, without angle brackets.
    public var inReplyTo: [String]
    /// Message-ID without angle brackets.
    public var messageID: String?

    /// The envelope of `message`'s own header.
    public init(_ message: MIMEMessage) {
        let headers = message.headers
        let fallback = message.root.charset
        func raw(_ name: String) -> ByteView? { headers.fields(named: name).first?.rawValue }
        func addresses(_ name: String) -> [MailboxAddress] {
            headers.fields(named: name).flatMap { InternetAddressList.parse($0.rawValue).mailboxes }
        }
        date = raw("Date").flatMap { MailDate(parsing: $0) }
        rawDate = headers["Date"]
        subject = raw("Subject").map { HeaderText.decodeUnstructured($0, fallbackCharset: fallback) }
        from = addresses("From")
        sender = addresses("Sender")
        replyTo = addresses("Reply-To")
        to = addresses("To")
        cc = addresses("Cc")
        bcc = addresses("Bcc")
        inReplyTo = raw("In-Reply-To").map { MessageID.parseList($0) } ?? []
        messageID = raw("Message-ID").flatMap { MessageID.parse($0) }
    }
}

extension MIMEMessage {
    /// The decoded summary of the message's own header.
    public var envelope: MessageEnvelope { MessageEnvelope(self) }
}

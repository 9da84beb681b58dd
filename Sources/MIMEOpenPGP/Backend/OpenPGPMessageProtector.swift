public import MIMEKit

/// Signs or encrypts a whole message with OpenPGP (RFC 3156), as a mail client sends it: the
/// content (its `Content-*` fields and body, in canonical form) is protected, and the other
/// header fields (From, To, Subject, Date, …) stay in clear.
///
/// As a mail client would, the signer defaults to the From address and the recipients to
/// the To, Cc and Bcc addresses plus the sender's own, so the sent copy stays readable.
///
/// ```swift
/// let protector = OpenPGPMessageProtector(context: OpenPGPContext())
/// let signed = try protector.sign(message)                      // multipart/signed, RFC 3156 §5
/// let sealed = try protector.encrypt(message, signing: true)    // multipart/encrypted, §4, §6.2
/// ```
public struct OpenPGPMessageProtector: Sendable {
    /// The GnuPG home and passphrase source.
    public var context: OpenPGPContext
    /// Encrypt to recipient keys even without a trust path in the keyring.
    public var trustAllRecipients: Bool

    /// A protector on `context`.
    public init(context: OpenPGPContext = OpenPGPContext(), trustAllRecipients: Bool = false) {
        self.context = context
        self.trustAllRecipients = trustAllRecipients
    }

    /// `message` as `multipart/signed` (RFC 3156 §5), signed by `signer`, or by the key of
    /// its From address when `signer` is nil.
    ///
    /// - Throws: `keyNotFound` when no signer is given and the message has no From address,
    ///   and the errors of ``OpenPGPContext/signMIME(_:signer:boundary:)``.
    public func sign(_ message: MIMEMessage, signer: OpenPGPKeySelector? = nil) throws(OpenPGPError) -> [UInt8] {
        let split = OpenPGPMessageSplit(message)
        let signed = try context.signMIME(split.entity, signer: try Self.signer(signer, of: message))
        return split.message(with: signed)
    }

    /// `message` as `multipart/encrypted` (RFC 3156 §4), to `recipients` or, when nil, to
    /// ``defaultRecipients(of:)``; signed inside the encryption (RFC 3156 §6.2) when
    /// `signing` is set, by `signer` or the From address's key.
    ///
    /// - Throws: `keyNotFound` when there is no recipient, or no signer for `signing`, and
    ///   the errors of ``OpenPGPContext/encryptMIME(_:to:signer:boundary:trustAllRecipients:)``.
    public func encrypt(
        _ message: MIMEMessage, recipients: [OpenPGPKeySelector]? = nil, signing: Bool = false,
        signer: OpenPGPKeySelector? = nil
    ) throws(OpenPGPError) -> [UInt8] {
        let split = OpenPGPMessageSplit(message)
        let recipients = recipients ?? Self.defaultRecipients(of: message)
        guard !recipients.isEmpty else {
            throw OpenPGPError(code: .keyNotFound, reason: "no recipient: the message has no To, Cc, Bcc or From address")
        }
        var chosenSigner: OpenPGPKeySelector?
        if signing { chosenSigner = try Self.signer(signer, of: message) }
        let encrypted = try context.encryptMIME(
            split.entity, to: recipients, signer: chosenSigner, trustAllRecipients: trustAllRecipients)
        return split.message(with: encrypted)
    }

    /// The key a mail client signs with: the first From address's, or nil without one.
    public static func defaultSigner(of message: MIMEMessage) -> OpenPGPKeySelector? {
        addresses(MessageEnvelope(message).from).first.map(OpenPGPKeySelector.email)
    }

    /// The keys a mail client encrypts to: every To, Cc and Bcc address, then the From
    /// address (the sender's copy), each once, compared without regard to case.
    public static func defaultRecipients(of message: MIMEMessage) -> [OpenPGPKeySelector] {
        let envelope = MessageEnvelope(message)
        var seen: Set<String> = []
        var recipients: [OpenPGPKeySelector] = []
        for address in addresses(envelope.to + envelope.cc + envelope.bcc + envelope.from)
        where seen.insert(address.lowercased()).inserted {
            recipients.append(.email(address))
        }
        return recipients
    }

    private static func addresses(_ mailboxes: [MailboxAddress]) -> [String] {
        mailboxes.filter { $0.domain != nil && !$0.localPart.isEmpty }.map(\.address)
    }

    /// `given`, else the From address's key.
    private static func signer(_ given: OpenPGPKeySelector?, of message: MIMEMessage) throws(OpenPGPError)
        -> OpenPGPKeySelector
    {
        guard let signer = given ?? defaultSigner(of: message) else {
            throw OpenPGPError(code: .keyNotFound, reason: "no signer: the message has no From address")
        }
        return signer
    }
}

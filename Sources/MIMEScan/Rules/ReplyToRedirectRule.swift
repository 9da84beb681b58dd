import MIMEKit

/// RE-REPLYTO: an encrypted message whose replies go somewhere other than its From.
///
/// The covert-content attacks of "Re: What's up Johnny?" (Müller et al., ACNS 2019) need
/// the victim's reply, which quotes the decrypted text, to reach the attacker while the
/// message seems to come from someone else: Reply-To, Mail-Reply-To or Mail-Followup-To
/// (RFC 5322 §3.6.2, draft-ietf-drums-mail-followup-to) do that silently in most clients.
public struct ReplyToRedirectRule: ScanRule {
    public var id: String { "RE-REPLYTO" }
    public var severity: ScanSeverity { .medium }
    public var title: String { "Replies to an encrypted message go to another address than From" }
    public var explanation: String {
        """
        The message carries encrypted content and a Reply-To, Mail-Reply-To or \
        Mail-Followup-To naming an address that is not in From: a reply, which quotes the \
        decrypted text, goes to that address (Müller et al., "Re: What's up Johnny?", ACNS \
        2019). Mailing lists do this legitimately, hence medium. Senders of encrypted mail \
        should not redirect replies; clients should show where a reply goes.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        guard !context.encryptedParts.isEmpty else { return [] }
        let root = context.message.root
        let headers = root.headers
        let from = Set(headers.fields(named: "From").flatMap { InternetAddressList.parse($0.rawValue).mailboxes }
            .map { $0.address.lowercased() })
        var findings: [Finding] = []
        for name in ["Reply-To", "Mail-Reply-To", "Mail-Followup-To"] {
            for field in headers.fields(named: name) {
                let others = InternetAddressList.parse(field.rawValue).mailboxes.map { $0.address.lowercased() }
                    .filter { !from.contains($0) }
                if !others.isEmpty {
                    findings.append(finding(root, "\(name): \(others.joined(separator: ", ")) is not the From address",
                                            offsets: field.raw.range))
                }
            }
        }
        return findings
    }
}

import MIMEKit

/// SS-ID-HEADER: From headers that make the sender ambiguous.
///
/// "Johnny, You Are Fired!" (Müller et al., USENIX Security 2019, §7) fooled clients that
/// match a signer against From with several From addresses, none, an address written in
/// the display name (`"alice@example.com" <eve@attacker.example>`), or a Sender that
/// differs from From. Only messages that carry a signature are checked: without one there
/// is no signer to confuse, and the From header of unsigned mail proves nothing anyway.
/// Sender alone is graded medium, as lists and delegates set it legitimately.
public struct IdentityHeaderRule: ScanRule {
    public var id: String { "SS-ID-HEADER" }
    public var severity: ScanSeverity { .high }
    public var title: String { "Ambiguous sender identity in From or Sender" }
    public var explanation: String {
        """
        The message has several From addresses or none, an e-mail address in a From display \
        name that is not the real address, or a Sender that differs from From. Clients that \
        compare the signer with the From header can be shown one identity and check \
        another (Müller et al., "Johnny, You Are Fired!", USENIX Security 2019, §7; RFC \
        5322 §3.6.2). Only signed messages are checked. Senders: one From mailbox, no \
        address in the display name.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        guard !context.signedParts.isEmpty else { return [] }
        let root = context.message.root
        let headers = root.headers
        // Input without any header field is a body fragment, not a message: no identity.
        guard !headers.isEmpty else { return [] }
        let fields = headers.fields(named: "From")
        let mailboxes = fields.flatMap { InternetAddressList.parse($0.rawValue).mailboxes }
        var findings: [Finding] = []
        let span = fields.first?.raw.range
        if mailboxes.count != 1 {
            findings.append(finding(root, "\(fields.count) From field(s) with \(mailboxes.count) mailboxes", offsets: span))
        }
        for mailbox in mailboxes {
            if let shown = mailbox.addressInDisplayName, shown.lowercased() != mailbox.address.lowercased() {
                findings.append(finding(root, "From display name shows \(shown) but the address is \(mailbox.address)",
                                        offsets: span))
            }
        }
        if let senderField = headers.fields(named: "Sender").first {
            let sender = InternetAddressList.parse(senderField.rawValue).mailboxes.map { $0.address.lowercased() }
            let from = Set(mailboxes.map { $0.address.lowercased() })
            if let other = sender.first(where: { !from.contains($0) }) {
                findings.append(finding(root, "Sender \(other) differs from From", severity: .medium,
                                        offsets: senderField.raw.range))
            }
        }
        return findings
    }
}

/// One element of an address list: a mailbox or a group (RFC 5322 section 3.4).
///
/// ```
/// address = mailbox / group
/// ```
public enum InternetAddress: Sendable, Hashable, CustomStringConvertible {
    case mailbox(MailboxAddress)
    case group(AddressGroup)

    /// The mailboxes this element stands for: itself, or the group's members.
    public var mailboxes: [MailboxAddress] {
        switch self {
        case .mailbox(let mailbox): return [mailbox]
        case .group(let group): return group.members
        }
    }

    public var description: String {
        switch self {
        case .mailbox(let mailbox): return mailbox.description
        case .group(let group): return group.description
        }
    }
}

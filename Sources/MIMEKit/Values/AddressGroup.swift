/// A named group of mailboxes (RFC 5322 section 3.4): `undisclosed-recipients:;`.
///
/// ```
/// group = display-name ":" [group-list] ";" [CFWS]
/// ```
public struct AddressGroup: Sendable, Hashable, CustomStringConvertible {
    /// The group's display name, RFC 2047 decoded.
    public var name: String
    /// The members, possibly none.
    public var members: [MailboxAddress]

    /// A group from its parts.
    public init(name: String, members: [MailboxAddress] = []) {
        self.name = name
        self.members = members
    }

    public var description: String {
        "\(name): " + members.map(\.description).joined(separator: ", ") + ";"
    }
}

/// A parsed address list: the value of `From`, `To`, `Cc`, `Reply-To`, `List-*` and the like.
///
/// ```
/// address-list = (address *("," address)) / obs-addr-list   ; RFC 5322 sections 3.4, 4.4
/// ```
///
/// Parsing never fails and runs in linear time: what cannot be read as an address is kept
/// as a display name, empty elements are skipped, and nested comments are counted, never
/// recursed into. UTF-8 (RFC 6532) is accepted anywhere; other raw 8-bit bytes are decoded
/// as windows-1252. Display names, comments and group names are RFC 2047 decoded, including
/// encoded-words inside quoted-strings.
///
/// Tolerated breakage, as MimeKit, Python's `email.utils` and mail-parser tolerate it:
/// - unquoted commas in display names: an element that has no address (no `@`, no `<`)
///   followed by an element whose `<address>` has a display name is joined to it, so
///   `Doe, John <j@x>` is one mailbox named `Doe, John` (but `root, <a@b>` stays two);
/// - unquoted dots and other specials in display names (`Joe Q. Public <j@x>`);
/// - missing angle brackets (`John Doe j@x`: the word joined to `@` is the address);
/// - a bare display name with no address (a mailbox with an empty `localPart`), and a bare
///   local part without domain (`root`);
/// - a missing `>` or `;`, text after `>`, obsolete routes, comments anywhere;
/// - a line break not followed by white space ends the field.
public struct InternetAddressList: Sendable, Hashable, RandomAccessCollection, CustomStringConvertible {
    /// The mailboxes and groups in order.
    public var addresses: [InternetAddress]

    /// A list from its elements.
    public init(_ addresses: [InternetAddress] = []) { self.addresses = addresses }

    /// Parses a raw header value (folding, comments and encoded-words allowed).
    public static func parse(_ raw: some Collection<UInt8>) -> InternetAddressList {
        InternetAddressList(AddressListParser.parse(Array(HeaderText.fieldValue(Array(raw)))))
    }

    /// Every mailbox, with groups flattened into their members.
    public var mailboxes: [MailboxAddress] { addresses.flatMap(\.mailboxes) }

    public var startIndex: Int { addresses.startIndex }
    public var endIndex: Int { addresses.endIndex }
    public subscript(position: Int) -> InternetAddress { addresses[position] }

    public var description: String { addresses.map(\.description).joined(separator: ", ") }
}

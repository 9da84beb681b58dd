import MIMEKit

/// Address lists of header fields, read defensively.
///
/// `AddressListParser.tokenize` in MIMEKit (at this branch's base) never advances past a
/// control byte other than white space (0x00–0x08, 0x0B, 0x0C, 0x0E–0x1F, 0x7F) and appends
/// empty tokens until memory runs out. A scanner in a mail pipe must not hang on one bad
/// byte in From, so these bytes become spaces before parsing; the rules only compare
/// addresses, which such bytes could not be part of anyway.
enum HeaderAddresses {
    /// The mailboxes of `field`'s value.
    static func mailboxes(of field: HeaderField) -> [MailboxAddress] {
        mailboxes(in: field.rawValue.bytes)
    }

    /// The mailboxes of an address list held in `bytes` (a header value, a user id).
    static func mailboxes(in bytes: [UInt8]) -> [MailboxAddress] {
        let cleaned = bytes.map { byte -> UInt8 in
            switch byte {
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: 0x20
            default: byte
            }
        }
        return InternetAddressList.parse(cleaned).mailboxes
    }

    /// The mailboxes of every field named `name` in `headers`.
    static func mailboxes(named name: String, in headers: HeaderFields) -> [MailboxAddress] {
        headers.fields(named: name).flatMap(mailboxes(of:))
    }
}

/// A mailbox for a new message's address fields: an optional display name and an address.
///
/// The display name is any text; it is written as atoms, a quoted-string or RFC 2047
/// encoded-words, whichever it needs (see `HeaderEncoder.addressField(name:addresses:)`).
/// The address is written as given, so it must be a valid `addr-spec` (RFC 5322 section
/// 3.4.1), UTF-8 allowed where the transport supports RFC 6532.
public struct MIMEAddress: Sendable, Hashable {
    /// The display name, or nil for a bare address.
    public var name: String?
    /// The address, `local-part@domain`.
    public var address: String

    /// A mailbox from an address and an optional display name.
    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }
}

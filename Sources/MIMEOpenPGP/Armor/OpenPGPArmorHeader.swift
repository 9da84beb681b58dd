/// One armor header line, `Name: Value` (RFC 9580 §6.2.2), such as `Hash: SHA256` or
/// `Comment: …`.
public struct OpenPGPArmorHeader: Hashable, Sendable {
    /// The name, as written.
    public let name: String
    /// The value, after the colon and the space.
    public let value: String

    /// The header `name: value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

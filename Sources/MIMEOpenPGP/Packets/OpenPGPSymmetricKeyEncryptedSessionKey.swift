/// The readable fields of a Symmetric-Key Encrypted Session Key packet (tag 3,
/// RFC 9580 §5.3): a session key protected by a passphrase.
///
/// ```
/// v4: version (4) | symmetric algorithm (1) | S2K specifier | [encrypted session key]
/// v5: version (5) | symmetric algorithm (1) | AEAD algorithm (1) | S2K specifier | IV | ...
///     (draft-ietf-openpgp-rfc4880bis-10 §5.3, LibrePGP)
/// v6: version (6) | count (1) | symmetric algorithm (1) | AEAD algorithm (1) |
///     S2K length (1) | S2K specifier | IV | encrypted session key | tag
/// ```
public struct OpenPGPSymmetricKeyEncryptedSessionKey: Hashable, Sendable {
    /// The packet version: 4, 5 or 6.
    public let version: UInt8
    /// The cipher the session key (v4: and the data) is encrypted with.
    public let symmetricAlgorithm: OpenPGPSymmetricAlgorithm
    /// The AEAD mode protecting the session key (v5 and v6).
    public let aeadAlgorithm: OpenPGPAEADAlgorithm?
    /// The string-to-key type (RFC 9580 §3.7.1): 0 simple, 1 salted, 3 iterated and salted,
    /// 4 Argon2.
    public let s2kType: UInt8

    init(_ cursor: inout PacketBodyCursor) throws(OpenPGPPacketError) {
        version = try cursor.byte("SKESK version")
        switch version {
        case 4:
            symmetricAlgorithm = .init(rawValue: try cursor.byte("SKESK symmetric algorithm"))
            aeadAlgorithm = nil
        case 5:
            symmetricAlgorithm = .init(rawValue: try cursor.byte("SKESK symmetric algorithm"))
            aeadAlgorithm = .init(rawValue: try cursor.byte("SKESK AEAD algorithm"))
        case 6:
            _ = try cursor.byte("SKESK field count")
            symmetricAlgorithm = .init(rawValue: try cursor.byte("SKESK symmetric algorithm"))
            aeadAlgorithm = .init(rawValue: try cursor.byte("SKESK AEAD algorithm"))
            _ = try cursor.byte("SKESK S2K length")
        default:
            throw cursor.malformed("SKESK version \(version) is not 4, 5 or 6")
        }
        s2kType = try cursor.byte("SKESK S2K type")
    }
}

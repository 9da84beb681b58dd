/// One subpacket of a v4, v5 or v6 signature (RFC 9580 §5.2.3.7).
///
/// ```
/// subpacket length (1, 2 or 5 octets, counting the type) | type (1, bit 7 = critical) | data
/// ```
/// Hashed subpackets are covered by the signature; unhashed ones can be changed by anyone.
public struct OpenPGPSignatureSubpacket: Hashable, Sendable {
    /// The subpacket type without the critical bit, such as 2 (creation time), 16 (issuer key
    /// ID), 33 (issuer fingerprint) or 32 (embedded signature).
    public let type: UInt8
    /// Whether the critical bit is set: a verifier that does not know the type must fail.
    public let isCritical: Bool
    /// Whether the subpacket is in the hashed area.
    public let isHashed: Bool
    /// The offset of the subpacket data in the input.
    public let offset: Int
    /// The number of data octets (without the length and type).
    public let length: Int

    /// Type 2, Signature Creation Time (RFC 9580 §5.2.3.11).
    public static let creationTime: UInt8 = 2
    /// Type 16, Issuer Key ID (RFC 9580 §5.2.3.12).
    public static let issuerKeyID: UInt8 = 16
    /// Type 28, Signer's User ID (RFC 9580 §5.2.3.28).
    public static let signersUserID: UInt8 = 28
    /// Type 32, Embedded Signature (RFC 9580 §5.2.3.34).
    public static let embeddedSignature: UInt8 = 32
    /// Type 33, Issuer Fingerprint (RFC 9580 §5.2.3.35).
    public static let issuerFingerprint: UInt8 = 33
}

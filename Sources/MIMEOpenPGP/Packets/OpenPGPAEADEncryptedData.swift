/// The readable fields of an AEAD Encrypted Data packet (tag 20), defined by
/// draft-ietf-openpgp-rfc4880bis-10 §5.16 and LibrePGP (GnuPG 2.3 and later write it),
/// and replaced by SEIPD v2 in RFC 9580.
///
/// ```
/// version (1) | cipher (1) | AEAD algorithm (1) | chunk size (1) | IV | chunks | final tag
/// ```
public struct OpenPGPAEADEncryptedData: Hashable, Sendable {
    /// The packet version (1).
    public let version: UInt8
    /// The cipher.
    public let symmetricAlgorithm: OpenPGPSymmetricAlgorithm
    /// The AEAD mode.
    public let aeadAlgorithm: OpenPGPAEADAlgorithm
    /// The chunk size octet c: chunks are 2^(c+6) octets.
    public let chunkSizeOctet: UInt8

    init(_ cursor: inout PacketBodyCursor) throws(OpenPGPPacketError) {
        version = try cursor.byte("AEAD packet version")
        if version != 1 { throw cursor.malformed("AEAD packet version \(version) is not 1") }
        symmetricAlgorithm = .init(rawValue: try cursor.byte("AEAD packet cipher"))
        aeadAlgorithm = .init(rawValue: try cursor.byte("AEAD packet algorithm"))
        chunkSizeOctet = try cursor.byte("AEAD packet chunk size")
    }
}

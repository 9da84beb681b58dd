/// The readable fields of a Symmetrically Encrypted and Integrity Protected Data packet
/// (tag 18, RFC 9580 §5.13).
///
/// ```
/// v1: version (1) | CFB-encrypted data, ending in an encrypted MDC packet
/// v2: version (2) | cipher (1) | AEAD algorithm (1) | chunk size (1) | salt (32) |
///     AEAD-encrypted chunks | final tag
/// ```
/// Version 1 detects changes only through the SHA-1 MDC checked after decryption (so a
/// careless client may show plaintext first); version 2 authenticates every chunk.
public struct OpenPGPIntegrityProtectedData: Hashable, Sendable {
    /// 1 (CFB with MDC) or 2 (AEAD).
    public let version: UInt8
    /// The cipher (v2 only; in v1 it travels inside the encrypted session key).
    public let symmetricAlgorithm: OpenPGPSymmetricAlgorithm?
    /// The AEAD mode (v2 only).
    public let aeadAlgorithm: OpenPGPAEADAlgorithm?
    /// The chunk size octet c (v2 only): chunks are 2^(c+6) octets.
    public let chunkSizeOctet: UInt8?

    init(_ cursor: inout PacketBodyCursor) throws(OpenPGPPacketError) {
        version = try cursor.byte("SEIPD version")
        switch version {
        case 1:
            symmetricAlgorithm = nil
            aeadAlgorithm = nil
            chunkSizeOctet = nil
        case 2:
            symmetricAlgorithm = .init(rawValue: try cursor.byte("SEIPD cipher"))
            aeadAlgorithm = .init(rawValue: try cursor.byte("SEIPD AEAD algorithm"))
            chunkSizeOctet = try cursor.byte("SEIPD chunk size")
            try cursor.skip(32, "SEIPD salt")
        default:
            throw cursor.malformed("SEIPD version \(version) is not 1 or 2")
        }
    }
}

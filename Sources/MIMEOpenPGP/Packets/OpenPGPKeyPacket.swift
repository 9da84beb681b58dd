/// The leading fields of a key packet: public key, public subkey, secret key or secret
/// subkey (tags 6, 14, 5, 7; RFC 9580 §5.5.2).
///
/// ```
/// v3: version (3) | creation time (4) | validity days (2) | algorithm (1) | key material
/// v4: version (4) | creation time (4) | algorithm (1) | key material
/// v5, v6: version | creation time (4) | algorithm (1) | key material length (4) | ...
/// ```
/// Secret key packets start with the same fields, followed by the secret material.
public struct OpenPGPKeyPacket: Hashable, Sendable {
    /// The key version: 3, 4, 5 or 6.
    public let version: UInt8
    /// The creation time (seconds since 1970).
    public let creationTime: UInt32
    /// The key's algorithm.
    public let algorithm: OpenPGPPublicKeyAlgorithm

    init(_ cursor: inout PacketBodyCursor) throws(OpenPGPPacketError) {
        version = try cursor.byte("key version")
        if !(3...6).contains(version) { throw cursor.malformed("key version \(version) is not 3 to 6") }
        creationTime = try cursor.uint32("key creation time")
        if version == 3 { try cursor.skip(2, "key validity period") }
        algorithm = .init(rawValue: try cursor.byte("key algorithm"))
    }
}

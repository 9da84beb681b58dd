/// The readable fields of a Public-Key Encrypted Session Key packet (tag 1, RFC 9580 §5.1).
///
/// ```
/// v3: version (3) | key ID (8) | public-key algorithm (1) | encrypted session key
/// v6: version (6) | length of the next two fields (1) | key version (1) | fingerprint
///     (20 or 32) | public-key algorithm (1) | encrypted session key
/// ```
/// A v6 packet whose length octet is zero names no recipient (the anonymous recipient).
public struct OpenPGPPublicKeyEncryptedSessionKey: Hashable, Sendable {
    /// The packet version: 3 (RFC 4880) or 6 (RFC 9580).
    public let version: UInt8
    /// The recipient's key ID (v3); all zeros when the sender hid the recipient.
    public let keyID: OpenPGPKeyID?
    /// The recipient's fingerprint (v6), absent for an anonymous recipient.
    public let fingerprint: OpenPGPFingerprint?
    /// The recipient key's algorithm.
    public let algorithm: OpenPGPPublicKeyAlgorithm

    init(_ cursor: inout PacketBodyCursor) throws(OpenPGPPacketError) {
        version = try cursor.byte("PKESK version")
        switch version {
        case 3:
            keyID = try cursor.keyID("PKESK key ID")
            fingerprint = nil
        case 6:
            let length = Int(try cursor.byte("PKESK recipient length"))
            if length == 0 {
                fingerprint = nil
            } else {
                let keyVersion = try cursor.byte("PKESK key version")
                fingerprint = OpenPGPFingerprint(
                    keyVersion: keyVersion, bytes: try cursor.take(length - 1, "PKESK fingerprint"))
            }
            keyID = nil
        default:
            throw cursor.malformed("PKESK version \(version) is not 3 or 6")
        }
        algorithm = OpenPGPPublicKeyAlgorithm(rawValue: try cursor.byte("PKESK algorithm"))
    }
}

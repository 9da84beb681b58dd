/// The fields of a One-Pass Signature packet (tag 4, RFC 9580 §5.4), which announces a
/// signature that follows the signed data.
///
/// ```
/// v3: version (3) | signature type (1) | hash algorithm (1) | public-key algorithm (1) |
///     key ID (8) | nested flag (1)
/// v6: version (6) | signature type (1) | hash algorithm (1) | public-key algorithm (1) |
///     salt length (1) | salt | fingerprint (32) | nested flag (1)
/// ```
public struct OpenPGPOnePassSignature: Hashable, Sendable {
    /// 3 or 6.
    public let version: UInt8
    /// The type of the signature announced.
    public let signatureType: OpenPGPSignatureType
    /// The hash algorithm.
    public let hashAlgorithm: OpenPGPHashAlgorithm
    /// The signer's key algorithm.
    public let publicKeyAlgorithm: OpenPGPPublicKeyAlgorithm
    /// The signer's key ID (v3).
    public let keyID: OpenPGPKeyID?
    /// The signer's fingerprint (v6).
    public let fingerprint: OpenPGPFingerprint?
    /// The nested flag: false means the next packet is another one-pass signature over the
    /// same data.
    public let isNested: Bool

    init(_ cursor: inout PacketBodyCursor) throws(OpenPGPPacketError) {
        version = try cursor.byte("one-pass signature version")
        if version != 3 && version != 6 {
            throw cursor.malformed("one-pass signature version \(version) is not 3 or 6")
        }
        signatureType = .init(rawValue: try cursor.byte("one-pass signature type"))
        hashAlgorithm = .init(rawValue: try cursor.byte("one-pass hash algorithm"))
        publicKeyAlgorithm = .init(rawValue: try cursor.byte("one-pass public-key algorithm"))
        if version == 3 {
            keyID = try cursor.keyID("one-pass key ID")
            fingerprint = nil
        } else {
            let saltLength = Int(try cursor.byte("one-pass salt length"))
            try cursor.skip(saltLength, "one-pass salt")
            fingerprint = OpenPGPFingerprint(keyVersion: 6, bytes: try cursor.take(32, "one-pass fingerprint"))
            keyID = nil
        }
        isNested = try cursor.byte("one-pass nested flag") != 0
    }
}

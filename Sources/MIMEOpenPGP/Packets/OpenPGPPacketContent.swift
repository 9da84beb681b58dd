/// What the reader understood of a packet's body.
///
/// Encrypted containers are described by their cleartext fields only; compressed data is
/// listed further only for the `uncompressed` algorithm (its body is the packets themselves).
public enum OpenPGPPacketContent: Hashable, Sendable {
    /// Tag 1.
    case publicKeyEncryptedSessionKey(OpenPGPPublicKeyEncryptedSessionKey)
    /// Tag 3.
    case symmetricKeyEncryptedSessionKey(OpenPGPSymmetricKeyEncryptedSessionKey)
    /// Tag 2.
    case signature(OpenPGPSignaturePacket)
    /// Tag 4.
    case onePassSignature(OpenPGPOnePassSignature)
    /// Tags 5, 6, 7 and 14 (the tag says which).
    case key(OpenPGPKeyPacket)
    /// Tag 13: the user ID octets, conventionally UTF-8 `Name <address>`.
    case userID([UInt8])
    /// Tag 8: the compression algorithm.
    case compressedData(OpenPGPCompressionAlgorithm)
    /// Tag 9: CFB-encrypted data without any integrity protection.
    case symmetricallyEncryptedData
    /// Tag 18.
    case symmetricallyEncryptedIntegrityProtectedData(OpenPGPIntegrityProtectedData)
    /// Tag 20.
    case aeadEncryptedData(OpenPGPAEADEncryptedData)
    /// Tag 11.
    case literalData(OpenPGPLiteralData)
    /// Tag 10: whether the body is the three octets `PGP` RFC 9580 §5.8 requires.
    case marker(isWellFormed: Bool)
    /// A packet whose body the reader does not look into (trust, user attribute, MDC,
    /// padding, private or unknown tags).
    case opaque
    /// A packet whose framing was fine but whose body is not: the listing goes on after it.
    case malformed(OpenPGPPacketError)
}

public import FoundationEssentials

/// An armored detached signature, ready to be the `application/pgp-signature` part of an
/// RFC 3156 `multipart/signed`.
public struct OpenPGPDetachedSignature: Hashable, Sendable {
    /// `-----BEGIN PGP SIGNATURE-----` … `-----END PGP SIGNATURE-----`, LF line endings.
    public let armored: [UInt8]
    /// The hash algorithm (`SHA256`, …).
    public let hashAlgorithm: String
    /// The signing key's fingerprint.
    public let fingerprint: String
    /// The signing key's algorithm.
    public let publicKeyAlgorithm: String
    /// When the signature was made.
    public let creationTime: Date

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(
        armored: [UInt8], hashAlgorithm: String, fingerprint: String, publicKeyAlgorithm: String, creationTime: Date
    ) {
        self.armored = armored
        self.hashAlgorithm = hashAlgorithm
        self.fingerprint = fingerprint
        self.publicKeyAlgorithm = publicKeyAlgorithm
        self.creationTime = creationTime
    }

    /// The RFC 3156 §5 `micalg` parameter value: `pgp-` and the hash name in lower case.
    public var micalg: String { "pgp-" + hashAlgorithm.lowercased() }
}

/// The outcome of checking one signature.
///
/// The names match those the S/MIME side uses for its signatures, so both can be shown the
/// same way.
public enum OpenPGPSignatureStatus: String, Hashable, Sendable {
    /// The signature is good and the key is valid (fully or ultimately trusted).
    case valid
    /// The signature does not match the data: the data or the signature was changed.
    case bad
    /// The signature is good, but the key is not known to belong to its user IDs (no
    /// trust path), or it has been revoked.
    case untrusted
    /// The signature is good but the signature or the key has expired.
    case expired
    /// The signature uses an algorithm GnuPG does not support.
    case unsupported
    /// The signature could not be checked, for example because the public key is missing.
    case error
}

/// The outcome of checking one signature, as every crypto plugin reports it.
///
/// The raw values are the names used in JSON output and are stable.
public enum SignatureStatus: String, Sendable, Codable, Hashable, CaseIterable {
    /// The signature matches the content and the signer's certificate or key is trusted.
    case valid
    /// The signature does not match the content (tampered content or signature).
    case bad
    /// The signature matches, but the signer is unknown or not trusted.
    case untrusted
    /// The signature matches, but the signer's certificate or key was expired, or not yet
    /// valid, at the verification time.
    case expired
    /// The signature uses an algorithm the plugin cannot check.
    case unsupported
    /// The signature could not be checked for another reason.
    case error
}

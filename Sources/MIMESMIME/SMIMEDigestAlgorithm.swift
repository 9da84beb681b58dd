private import CMIMEOpenSSL

/// The digest algorithm a new signature uses (RFC 8551 §2.1 requires SHA-256 and recommends
/// SHA-512 support).
public enum SMIMEDigestAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// SHA-256, the default.
    case sha256
    /// SHA-384.
    case sha384
    /// SHA-512.
    case sha512

    /// OpenSSL's EVP_MD for the algorithm (static, never freed).
    var evp: OpaquePointer? {
        switch self {
        case .sha256: EVP_sha256()
        case .sha384: EVP_sha384()
        case .sha512: EVP_sha512()
        }
    }
}

/// Which key to sign with or encrypt to.
public enum OpenPGPKeySelector: Hashable, Sendable, CustomStringConvertible {
    /// The key with a user ID whose e-mail address is exactly this one (compared without
    /// regard to case).
    case email(String)
    /// The key (or subkey) with this fingerprint, hexadecimal, spaces allowed.
    case fingerprint(String)

    public var description: String {
        switch self {
        case .email(let address): address
        case .fingerprint(let fingerprint): fingerprint
        }
    }
}

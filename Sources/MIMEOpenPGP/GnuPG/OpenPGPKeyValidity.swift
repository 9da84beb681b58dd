/// How sure GnuPG is that a key belongs to its user IDs (its web-of-trust validity).
public enum OpenPGPKeyValidity: String, Hashable, Sendable {
    case unknown
    case undefined
    case never
    case marginal
    case full
    case ultimate
}

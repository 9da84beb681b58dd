/// What GnuPG says when it needs a passphrase to unlock a secret key.
public struct OpenPGPPassphraseRequest: Hashable, Sendable {
    /// GnuPG's hint, usually the long key ID and the primary user ID
    /// (`"0123456789ABCDEF Alice <alice@example.org>"`).
    public let userIDHint: String
    /// GnuPG's machine-readable description of the key (key IDs, algorithm, flags).
    public let info: String
    /// Whether the passphrase given the previous time was wrong.
    public let previousAttemptWasBad: Bool

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(userIDHint: String, info: String, previousAttemptWasBad: Bool) {
        self.userIDHint = userIDHint
        self.info = info
        self.previousAttemptWasBad = previousAttemptWasBad
    }
}

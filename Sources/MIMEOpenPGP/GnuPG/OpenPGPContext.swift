/// GnuPG bound to one home directory, with a way to ask for passphrases.
///
/// A value, safe to share between tasks: each operation opens its own GPGME context and
/// closes it before returning, so operations may run at the same time. Operations block
/// while `gpg` runs; call them from a task that may wait.
///
/// Passphrases are asked through `passphrase` (GnuPG's loopback mode), never through a
/// pinentry program. Without a provider, any key that needs a passphrase fails with
/// `badPassphrase`.
public struct OpenPGPContext: Sendable {
    /// Answers a passphrase request, or returns nil to cancel.
    public typealias PassphraseProvider = @Sendable (OpenPGPPassphraseRequest) -> String?

    /// The GnuPG home directory, or nil for the user's default (`GNUPGHOME` or `~/.gnupg`).
    public let homeDirectory: String?
    /// Asked when a secret key needs its passphrase.
    public let passphrase: PassphraseProvider?

    /// A context for `homeDirectory` (nil: the default home).
    ///
    /// GnuPG puts its agent's sockets in the home directory unless the system gives it a
    /// `/run/user` directory; a socket path longer than 107 bytes fails, so keep homes short.
    public init(homeDirectory: String? = nil, passphrase: PassphraseProvider? = nil) {
        self.homeDirectory = homeDirectory
        self.passphrase = passphrase
    }
}

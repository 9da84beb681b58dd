public import MIMESMIME

/// The keys that let the scanner look inside encrypted parts; none by default.
///
/// Without keys the scanner never decrypts and runs at parse speed; with them the keyed
/// rules (`CRY-PGP-MDCFAIL`, `CRY-SMIME-AEADFAIL`, `BC-REMOTE` inside decrypted content)
/// decrypt each encrypted part once, keep the plaintext in memory only for the scan, and
/// release nothing from a decryption that failed.
public struct ScanKeys: Sendable {
    /// An S/MIME recipient identity (private key and certificate).
    public var smimeIdentity: SMIMEIdentity?
    /// A GnuPG home directory holding secret keys (with no passphrase, or loopback-ready).
    public var gnupgHome: String?
    /// The passphrase for the GnuPG secret keys, if they have one.
    public var gnupgPassphrase: String?

    /// Keys from their parts.
    public init(smimeIdentity: SMIMEIdentity? = nil, gnupgHome: String? = nil, gnupgPassphrase: String? = nil) {
        self.smimeIdentity = smimeIdentity
        self.gnupgHome = gnupgHome
        self.gnupgPassphrase = gnupgPassphrase
    }

    /// Whether any key is present.
    public var isEmpty: Bool { smimeIdentity == nil && gnupgHome == nil }
}

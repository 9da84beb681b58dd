import ArgumentParser
import MIMEOpenPGP

/// The OpenPGP options every crypto command shares: the GnuPG home, and where the secret
/// key's passphrase is read from (GnuPG's loopback mode; no pinentry is ever started).
struct CryptoOpenPGPOptions: ParsableArguments {
    @Option(
        name: .customLong("gnupg-home"),
        help: ArgumentHelp("The GnuPG home directory (default: $GNUPGHOME, else ~/.gnupg).", valueName: "DIR"))
    var gnupgHome: String?

    @Option(
        name: .customLong("passphrase-file"),
        help: ArgumentHelp("A file whose first line is the passphrase of the OpenPGP secret key.", valueName: "FILE"))
    var passphraseFile: String?

    /// The context these options describe; a one-line error when the passphrase file
    /// cannot be read.
    func context() throws -> OpenPGPContext {
        guard let passphraseFile else { return OpenPGPContext(homeDirectory: gnupgHome) }
        let passphrase = try CryptoFiles.password(passphraseFile)
        // A wrong passphrase is not offered twice: GnuPG would ask again and again.
        return OpenPGPContext(homeDirectory: gnupgHome) { request in
            request.previousAttemptWasBad ? nil : passphrase
        }
    }

    /// A key named on the command line: an e-mail address (it has an `@`; `Name <addr>`
    /// is taken as `addr`), else a fingerprint.
    static func selector(_ argument: String) -> OpenPGPKeySelector {
        guard argument.contains("@") else { return .fingerprint(argument) }
        if let open = argument.lastIndex(of: "<"), let close = argument.lastIndex(of: ">"), open < close {
            return .email(String(argument[argument.index(after: open)..<close]))
        }
        return .email(argument)
    }
}

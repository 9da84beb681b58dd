import ArgumentParser
import MIMECrypto
import MIMEKit
import MIMEOpenPGP
import MIMESMIME

/// `mimekit verify`: checks every S/MIME and OpenPGP signature of a message (or of every
/// message in an mbox), opening encrypted layers when a key is at hand.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the S/MIME and OpenPGP signatures of a message.",
        discussion: """
            Checks multipart/signed (RFC 1847; application/pkcs7-signature, or \
            application/pgp-signature as in RFC 3156) over the exact bytes of the signed part, \
            and again over their CRLF form when they were stored with LF; application/pkcs7-mime \
            signed-data; and inline clear-signed OpenPGP text. S/MIME or OpenPGP is chosen from \
            the content type. OpenPGP keys come from the GnuPG home (--gnupg-home). With --key \
            or --p12, S/MIME encrypted layers are opened, and OpenPGP ones with the GnuPG home's \
            secret keys, and the signatures inside checked too. The exit status is 0 only when at least one \
            signature was checked and every one is valid (in an mbox: in every signed or encrypted \
            message). With --json, one JSON object per signed or encrypted message per line \
            (schema in README.md).
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var trust: CryptoTrustOptions
    @OptionGroup var keys: CryptoKeyOptions
    @OptionGroup var openpgp: CryptoOpenPGPOptions

    @Flag(help: "Print one JSON object per message, one per line.")
    var json = false

    func run() throws {
        let storage = try input.load()
        let smime = SMIMEBackend(verifier: try trust.verifier(), identities: try keys.identities())
        let unwrapper = MIMECryptoUnwrapper(backends: [smime, OpenPGPBackend(context: try openpgp.context())])
        var out = StandardOutput()
        var allValid = true
        var found = false
        MIMEParser.parseMessages(storage, options: input.parserOptions(for: storage)) { message in
            let layers = unwrapper.unwrap(message)
            // Messages of an mbox that are neither signed nor encrypted are skipped.
            guard !layers.isEmpty else { return }
            found = true
            allValid = allValid && CryptoReport.allValid(layers)
            if json {
                out.write(CryptoReport.message(index: message.index, layers: layers).serialized + "\n")
            } else {
                out.write(CryptoReport.text(layers))
            }
        }
        out.flush()
        guard found else {
            throw CLIError("\(input.file ?? "-"): not a signed message (no multipart/signed, application/pkcs7-mime, multipart/encrypted or inline PGP part)")
        }
        if !allValid { throw ExitCode.failure }
    }
}

import ArgumentParser
import MIMECrypto
import MIMEKit
import MIMESMIME

/// `mimekit verify`: checks every S/MIME signature of a message (or of every message in an
/// mbox), opening encrypted layers when a key is given.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the S/MIME signatures of a message.",
        discussion: """
            Checks multipart/signed (RFC 1847, application/pkcs7-signature) over the exact bytes \
            of the signed part, and again over their CRLF form when they were stored with LF; and \
            application/pkcs7-mime signed-data. With --key or --p12, encrypted layers are opened \
            and the signatures inside checked too. The exit status is 0 only when at least one \
            signature was checked and every one is valid (in an mbox: in every signed or encrypted \
            message). With --json, one JSON object per signed or encrypted message per line \
            (schema in README.md).
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var trust: CryptoTrustOptions
    @OptionGroup var keys: CryptoKeyOptions

    @Flag(help: "Print one JSON object per message, one per line.")
    var json = false

    func run() throws {
        let storage = try input.load()
        let backend = SMIMEBackend(verifier: try trust.verifier(), identities: try keys.identities())
        let unwrapper = MIMECryptoUnwrapper(backends: [backend])
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
            throw CLIError("\(input.file ?? "-"): not a signed message (no multipart/signed or application/pkcs7-mime part)")
        }
        if !allValid { throw ExitCode.failure }
    }
}

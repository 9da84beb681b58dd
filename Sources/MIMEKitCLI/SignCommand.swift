import ArgumentParser
import MIMECrypto
import MIMEKit
import MIMEOpenPGP
import MIMESMIME

/// `mimekit sign`: signs a message's content with S/MIME or OpenPGP, keeping its outer
/// header fields.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a message with S/MIME or OpenPGP.",
        discussion: """
            Signs the message's content (its Content-* header fields and body, in canonical form: \
            CRLF line ends, 8-bit parts re-encoded as quoted-printable or base64) and writes a new \
            message with the same outer header fields: multipart/signed with a detached signature \
            (RFC 8551 §3.5.3), or with --opaque application/pkcs7-mime signed-data. To sign then \
            encrypt: 'mimekit sign ... | mimekit encrypt ...'. With --openpgp, makes RFC 3156 \
            multipart/signed with an application/pgp-signature part, signed by the GnuPG home's \
            key for the From address, or for --signer. S/MIME is the default when --key or \
            --p12 is given.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var keys: CryptoKeyOptions
    @OptionGroup var openpgp: CryptoOpenPGPOptions

    @Flag(name: .customLong("openpgp"), help: "Sign with OpenPGP (RFC 3156) from the GnuPG home.")
    var useOpenPGP = false

    @Flag(name: .customLong("smime"), help: "Sign with S/MIME (the default when --key or --p12 is given).")
    var useSMIME = false

    @Option(help: ArgumentHelp("The OpenPGP key to sign with: an e-mail address or a fingerprint (default: the From address).", valueName: "KEY"))
    var signer: String?

    @Flag(help: "Make opaque signed-data (application/pkcs7-mime) instead of multipart/signed.")
    var opaque = false

    @Option(help: ArgumentHelp("The digest algorithm.", valueName: "sha256|sha384|sha512"))
    var digest: String = "sha256"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the signed message to FILE.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        if useOpenPGP && useSMIME { throw ValidationError("give --openpgp or --smime, not both") }
        if useOpenPGP {
            if !keys.isEmpty { throw ValidationError("--key and --p12 are S/MIME keys; --openpgp signs with the GnuPG home's keys") }
            if opaque { throw ValidationError("--opaque is S/MIME only") }
            return
        }
        if signer != nil { throw ValidationError("--signer goes with --openpgp") }
        if keys.isEmpty { throw ValidationError("signing needs --key KEY --cert CERT or --p12 P12 (S/MIME), or --openpgp") }
        if SMIMEDigestAlgorithm(rawValue: digest) == nil { throw ValidationError("--digest must be sha256, sha384 or sha512") }
    }

    func run() throws {
        let storage = try input.load()
        if useOpenPGP {
            let protector = OpenPGPMessageProtector(context: try openpgp.context())
            do {
                try CryptoFiles.write(
                    protector.sign(MIMEMessage(parsing: storage), signer: signer.map(CryptoOpenPGPOptions.selector)), to: output)
            } catch let error as OpenPGPError {
                throw CLIError("\(input.file ?? "-"): \(error.cryptoError.message)")
            }
            return
        }
        let identity = try keys.identity()
        let signer = SMIMEMessageSigner(signer: SMIMESigner(identities: [identity], digestAlgorithm: SMIMEDigestAlgorithm(rawValue: digest) ?? .sha256))
        let message = MIMEMessage(parsing: storage)
        do {
            try CryptoFiles.write(opaque ? signer.signOpaque(message) : signer.signDetached(message), to: output)
        } catch let error as CryptoError {
            throw CLIError("\(input.file ?? "-"): \(error.message)")
        }
    }
}

import ArgumentParser
import MIMECrypto
import MIMEKit
import MIMESMIME

/// `mimekit sign`: signs a message's content with S/MIME, keeping its outer header fields.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a message with S/MIME.",
        discussion: """
            Signs the message's content (its Content-* header fields and body, in canonical form: \
            CRLF line ends, 8-bit parts re-encoded as quoted-printable or base64) and writes a new \
            message with the same outer header fields: multipart/signed with a detached signature \
            (RFC 8551 §3.5.3), or with --opaque application/pkcs7-mime signed-data. To sign then \
            encrypt: 'mimekit sign ... | mimekit encrypt ...'.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var keys: CryptoKeyOptions

    @Flag(help: "Make opaque signed-data (application/pkcs7-mime) instead of multipart/signed.")
    var opaque = false

    @Option(help: ArgumentHelp("The digest algorithm.", valueName: "sha256|sha384|sha512"))
    var digest: String = "sha256"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the signed message to FILE.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        if keys.isEmpty { throw ValidationError("signing needs --key KEY --cert CERT or --p12 P12") }
        if SMIMEDigestAlgorithm(rawValue: digest) == nil { throw ValidationError("--digest must be sha256, sha384 or sha512") }
    }

    func run() throws {
        let storage = try input.load()
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

import ArgumentParser
import MIMECrypto
import MIMEKit
import MIMESMIME

/// `mimekit encrypt`: encrypts a message's content with S/MIME to one or more recipients,
/// keeping its outer header fields.
struct EncryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encrypt",
        abstract: "Encrypt a message with S/MIME.",
        discussion: """
            Encrypts the message's content (its Content-* header fields and body, in canonical \
            form) to every --cert and writes a new message with the same outer header fields: \
            application/pkcs7-mime authEnveloped-data with AES-256-GCM (RFC 8551 §3.3, RFC 5083), \
            or with --cbc enveloped-data with AES-256-CBC for recipients that cannot read \
            authEnveloped-data (gpgsm 2.2, older clients); CBC is not integrity-protected.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("cert"), help: ArgumentHelp("A recipient's PEM certificate; repeat for several recipients.", valueName: "CERT"))
    var certificates: [String] = []

    @Flag(help: "Use AES-256-CBC enveloped-data instead of AES-256-GCM authEnveloped-data.")
    var cbc = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the encrypted message to FILE.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        if certificates.isEmpty { throw ValidationError("encrypting needs at least one --cert CERT") }
    }

    func run() throws {
        let storage = try input.load()
        var recipients: [SMIMECertificate] = []
        for path in certificates {
            do {
                recipients.append(try SMIMECertificate(pem: CryptoFiles.read(path)))
            } catch let error as CryptoError {
                throw CLIError("\(path): \(error.message)")
            }
        }
        let encryptor = SMIMEMessageEncryptor(encryptor: SMIMEEncryptor(recipients: recipients, algorithm: cbc ? .aes256CBC : .aes256GCM))
        do {
            try CryptoFiles.write(encryptor.encrypt(MIMEMessage(parsing: storage)), to: output)
        } catch let error as CryptoError {
            throw CLIError("\(input.file ?? "-"): \(error.message)")
        }
    }
}

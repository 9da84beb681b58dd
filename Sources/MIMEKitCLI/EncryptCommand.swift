import ArgumentParser
import MIMECrypto
import MIMEKit
import MIMEOpenPGP
import MIMESMIME

/// `mimekit encrypt`: encrypts a message's content with S/MIME or OpenPGP to one or more
/// recipients, keeping its outer header fields.
struct EncryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encrypt",
        abstract: "Encrypt a message with S/MIME or OpenPGP.",
        discussion: """
            Encrypts the message's content (its Content-* header fields and body, in canonical \
            form) to every --cert and writes a new message with the same outer header fields: \
            application/pkcs7-mime authEnveloped-data with AES-256-GCM (RFC 8551 §3.3, RFC 5083), \
            or with --cbc enveloped-data with AES-256-CBC for recipients that cannot read \
            authEnveloped-data (gpgsm 2.2, older clients); CBC is not integrity-protected. \
            With --openpgp, makes RFC 3156 multipart/encrypted to the GnuPG home's keys for the \
            To, Cc and Bcc addresses plus the From address (so the sent copy stays readable), or \
            for every --recipient; --sign signs inside the encryption (RFC 3156 §6.2) with the \
            key for the From address, or --signer.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("cert"), help: ArgumentHelp("A recipient's PEM certificate; repeat for several recipients.", valueName: "CERT"))
    var certificates: [String] = []

    @Flag(help: "Use AES-256-CBC enveloped-data instead of AES-256-GCM authEnveloped-data.")
    var cbc = false

    @OptionGroup var openpgp: CryptoOpenPGPOptions

    @Flag(name: .customLong("openpgp"), help: "Encrypt with OpenPGP (RFC 3156) to keys of the GnuPG home.")
    var useOpenPGP = false

    @Flag(name: .customLong("smime"), help: "Encrypt with S/MIME (the default when --cert is given).")
    var useSMIME = false

    @Option(name: .customLong("recipient"), help: ArgumentHelp("An OpenPGP recipient: an e-mail address or a fingerprint; repeat for several (default: To, Cc, Bcc and From).", valueName: "KEY"))
    var recipients: [String] = []

    @Flag(help: "Also sign, inside the encryption (OpenPGP only).")
    var sign = false

    @Option(help: ArgumentHelp("The OpenPGP key to sign with, for --sign (default: the From address).", valueName: "KEY"))
    var signer: String?

    @Flag(name: .customLong("always-trust"), help: "Encrypt to OpenPGP keys even without a trust path in the keyring.")
    var alwaysTrust = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the encrypted message to FILE.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        if useOpenPGP && useSMIME { throw ValidationError("give --openpgp or --smime, not both") }
        if useOpenPGP {
            if !certificates.isEmpty { throw ValidationError("--cert is an S/MIME recipient; use --recipient with --openpgp") }
            if cbc { throw ValidationError("--cbc is S/MIME only") }
            return
        }
        if !recipients.isEmpty || sign || signer != nil || alwaysTrust {
            throw ValidationError("--recipient, --sign, --signer and --always-trust go with --openpgp")
        }
        if certificates.isEmpty { throw ValidationError("encrypting needs at least one --cert CERT (S/MIME), or --openpgp") }
    }

    func run() throws {
        let storage = try input.load()
        if useOpenPGP {
            let protector = OpenPGPMessageProtector(context: try openpgp.context(), trustAllRecipients: alwaysTrust)
            do {
                try CryptoFiles.write(
                    protector.encrypt(
                        MIMEMessage(parsing: storage),
                        recipients: recipients.isEmpty ? nil : recipients.map(CryptoOpenPGPOptions.selector),
                        signing: sign || signer != nil, signer: signer.map(CryptoOpenPGPOptions.selector)),
                    to: output)
            } catch let error as OpenPGPError {
                throw CLIError("\(input.file ?? "-"): \(error.cryptoError.message)")
            }
            return
        }
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

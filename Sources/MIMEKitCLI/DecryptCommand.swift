import ArgumentParser
import MIMECrypto
import MIMEKit
import MIMESMIME

/// `mimekit decrypt`: decrypts an S/MIME message and writes the message with its content in
/// clear, or with `--json` a report of the decryption and of the signatures inside.
struct DecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Decrypt an S/MIME message.",
        discussion: """
            Decrypts the first application/pkcs7-mime enveloped-data or authEnveloped-data part \
            and writes the message with that part replaced by its plaintext; a message that was \
            encrypted as a whole keeps its outer header fields (From, To, Subject, Date...). \
            The output can be piped to 'mimekit verify' when the content was signed. With --json, \
            prints a report instead (and still writes the message when -o is given). The exit \
            status is 0 only when the decryption succeeded.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var keys: CryptoKeyOptions
    @OptionGroup var trust: CryptoTrustOptions

    @Flag(help: "Print a JSON report on one line instead of the message.")
    var json = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the decrypted message to FILE.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        if keys.isEmpty { throw ValidationError("decrypting needs --key KEY [--cert CERT] or --p12 P12") }
    }

    func run() throws {
        let storage = try input.load()
        let message = MIMEMessage(parsing: storage)
        guard let entity = message.entities.first(where: { SMIMEEntityKind($0)?.role == .encrypted }) else {
            throw CLIError("\(input.file ?? "-"): not an encrypted message (no application/pkcs7-mime enveloped-data part)")
        }
        let backend = SMIMEBackend(verifier: try trust.verifier(), identities: [try keys.identity()])
        let decrypted: DecryptedEntity
        switch Result(catching: { () throws(CryptoError) in try backend.decrypt(entity) }) {
        case .success(let value):
            decrypted = value
        case .failure(let error) where json:
            try CryptoFiles.write(Array((JSONValue.object([
                ("decrypted", .bool(false)), ("part", .string(entity.id)), ("error", CryptoReport.error(error)),
            ]).serialized + "\n").utf8), to: nil)
            throw ExitCode.failure
        case .failure(let error):
            throw CLIError("\(input.file ?? "-"): \(error.message)")
        }
        let plaintext = Self.splice(decrypted.content.storage.all.bytes, into: message, replacing: entity)
        if json {
            let inner = MIMECryptoUnwrapper(backends: [backend]).unwrap(MIMEMessage(bytes: plaintext))
            let report = JSONValue.object(
                [("decrypted", .bool(true)), ("part", .string(entity.id))]
                    + CryptoReport.decryption(decrypted.info)
                    + [("layers", .array(inner.map(CryptoReport.layer))), ("error", .null)]
            )
            try CryptoFiles.write(Array((report.serialized + "\n").utf8), to: nil)
            if let output { try CryptoFiles.write(plaintext, to: output) }
        } else {
            try CryptoFiles.write(plaintext, to: output)
        }
    }

    /// `message` with `entity` replaced by `plaintext`. For the root, the plaintext takes the
    /// place of the content header fields and body, and the other header fields stay, with
    /// CRLF line ends.
    static func splice(_ plaintext: [UInt8], into message: MIMEMessage, replacing entity: MIMEEntity) -> [UInt8] {
        let all = message.storage.all
        let offsets = entity.offsets
        guard entity.parent == nil else {
            return Array(all[all.startIndex..<offsets.start]) + plaintext + Array(all[offsets.end..<all.endIndex])
        }
        // The plaintext is canonical (CRLF), so the outer fields are made CRLF too.
        var output: [UInt8] = []
        for field in entity.headers where !field.name.lowercased().hasPrefix("content-") {
            output += SMIMECanonicalization.crlf(field.raw.bytes)
            if output.last != UInt8(ascii: "\n") { output += [0x0D, 0x0A] }
        }
        return output + plaintext
    }
}

import ArgumentParser
import MIMECrypto
import MIMEKit
import MIMEOpenPGP
import MIMESMIME

/// `mimekit decrypt`: decrypts an S/MIME or OpenPGP message and writes the message with its
/// content in clear, or with `--json` a report of the decryption and of the signatures inside.
struct DecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Decrypt an S/MIME or OpenPGP message.",
        discussion: """
            Decrypts the first encrypted part (application/pkcs7-mime enveloped-data or \
            authEnveloped-data with --key or --p12; RFC 3156 multipart/encrypted or an inline \
            PGP MESSAGE with the secret keys of the GnuPG home) and writes the message with \
            that part replaced by its plaintext; a message that was \
            encrypted as a whole keeps its outer header fields (From, To, Subject, Date...). \
            The output can be piped to 'mimekit verify' when the content was signed. With --json, \
            prints a report instead (and still writes the message when -o is given). The exit \
            status is 0 only when the decryption succeeded. An OpenPGP message without integrity \
            protection (no MDC, as EFAIL exploits) is refused unless --allow-no-mdc is given.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var keys: CryptoKeyOptions
    @OptionGroup var trust: CryptoTrustOptions
    @OptionGroup var openpgp: CryptoOpenPGPOptions

    @Flag(name: .customLong("allow-no-mdc"), help: "Decrypt an OpenPGP message even without integrity protection (unsafe).")
    var allowNoMDC = false

    @Flag(help: "Print a JSON report on one line instead of the message.")
    var json = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the decrypted message to FILE.", valueName: "FILE"))
    var output: String?

    func run() throws {
        let storage = try input.load()
        let message = MIMEMessage(parsing: storage)
        let smime = SMIMEBackend(verifier: try trust.verifier(), identities: try keys.identities())
        let pgp = OpenPGPBackend(context: try openpgp.context(), allowMissingIntegrityProtection: allowNoMDC)
        let backends: [any MIMECryptoBackend] = [smime, pgp]
        guard
            let (entity, backend) = message.entities.lazy.compactMap({ entity in
                backends.first { $0.role(of: entity) == .encrypted }.map { (entity, $0) }
            }).first
        else {
            throw CLIError(
                "\(input.file ?? "-"): not an encrypted message (no application/pkcs7-mime enveloped-data, "
                    + "multipart/encrypted or inline PGP MESSAGE part)")
        }
        if backend.name == smime.name, keys.isEmpty {
            throw CLIError("\(input.file ?? "-"): part \(entity.id) is S/MIME: decrypting needs --key KEY [--cert CERT] or --p12 P12")
        }
        let decrypted: DecryptedEntity
        switch Result(catching: { () throws(CryptoError) in try backend.decrypt(entity) }) {
        case .success(let value):
            decrypted = value
        case .failure(let error) where json:
            try CryptoFiles.write(Array((JSONValue.object([
                ("decrypted", .bool(false)), ("part", .string(entity.id)), ("backend", .string(backend.name)),
            ] + (backend.encryptionInfo(of: entity).map(CryptoReport.decryption) ?? []) + [
                ("error", CryptoReport.error(error)),
            ]).serialized + "\n").utf8), to: nil)
            throw ExitCode.failure
        case .failure(let error):
            let hint = error.message.hasPrefix(OpenPGPError.Code.integrityProtectionMissing.rawValue) ? " (--allow-no-mdc decrypts it anyway: unsafe)" : ""
            throw CLIError("\(input.file ?? "-"): \(error.message)\(hint)")
        }
        let plaintext = Self.splice(decrypted.content.storage.all.bytes, into: message, replacing: entity)
        if json {
            let inner = MIMECryptoUnwrapper(backends: backends).unwrap(MIMEMessage(bytes: plaintext))
            let report = JSONValue.object(
                [("decrypted", .bool(true)), ("part", .string(entity.id)), ("backend", .string(backend.name))]
                    + CryptoReport.decryption(decrypted.info)
                    + CryptoReport.inPassSignatures(decrypted)
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

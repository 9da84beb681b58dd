import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import MIMEKit

/// `mimekit extract`: writes decoded parts to files.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Write decoded parts of a message to files.",
        discussion: """
            Writes every leaf part (or those chosen with --part, or only attachments with \
            --attachments) into DIR, transfer-decoded, under the file name the message gives, \
            made safe: it never leaves DIR, never names a device or hidden file, and an \
            existing file is never overwritten (a -1, -2... suffix is added) unless --force. \
            Parts without a name get part-ID.EXT. Prints one line per file: the part's section \
            number, a tab, and the path. With an mbox, each message's parts go into DIR/N/.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("part"), help: "A part to write, by IMAP section number (repeatable).")
    var parts: [String] = []

    @Flag(help: "Write only attachments (parts marked attachment or naming a file).")
    var attachments = false

    @Option(name: .shortAndLong, help: "The directory to write into (created if missing).")
    var output: String

    @Flag(help: "Overwrite existing files instead of choosing a new name.")
    var force = false

    func run() throws {
        let source = try input.source()
        var out = StandardOutput()
        var missing = Set(parts)
        // Parts go into `output` when the input holds one message, into `output/N` for message
        // N when it holds more. So the first message waits for the second to tell which; no
        // other message is kept once its parts are written, and memory does not grow with the
        // input (all of them were kept until the end once: 1.29 GB resident for a 1 GB mbox).
        var first: MIMEMessage?
        var count = 0
        _ = try source.forEachMessage { message, _ in
            if count == 0 {
                first = message
            } else {
                if let waiting = first {
                    try extract(waiting, into: "\(output)/0", missing: &missing, &out)
                    first = nil
                }
                try extract(message, into: "\(output)/\(count)", missing: &missing, &out)
            }
            count += 1
        }
        if let only = first { try extract(only, into: output, missing: &missing, &out) }
        out.flush()
        if let id = missing.sorted().first { throw CLIError("no part \(id) in the message") }
    }

    /// Writes the selected parts of `message` into `directory`, one line each on `out`.
    private func extract(_ message: MIMEMessage, into directory: String, missing: inout Set<String>,
                         _ out: inout StandardOutput) throws {
        for entity in message.entities where selected(entity) {
            missing.remove(entity.id)
            guard entity.kind != .multipart else {
                throw CLIError("part \(entity.id) is a multipart; choose its parts")
            }
            try makeDirectory(directory)
            let path = try write(entity, into: directory)
            out.write("\(entity.id)\t\(path)\n")
        }
    }

    private func selected(_ entity: MIMEEntity) -> Bool {
        if !parts.isEmpty { return parts.contains(entity.id) }
        if attachments { return entity.isAttachment }
        return entity.isLeaf
    }

    /// Creates the file with `O_EXCL` (or truncates it with --force), never following a
    /// symbolic link, and streams the decoded body into it.
    private func write(_ entity: MIMEEntity, into directory: String) throws -> String {
        let name = entity.fileName.flatMap(SafeFileName.make) ?? "part-\(entity.id)\(Self.defaultExtension(entity.contentType))"
        var attempt = 0
        while true {
            let candidate = attempt == 0 ? name : Self.numbered(name, attempt)
            let path = "\(directory)/\(candidate)"
            let flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (force ? O_TRUNC : O_EXCL)
            let fd = open(path, flags, 0o644)
            if fd < 0 {
                if errno == EEXIST && !force && attempt < 10_000 {
                    attempt += 1
                    continue
                }
                throw CLIError("\(path): \(String(cString: strerror(errno)))")
            }
            defer { close(fd) }
            var failure: Int32 = 0
            entity.decodeBody { bytes in
                var offset = 0
                while failure == 0 && offset < bytes.count {
                    let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                    if n < 0 {
                        if errno != EINTR { failure = errno }
                    } else {
                        offset += n
                    }
                }
            }
            if failure != 0 { throw CLIError("\(path): \(String(cString: strerror(failure)))") }
            return path
        }
    }

    private func makeDirectory(_ path: String) throws {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0 && errno != EEXIST {
                throw CLIError("\(partial): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// `name-N.ext` for the Nth try.
    static func numbered(_ name: String, _ n: Int) -> String {
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return "\(name[..<dot])-\(n)\(name[dot...])"
        }
        return "\(name)-\(n)"
    }

    static func defaultExtension(_ type: ContentType) -> String {
        switch type.mimeType {
        case "text/plain": ".txt"
        case "text/html": ".html"
        case "text/calendar": ".ics"
        case "image/png": ".png"
        case "image/jpeg": ".jpg"
        case "image/gif": ".gif"
        case "application/pdf": ".pdf"
        case "message/rfc822", "message/global": ".eml"
        case "application/pgp-signature", "application/pgp-encrypted": ".asc"
        case "application/pkcs7-signature", "application/x-pkcs7-signature": ".p7s"
        case "application/pkcs7-mime", "application/x-pkcs7-mime": ".p7m"
        default: ".bin"
        }
    }
}

import MIMEKit

/// The input of a reading command as plain values: what `InputOptions` holds behind
/// swift-argument-parser's property wrappers, for the commands `QuickCommandLine` makes
/// without building those wrappers.
struct InputSelection: Sendable {
    /// A message, an mbox, a Maildir or a directory of .eml files; nil or "-" for standard input.
    var file: String?
    /// Read files as mboxes.
    var mbox: Bool
    /// In an mbox, end a message where its Content-Length says, when that checks out.
    var respectContentLength: Bool

    /// The messages to read.
    func source() throws -> MessageSource {
        try MessageSource(path: file == nil || file == "-" ? nil : file, forceMbox: mbox,
                          respectContentLength: respectContentLength)
    }

    /// The input's bytes, for commands that read one file (not a directory).
    func load() throws -> ByteStorage {
        let source = try source()
        guard !source.isDirectory, let input = source.inputs.first else {
            throw CLIError("\(file ?? "-"): a directory; this command reads one file")
        }
        return try source.load(input)
    }

    /// Parser options for `storage`: an mbox with `--mbox` or when it starts with `From `;
    /// Content-Length used with `--respect-content-length`.
    func parserOptions(for storage: ByteStorage) -> MIMEParserOptions {
        InputOptions.parserOptions(for: storage, forceMbox: mbox, respectContentLength: respectContentLength)
    }
}

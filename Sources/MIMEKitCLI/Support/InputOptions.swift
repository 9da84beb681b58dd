import ArgumentParser
import MIMEKit

/// The input every reading command takes: a message or mbox file, a Maildir, a directory
/// of `.eml` files, or standard input.
struct InputOptions: ParsableArguments {
    @Argument(help: "A message, an mbox, a Maildir or a directory of .eml files; '-' or nothing for standard input.")
    var file: String?

    @Flag(help: "Read files as mboxes (detected anyway when a file starts with 'From ').")
    var mbox = false

    @Flag(help: ArgumentHelp(
        "In an mbox, end a message where its Content-Length says when that lands on a From line or the end of the input.",
        discussion: "Off by default, as in GMime and MimeKit. From lines inside such a message stay in its body; a Content-Length that does not check out is ignored (From lines split as usual) with an mboxContentLengthIgnored warning."))
    var respectContentLength = false

    /// The same values without the property wrappers.
    var selection: InputSelection {
        InputSelection(file: file, mbox: mbox, respectContentLength: respectContentLength)
    }

    /// The messages to read.
    func source() throws -> MessageSource { try selection.source() }

    /// The input's bytes, for commands that read one file (not a directory).
    func load() throws -> ByteStorage { try selection.load() }

    /// Parser options for `storage`: an mbox with `--mbox` or when it starts with `From `;
    /// Content-Length used with `--respect-content-length`.
    func parserOptions(for storage: ByteStorage) -> MIMEParserOptions { selection.parserOptions(for: storage) }

    static func parserOptions(for storage: ByteStorage, forceMbox: Bool, respectContentLength: Bool = false) -> MIMEParserOptions {
        var options = MIMEParserOptions()
        options.mbox = forceMbox || MIMEParser.looksLikeMbox(storage)
        options.respectContentLength = respectContentLength
        return options
    }
}

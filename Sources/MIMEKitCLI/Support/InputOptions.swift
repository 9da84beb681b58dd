import ArgumentParser
import MIMEKit

/// The input every reading command takes: a message or mbox file, a Maildir, a directory
/// of `.eml` files, or standard input.
struct InputOptions: ParsableArguments {
    @Argument(help: "A message, an mbox, a Maildir or a directory of .eml files; '-' or nothing for standard input.")
    var file: String?

    @Flag(help: "Read files as mboxes (detected anyway when a file starts with 'From ').")
    var mbox = false

    /// The messages to read.
    func source() throws -> MessageSource {
        try MessageSource(path: file == nil || file == "-" ? nil : file, forceMbox: mbox)
    }
}

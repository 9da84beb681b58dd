import ArgumentParser
import MIMEKit

/// `mimekit dump`: the part tree of each message, for people or (with `--json`) for tools.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Show the part tree of a message or of every message in an mbox.",
        discussion: """
            For each part: its section number (IMAP, RFC 3501), content type and parameters, \
            transfer encoding, disposition and file name, and decoded size; then what the \
            parser noticed about malformed input. With --json, one JSON object per message \
            per line (schema in README.md).
            """
    )

    @OptionGroup var input: InputOptions

    @Flag(help: "Print one JSON object per message, one per line.")
    var json = false

    func run() throws {
        let source = try input.source()
        var out = StandardOutput()
        var index = 0
        let failures = try source.forEachMessage { message, input in
            let file = source.fileName(of: input)
            if json {
                out.write(EntityJSON.message(message, index: index, file: file).serialized)
                out.write("\n")
            } else {
                out.write(DumpText.message(message, index: index, file: file))
            }
            index += 1
        }
        out.flush()
        if failures > 0 { throw ExitCode(1) }
    }
}

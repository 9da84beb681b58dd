import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import MIMEKit

/// The input every reading command takes: a file, or standard input.
struct InputOptions: ParsableArguments {
    @Argument(help: "The message or mbox to read; '-' or nothing for standard input.")
    var file: String?

    @Flag(help: "Read an mbox (detected anyway when the input starts with 'From ').")
    var mbox = false

    /// The input's bytes: a read-only map of a file, or standard input read to its end.
    func load() throws -> ByteStorage {
        if file == nil || file == "-" {
            do {
                return try ByteStorage(readingToEndOf: STDIN_FILENO, name: "standard input")
            } catch {
                throw CLIError(error.description)
            }
        }
        do {
            return try ByteStorage(contentsOfFile: file!)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Parser options for this input.
    func parserOptions(for storage: ByteStorage) -> MIMEParserOptions {
        var options = MIMEParserOptions()
        options.mbox = mbox || MIMEParser.looksLikeMbox(storage)
        return options
    }
}

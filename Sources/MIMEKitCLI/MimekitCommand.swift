public import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The `mimekit` command: one subcommand a file in this module.
public struct MimekitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mimekit",
        abstract: "Read, check and build Internet mail messages.",
        subcommands: [
            DumpCommand.self, StatCommand.self, ExtractCommand.self,
            VerifyCommand.self, DecryptCommand.self, SignCommand.self, EncryptCommand.self,
            ScanCommand.self,
        ]
    )

    public init() {}
}

extension MimekitCommand {
    /// Parses the command line and runs the subcommand, like `main()`, except that a command
    /// line `mimekit scan` cannot parse exits with status 2 rather than the usual 64: mail
    /// pipelines rely on scan's contract of 0 (clean), 1 (findings), 2 (error).
    public static func runFromCommandLine() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            // `stat` and `scan` with plain options skip swift-argument-parser's ~2 ms of
            // reflection and its property wrappers (see `QuickCommandLine`); every other
            // command line goes to it.
            if let quick = QuickCommandLine.command(arguments) {
                try quick.run()
            } else {
                var command = try parseAsRoot(arguments)
                try command.run()
            }
        } catch {
            if arguments.first == "scan" && exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error) + "\n"
                _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

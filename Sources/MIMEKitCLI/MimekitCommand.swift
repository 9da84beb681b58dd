public import ArgumentParser

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

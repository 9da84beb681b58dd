import ArgumentParser
import Testing
@testable import MIMEKitCLI

/// `QuickCommandLine` against swift-argument-parser: whatever command line it takes, it must
/// make the very settings the command swift-argument-parser makes would run with, and leave
/// every other one to it.
@Suite struct QuickCommandLineTests {
    /// Every stored value of a command's settings, as `dump` writes them.
    static func described(_ settings: Any) -> String {
        var text = ""
        dump(settings, to: &text)
        return text
    }

    /// The settings of a command swift-argument-parser made.
    static func settings(of command: any ParsableCommand) -> (any QuickCommandLine.Command)? {
        switch command {
        case let stat as StatCommand: stat.settings
        case let scan as ScanCommand: scan.settings
        default: nil
        }
    }

    /// Command lines the quick path takes: each must equal swift-argument-parser's result.
    static let taken: [[String]] = [
        ["stat"],
        ["stat", "-"],
        ["stat", "mail.mbox"],
        ["stat", "--json", "mail.mbox"],
        ["stat", "mail.mbox", "--quiet", "--jobs", "3"],
        ["stat", "--jobs=1", "--json", "--quiet", "--mbox", "--respect-content-length", "dir"],
        ["stat", "--jobs", "+2", "x.eml"],
        ["stat", "help"],
        ["scan", "stat"],
        ["scan"],
        ["scan", "-"],
        ["scan", "--json", "-"],
        ["scan", "--add-header", "--fail-on", "medium"],
        ["scan", "--fail-on=critical", "--jobs", "2", "--json", "archive.mbox"],
        ["scan", "--disable", "ef-de-nonroot", "--disable=re-replyto,bc-remote-mailto", "m.eml"],
        ["scan", "--smime-key", "k.pem", "--smime-cert", "c.pem", "--smime-password", "pw", "m.eml"],
        ["scan", "--smime-p12", "id.p12", "--gnupg-home", "/tmp/gnupg", "--list-rules"],
        ["scan", "--mbox", "--respect-content-length", "--fail-on", "nonsense", "x"],
        ["scan", "--jobs", "0", "x"],
    ]

    /// Command lines left to swift-argument-parser (which parses some of them, and refuses
    /// others with its usual message).
    static let left: [[String]] = [
        [],
        ["dump", "m.eml"],
        ["stat", "--help"],
        ["stat", "-h"],
        ["scan", "--version"],
        ["stat", "--", "--json"],
        ["stat", "a", "b"],
        ["stat", "--json", "--json"],
        ["stat", "--jobs", "2", "--jobs", "3"],
        ["stat", "--jobs"],
        ["stat", "--jobs", "two"],
        ["stat", "--jobs", "-1"],
        ["stat", "--jobs", "0"],
        ["stat", "--json=yes"],
        ["stat", "--unknown"],
        ["stat", "-x"],
        ["scan", "--fail-on="],
        ["scan", "--fail-on", "-"],
        ["scan", "--list-rules", "--list-rules"],
        ["scan", "--add-header", "-j", "2"],
        ["scan", "-mbox"],
        ["help", "scan"],
    ]

    @Test(arguments: taken)
    func makesTheCommandSwiftArgumentParserMakes(_ arguments: [String]) throws {
        let quick = try #require(QuickCommandLine.command(arguments), "not taken: \(arguments)")
        let parsed = try #require(Self.settings(of: try MimekitCommand.parseAsRoot(arguments)))
        #expect(type(of: quick) == type(of: parsed))
        #expect(Self.described(quick) == Self.described(parsed))
    }

    @Test(arguments: left)
    func leavesTheRestToSwiftArgumentParser(_ arguments: [String]) {
        #expect(QuickCommandLine.command(arguments) == nil)
    }

    /// The default of `--jobs` is the machine's cores, as swift-argument-parser's default.
    @Test func jobsDefaultsToTheCores() throws {
        let command = try #require(QuickCommandLine.command(["stat", "m.eml"]) as? StatCommand.Settings)
        #expect(command.jobs == System.coreCount)
        #expect(command.input.file == "m.eml")
    }
}

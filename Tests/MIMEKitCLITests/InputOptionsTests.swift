import Foundation
import Testing

/// `--respect-content-length`: offered by every command that reads input, passed to the
/// parser, and cut the same way by one thread and by `--jobs` stripes.
@Suite("--respect-content-length", .serialized)
final class RespectContentLengthTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mimekit-clen-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    static let fromInBody = "hello\nFrom the start of a line in the body\nTo: everyone\n\nbye\n"

    /// One mbox message whose body is `body` and whose Content-Length is `length(body bytes,
    /// trailer bytes)` (none when nil), with `ending` line endings and a blank line after it.
    static func message(_ n: Int, body: String, ending: String, length: ((Int, Int) -> Int)?) -> String {
        let body = body.replacingOccurrences(of: "\n", with: ending)
        var header = ["From sender\(n)@example.org Sun Nov 29 10:00:00 2026", "Subject: message \(n)"]
        if let length { header.append("Content-Length: \(length(body.utf8.count, ending.utf8.count))") }
        return header.joined(separator: ending) + ending + ending + body + ending
    }

    /// `rounds` times four messages: a valid Content-Length over a `From ` line (2 messages
    /// without the flag, 1 with it), one pointing mid-line (2 and 2, with a warning), none
    /// (1 and 1), and one counting the blank line after a body with two `From ` lines (3
    /// and 1). The same shapes as `MboxContentLengthCase`'s `validProtectsFromLine`,
    /// `midLine` and `validCountingTheTrailer`, whose counts were checked against Python's
    /// `mailbox.mbox` and GMime. Returns the path and the counts without and with the flag.
    func mbox(rounds: Int, ending: String) throws -> (path: String, off: Int, on: Int, ignored: Int) {
        var text = ""
        for round in 0..<rounds {
            let n = round * 4
            text += Self.message(n, body: Self.fromInBody, ending: ending) { b, _ in b }
            text += Self.message(n + 1, body: Self.fromInBody, ending: ending) { b, _ in b - 3 }
            text += Self.message(n + 2, body: "plain \(round)\n", ending: ending, length: nil)
            text += Self.message(n + 3, body: Self.fromInBody + Self.fromInBody, ending: ending) { b, t in b + t }
        }
        let path = root.appendingPathComponent("clen-\(ending.utf8.count).mbox").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (path, rounds * 8, rounds * 5, rounds)
    }

    @Test(arguments: ["dump", "stat", "extract", "scan", "verify", "decrypt", "sign", "encrypt"])
    func everyReadingCommandTakesTheFlag(_ command: String) throws {
        let run = try CLITestSupport.run([command, "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("--respect-content-length"))
    }

    @Test(arguments: ["\n", "\r\n"])
    func dumpKeepsAFromLineThatContentLengthCovers(_ ending: String) throws {
        let valid = Self.message(0, body: Self.fromInBody, ending: ending) { b, _ in b }
            + Self.message(1, body: "last\n", ending: ending, length: nil)
        let off = try CLITestSupport.run(["dump", "--json", "-"], stdin: Array(valid.utf8))
        let on = try CLITestSupport.run(["dump", "--json", "--respect-content-length", "-"], stdin: Array(valid.utf8))
        #expect(off.status == 0 && on.status == 0)
        #expect(off.stdout.split(separator: "\n").count == 3)
        #expect(on.stdout.split(separator: "\n").count == 2)
        #expect(!on.stdout.contains("mboxContentLengthIgnored"))

        let wrong = Self.message(0, body: Self.fromInBody, ending: ending) { b, _ in b - 3 }
            + Self.message(1, body: "last\n", ending: ending, length: nil)
        let ignored = try CLITestSupport.run(["dump", "--json", "--respect-content-length", "-"], stdin: Array(wrong.utf8))
        #expect(ignored.stdout.split(separator: "\n").count == 3)
        #expect(ignored.stdout.contains("\"code\":\"mboxContentLengthIgnored\""))
    }

    @Test(arguments: ["\n", "\r\n"])
    func statWithTheFlagIsTheSameForAnyJobs(_ ending: String) throws {
        let (path, off, on, ignored) = try mbox(rounds: 60, ending: ending)
        for (flag, count) in [([String](), off), (["--respect-content-length"], on)] {
            let arguments = ["stat", "--json", "--quiet"] + flag + [path]
            let one = try CLITestSupport.run(arguments + ["--jobs", "1"])
            let four = try CLITestSupport.run(arguments + ["--jobs", "4"])
            // Stripes of about 5000 bytes: dozens of cuts, many of them by Content-Length.
            let striped = try CLITestSupport.run(arguments + ["--jobs", "4"], environment: ["MIMEKIT_STRIPE_BYTES": "5000"])
            for run in [one, four, striped] {
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.stderr.isEmpty, "\(run.stderr)")
            }
            #expect(one.stdout == four.stdout)
            #expect(one.stdout == striped.stdout)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
            #expect(object["messages"] as? Int == count)
            let diagnostics = object["diagnostics"] as? [String: Int] ?? [:]
            #expect(diagnostics["mboxContentLengthIgnored"] == (flag.isEmpty ? nil : ignored))
        }
    }
}

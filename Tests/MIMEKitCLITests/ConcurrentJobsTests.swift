import Foundation
import Testing

/// `stat` and `scan` with several `--jobs` against one job, on a generated mbox (split and
/// parsed by several threads) and on a Maildir (one file a thread), with and without keys
/// (S/MIME and OpenPGP decryption on several threads with one identity and one GnuPG home).
///
/// Beyond the same output, each run must be clean: status as expected and nothing on
/// stderr, so a thread sanitizer report from the `mimekit` that `make tsan` builds fails
/// the test it shows up in.
@Suite("--jobs gives the same result as one job", .serialized)
final class ConcurrentJobsTests {
    let root: URL
    let gnupg: GnuPGHome
    static let keys = CLITestSupport.corpus.appendingPathComponent("keys")
    static let efail = CLITestSupport.corpus.appendingPathComponent("efail")

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mimekit-jobs-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        gnupg = try GnuPGHome()
        try gnupg.gpg(["--import", Self.keys.appendingPathComponent("alice.gpg.sec.asc").path])
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The messages of the project's corpora: the EFAIL set (encrypted and signed parts of
    /// every kind), the RFC samples and the malformed ones.
    static var messages: [[UInt8]] {
        get throws {
            var files = CLITestSupport.corpusMessages.filter { $0.pathExtension == "eml" }
            let efail = try FileManager.default.contentsOfDirectory(atPath: efail.path).filter { $0.hasSuffix(".eml") }.sorted()
            files += efail.map { Self.efail.appendingPathComponent($0) }
            return try files.map { Array(try Data(contentsOf: $0)) }
        }
    }

    /// An mbox of `rounds` copies of every corpus message, `From ` lines in bodies quoted
    /// the mboxrd way; returns its path and how many messages it holds.
    func mbox(rounds: Int) throws -> (String, Int) {
        var out: [UInt8] = []
        var count = 0
        let messages = try Self.messages
        for _ in 0..<rounds {
            for message in messages {
                // A message that already starts with a From line keeps it as its separator.
                var lines = message.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                if lines.first?.starts(with: Array("From ".utf8)) != true {
                    out += Array("From corpus@example.org Mon Jan  1 00:00:00 2024\n".utf8)
                } else {
                    out += lines.removeFirst() + [0x0A]
                }
                if lines.last == [] { lines.removeLast() }
                for line in lines {
                    let unquoted = line.drop { $0 == UInt8(ascii: ">") }
                    if unquoted.starts(with: Array("From ".utf8)) { out.append(UInt8(ascii: ">")) }
                    out += line + [0x0A]
                }
                out += Array("\n".utf8)
                count += 1
            }
        }
        let path = root.appendingPathComponent("corpus.mbox").path
        try Data(out).write(to: URL(fileURLWithPath: path))
        return (path, count)
    }

    /// A Maildir holding every corpus message once, split between `cur/` and `new/`.
    func maildir() throws -> (String, Int) {
        let directory = root.appendingPathComponent("Maildir")
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let messages = try Self.messages
        for (n, message) in messages.enumerated() {
            let name = n.isMultiple(of: 3) ? "new/\(1000 + n).host" : "cur/\(1000 + n).host:2,S"
            try Data(message).write(to: directory.appendingPathComponent(name))
        }
        return (directory.path, messages.count)
    }

    /// Runs `arguments` with `--jobs 1` and with `--jobs 4`; both must exit with `status`
    /// and say nothing on stderr. Returns the one-job output after checking they agree.
    func sameForOneAndFourJobs(_ arguments: [String], status: Int32) throws -> String {
        let one = try CLITestSupport.run(arguments + ["--jobs", "1"])
        let four = try CLITestSupport.run(arguments + ["--jobs", "4"])
        // An mbox cut into stripes of a few KiB: many stripes, each ending where a message starts.
        let striped = try CLITestSupport.run(arguments + ["--jobs", "4"], environment: ["MIMEKIT_STRIPE_BYTES": "5000"])
        for run in [one, four, striped] {
            #expect(run.status == status, "\(run.stderr)")
            #expect(run.stderr.isEmpty, "\(run.stderr)")
        }
        #expect(one.stdout == four.stdout)
        #expect(one.stdout == striped.stdout)
        return one.stdout
    }

    var keyOptions: [String] {
        ["--smime-key", Self.keys.appendingPathComponent("alice.key").path,
         "--smime-cert", Self.keys.appendingPathComponent("alice.crt").path, "--gnupg-home", gnupg.path]
    }

    @Test func statOfAGeneratedMbox() throws {
        let (mbox, count) = try mbox(rounds: 3)
        let json = try sameForOneAndFourJobs(["stat", "--json", "--quiet", mbox], status: 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["messages"] as? Int == count)
    }

    @Test func scanOfAGeneratedMbox() throws {
        let (mbox, count) = try mbox(rounds: 2)
        let json = try sameForOneAndFourJobs(["scan", "--json", mbox], status: 1)
        let lines = json.split(separator: "\n")
        #expect(lines.count == count)
        #expect(lines.last?.contains("\"index\":\(count - 1),") == true)
    }

    @Test func scanWithKeysOfAGeneratedMboxDecryptsOnEveryThread() throws {
        let (mbox, count) = try mbox(rounds: 1)
        let json = try sameForOneAndFourJobs(["scan", "--json"] + keyOptions + [mbox], status: 1)
        #expect(json.split(separator: "\n").count == count)
        // Only decryption finds these: the S/MIME and OpenPGP keys were used.
        #expect(json.contains("\"rule\":\"CRY-SMIME-AEADFAIL\""))
        #expect(json.contains("\"rule\":\"CRY-PGP-MDCFAIL\""))
    }

    @Test func statAndScanOfAMaildir() throws {
        let (maildir, count) = try maildir()
        let stat = try sameForOneAndFourJobs(["stat", "--json", "--quiet", maildir], status: 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stat.utf8)) as? [String: Any])
        #expect(object["messages"] as? Int == count)
        let scan = try sameForOneAndFourJobs(["scan", "--json"] + keyOptions + [maildir], status: 1)
        #expect(scan.split(separator: "\n").count == count)
        #expect(scan.contains("\"rule\":\"CRY-SMIME-AEADFAIL\""))
        #expect(scan.contains("\"rule\":\"CRY-PGP-MDCFAIL\""))
    }
}

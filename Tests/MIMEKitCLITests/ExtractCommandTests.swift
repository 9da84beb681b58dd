import Foundation
import Testing

/// The built `mimekit extract`, writing parts into a fresh directory.
@Suite struct ExtractCommandTests {
    static let message = """
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain

        hello
        --b
        Content-Type: application/octet-stream
        Content-Disposition: attachment; filename="../../escape.bin"
        Content-Transfer-Encoding: base64

        AAEC/w==
        --b
        Content-Type: text/plain
        Content-Disposition: attachment; filename="con"

        device
        --b--

        """

    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "mimekit-extract-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writesDecodedPartsUnderSafeNames() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try CLITestSupport.run(["extract", "-", "-o", dir], stdin: Array(Self.message.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "1\t\(dir)/part-1.txt\n2\t\(dir)/escape.bin\n3\t\(dir)/_con\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/escape.bin")) == Data([0, 1, 2, 255]))
        #expect(try String(contentsOfFile: "\(dir)/part-1.txt", encoding: .utf8) == "hello")
        #expect(!FileManager.default.fileExists(atPath: dir + "/../../escape.bin"))
    }

    @Test func neverOverwritesWithoutForce() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("keep".utf8).write(to: URL(fileURLWithPath: "\(dir)/escape.bin"))
        let run = try CLITestSupport.run(["extract", "-", "--attachments", "-o", dir], stdin: Array(Self.message.utf8))
        #expect(run.stdout == "2\t\(dir)/escape-1.bin\n3\t\(dir)/_con\n")
        #expect(try String(contentsOfFile: "\(dir)/escape.bin", encoding: .utf8) == "keep")
        let forced = try CLITestSupport.run(["extract", "-", "--part", "2", "--force", "-o", dir], stdin: Array(Self.message.utf8))
        #expect(forced.stdout == "2\t\(dir)/escape.bin\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/escape.bin")) == Data([0, 1, 2, 255]))
    }

    @Test func doesNotFollowASymbolicLink() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = "\(dir)/target"
        try Data("untouched".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/escape.bin", withDestinationPath: target)
        let run = try CLITestSupport.run(["extract", "-", "--part", "2", "--force", "-o", dir], stdin: Array(Self.message.utf8))
        #expect(run.status != 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "untouched")
    }

    /// The parts of an mbox's messages go into `N/` for message N, but those of an mbox of one
    /// message straight into the output directory, as for a message file. (The first message
    /// waits for the second to tell which, and no other message is kept.)
    @Test(arguments: [1, 2, 3])
    func anMboxOfSeveralMessagesGetsADirectoryPerMessage(_ count: Int) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A blank line between messages (it belongs to the mbox), none after the last.
        let mbox = (0..<count).map { n in
            "From sender@example.org Mon Nov 30 12:00:00 2026\nSubject: \(n)\n\nbody \(n)\n"
        }.joined(separator: "\n")
        let run = try CLITestSupport.run(["extract", "--mbox", "-", "-o", dir], stdin: Array(mbox.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let expected = count == 1
            ? "1\t\(dir)/part-1.txt\n"
            : (0..<count).map { "1\t\(dir)/\($0)/part-1.txt\n" }.joined()
        #expect(run.stdout == expected)
        for n in 0..<count {
            let path = count == 1 ? "\(dir)/part-1.txt" : "\(dir)/\(n)/part-1.txt"
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "body \(n)\n")
        }
    }

    @Test func unknownPartIsAnError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try CLITestSupport.run(["extract", "-", "--part", "9", "-o", dir], stdin: Array(Self.message.utf8))
        #expect(run.status != 0)
        #expect(run.stderr == "Error: no part 9 in the message\n")
    }
}

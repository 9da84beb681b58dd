import Foundation
import Testing

/// The built `mimekit dump`, run as a user would.
@Suite struct DumpCommandTests {
    @Test func textDumpOfASmallMessage() throws {
        let message = "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nhello\n--b\nContent-Type: image/png\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=a.png\n\naGVsbG8=\n--b--\n"
        let run = try CLITestSupport.run(["dump", "-"], stdin: Array(message.utf8))
        #expect(run.status == 0)
        #expect(run.stdout == """
            message 0 at offset 0, \(message.utf8.count) bytes
              TEXT  multipart/mixed  boundary="b"
                1  text/plain  charset="utf-8"  5 bytes
                2  image/png  base64  attachment  "a.png"  5 bytes


            """)
    }

    @Test func jsonIsOneObjectPerMessagePerLine() throws {
        let mbox = "From a Sun\nSubject: one\n\nx\n\nFrom b Sun\nSubject: two\n\ny\n"
        let run = try CLITestSupport.run(["dump", "--json"], stdin: Array(mbox.utf8))
        let lines = run.stdout.split(separator: "\n")
        #expect(run.status == 0)
        #expect(lines.count == 2)
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        #expect(second?["message"] as? Int == 1)
        #expect(second?["offset"] as? Int == 28)
    }

    @Test func missingFileIsAOneLineError() throws {
        let run = try CLITestSupport.run(["dump", "/nonexistent/message.eml"])
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "Error: /nonexistent/message.eml: No such file or directory\n")
    }

    @Test func directoryWithoutMessagesIsAnError() throws {
        let path = "/tmp/mimekit-empty-\(getpid())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try CLITestSupport.run(["dump", path])
        #expect(run.status != 0)
        #expect(run.stderr == "Error: \(path): a directory that is neither a Maildir nor holds .eml files\n")
    }

    @Test func unreadableFileIsAnError() throws {
        // Even root cannot read /proc/self/mem from offset 0: read(2) fails with EIO.
        let run = try CLITestSupport.run(["dump", "/proc/self/mem"])
        #expect(run.status != 0)
        #expect(run.stderr == "Error: /proc/self/mem: Input/output error\n")
    }

    @Test func malformedMessageIsDumpedWithDiagnostics() throws {
        let run = try CLITestSupport.run(["dump", "-"], stdin: Array("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n".utf8))
        #expect(run.status == 0)
        #expect(run.stdout.contains("warning missingCloseDelimiter at "))
    }
}

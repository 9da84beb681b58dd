import Foundation
import Testing

/// The built `mimekit stat`, on files, mboxes, Maildirs, directories and standard input.
@Suite struct StatCommandTests {
    private func statJSON(_ arguments: [String], stdin: [UInt8]? = nil) throws -> [String: Any] {
        let run = try CLITestSupport.run(["stat", "--json", "--quiet"] + arguments, stdin: stdin)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func countsAnMbox() throws {
        let mbox = CLITestSupport.corpus.appendingPathComponent("mbox/mboxrd.mbox").path
        let stat = try statJSON([mbox])
        #expect(stat["messages"] as? Int == 3)
        #expect(stat["entities"] as? Int == 4)
        #expect(stat["multiparts"] as? Int == 1)
        #expect((stat["contentTypes"] as? [String: Int])?["text/plain"] == 3)
        #expect(stat["inputBytes"] as? Int == (try Data(contentsOf: URL(fileURLWithPath: mbox))).count)
    }

    @Test func countsManyContentTypesExactly() throws {
        // More types than stat keeps among its recent ones (8), met in an order that evicts
        // and brings them back: message i has type x-kind/t(i % 13); 200 messages give 16
        // of t0...t4 and 15 of t5...t12 (200 = 13 * 15 + 5).
        var mbox = ""
        for i in 0..<200 {
            mbox += "From a@example.org Mon Jan  1 00:00:00 2024\nContent-Type: x-kind/t\(i % 13)\n\nbody \(i)\n\n"
        }
        let stat = try statJSON(["--mbox", "-"], stdin: Array(mbox.utf8))
        let types = try #require(stat["contentTypes"] as? [String: Int])
        #expect(types.count == 13)
        for k in 0..<13 { #expect(types["x-kind/t\(k)"] == (k < 5 ? 16 : 15), "t\(k)") }
    }

    @Test func countsSignedAndEncryptedAcrossEvictions() throws {
        // Twelve kinds of message in turn, five of each; with the parts of kinds 0 and 4 they
        // make 12 media types, more than stat keeps among its recent ones (8), and kinds 1, 2
        // and 5 share one media type that only its smime-type parameter tells apart.
        let kinds = [
            "Content-Type: multipart/signed; boundary=s\n\n--s\nContent-Type: text/plain\n\nx\n--s--\n",  // signed
            "Content-Type: application/pkcs7-mime; smime-type=signed-data\n\nx\n",  // signed
            "Content-Type: application/pkcs7-mime\n\nx\n",  // encrypted (enveloped-data by default)
            "Content-Type: application/x-pkcs7-mime; smime-type=Enveloped-Data\n\nx\n",  // encrypted
            "Content-Type: multipart/encrypted; boundary=e\n\n--e\nContent-Type: application/octet-stream\n\nx\n--e--\n",
            "Content-Type: application/pkcs7-mime; smime-type=certs-only\n\nx\n",  // neither
        ] + (6..<12).map { "Content-Type: x-kind/t\($0)\n\nx\n" }
        var mbox = ""
        for i in 0..<60 { mbox += "From a@example.org Mon Jan  1 00:00:00 2024\n" + kinds[i % 12] + "\n" }
        let stat = try statJSON(["--mbox", "-"], stdin: Array(mbox.utf8))
        #expect(stat["messages"] as? Int == 60)
        #expect(stat["entities"] as? Int == 70)
        #expect(stat["signed"] as? Int == 10)
        #expect(stat["encrypted"] as? Int == 15)
        let types = try #require(stat["contentTypes"] as? [String: Int])
        #expect(types["application/pkcs7-mime"] == 15)
        #expect(types["multipart/signed"] == 5 && types["text/plain"] == 5 && types["x-kind/t11"] == 5)
        #expect(types.count == 12)
    }

    @Test func sameResultForAnyNumberOfJobs() throws {
        let corpus = CLITestSupport.corpus.appendingPathComponent("mbox/mboxrd.mbox").path
        let one = try CLITestSupport.run(["stat", "--json", "--quiet", "--jobs", "1", corpus])
        let three = try CLITestSupport.run(["stat", "--json", "--quiet", "--jobs", "3", corpus])
        #expect(one.stdout == three.stdout)
        #expect(!one.stdout.isEmpty)
        #expect(three.status == 0 && three.stderr.isEmpty, "\(three.stderr)")
    }

    @Test func readsAMaildirInOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mimekit-maildir-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Data("Subject: one\n\nbody\n".utf8).write(to: root.appendingPathComponent("cur/1.host:2,S"))
        try Data("Subject: two\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--\n".utf8)
            .write(to: root.appendingPathComponent("new/2.host"))
        try Data("Subject: ignored, tmp is not read\n\n".utf8).write(to: root.appendingPathComponent("tmp/3.host"))
        let stat = try statJSON([root.path])
        #expect(stat["messages"] as? Int == 2)
        let dump = try CLITestSupport.run(["dump", root.path])
        #expect(dump.stdout.hasPrefix("message 0 in \(root.path)/cur/1.host:2,S at offset 0"))
        #expect(dump.stdout.contains("message 1 in \(root.path)/new/2.host at offset 0"))
    }

    @Test func readsTheEmlFilesOfADirectory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mimekit-emls-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("Subject: a\n\nx\n".utf8).write(to: root.appendingPathComponent("a.eml"))
        try Data("Subject: b\n\ny\n".utf8).write(to: root.appendingPathComponent("b.EML"))
        try Data("not a message".utf8).write(to: root.appendingPathComponent("notes.txt"))
        #expect(try statJSON([root.path])["messages"] as? Int == 2)
    }

    @Test func readsStandardInput() throws {
        let stat = try statJSON(["-"], stdin: Array("Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\naGVsbG8=\n".utf8))
        #expect(stat["decodedBytes"] as? Int == 5)
    }

    @Test func largeStandardInputIsSpooled() throws {
        // More than the 16 MiB kept in memory: the rest goes through a temporary file.
        let line = Array("aGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8g\n".utf8)
        var message = Array("Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n".utf8)
        let lines = (70 << 20) / line.count
        message.reserveCapacity(message.count + lines * line.count)
        for _ in 0..<lines { message += line }
        let stat = try statJSON(["-"], stdin: message)
        #expect(stat["decodedBytes"] as? Int == lines * 54)
        #expect(stat["inputBytes"] as? Int == message.count)
    }

    @Test func missingFileIsAnError() throws {
        let run = try CLITestSupport.run(["stat", "/nonexistent/archive.mbox"])
        #expect(run.status != 0)
        #expect(run.stderr == "Error: /nonexistent/archive.mbox: No such file or directory\n")
    }
}

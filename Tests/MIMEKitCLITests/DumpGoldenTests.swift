import Foundation
import Testing
@testable import MIMEKitCLI

/// Each `Corpus/` message beside its expected `dump --json` output, with LF (`x.json`) and
/// with CRLF line endings (`x.crlf.json`). The expected files are checked against Python's
/// `email` package by `Corpus/verify-with-python.py`, which `pythonAgreesWithTheGoldenFiles`
/// runs; regenerate them with `Corpus/regenerate.sh` after a deliberate change.
@Suite struct DumpGoldenTests {
    static let messages = CLITestSupport.corpusMessages

    @Test func corpusHasMessages() {
        #expect(Self.messages.count >= 20)
    }

    @Test(arguments: messages)
    func dumpJSONMatchesTheGoldenFiles(_ url: URL) throws {
        let bytes = Array(try Data(contentsOf: url))
        let stem = url.deletingPathExtension().path
        let mbox = url.pathExtension == "mbox"
        for (input, expectedPath) in [(bytes, stem + ".json"), (CLITestSupport.crlf(bytes), stem + ".crlf.json")] {
            let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
            let actual = CLITestSupport.dumpJSON(input, mbox: mbox)
            #expect(actual == expected, "\(expectedPath) differs")
        }
    }

    @Test func pythonAgreesWithTheGoldenFiles() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLITestSupport.corpus.appendingPathComponent("verify-with-python.py").path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
    }
}

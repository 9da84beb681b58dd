import Foundation
import Testing

/// The built `mimekit scan`: its JSON, its exit statuses (0 clean, 1 findings at or above
/// --fail-on, 2 error) and `--add-header`, which must give back the input byte for byte
/// once the added header is removed.
@Suite struct ScanCommandTests {
    static let efail = CLITestSupport.corpus.appendingPathComponent("efail")
    private func path(_ name: String) -> String { Self.efail.appendingPathComponent(name).path }
    private func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    @Test func jsonHasOneObjectPerMessageWithTheFindings() throws {
        let run = try CLITestSupport.run(["scan", "--json", path("ef-de-htmlopen-img.eml")])
        #expect(run.status == 1, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["index"] as? Int == 0)
        #expect(object["offset"] as? Int == 0)
        #expect(object["max"] as? String == "critical")
        let findings = try #require(object["findings"] as? [[String: Any]])
        let rules = Set(findings.compactMap { $0["rule"] as? String })
        #expect(rules == ["EF-DE-HTMLOPEN", "EF-DE-NONROOT", "BC-REMOTE", "CRY-PGP-MDC-V1"])
        let open = try #require(findings.first { $0["rule"] as? String == "EF-DE-HTMLOPEN" })
        #expect(open["severity"] as? String == "critical")
        #expect(open["part"] as? String == "1")
        let offsets = try #require(open["offsets"] as? [String: Int])
        #expect(offsets["start"]! < offsets["end"]!)
        #expect((open["evidence"] as? String)?.contains("<img") == true)
        #expect((open["title"] as? String)?.isEmpty == false)
    }

    @Test func cleanMessageHasEmptyFindingsAndNullMax() throws {
        let run = try CLITestSupport.run(["scan", "--json", path("smime-gcm.eml")])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["findings"] as? [Any])?.isEmpty == true)
        #expect(object["max"] is NSNull)
    }

    @Test func failOnSetsTheExitStatus() throws {
        // pgpmime-root.eml has one info finding; cry-smime-cbc.eml one medium.
        #expect(try CLITestSupport.run(["scan", path("pgpmime-root.eml")]).status == 0)
        #expect(try CLITestSupport.run(["scan", "--fail-on", "info", path("pgpmime-root.eml")]).status == 1)
        #expect(try CLITestSupport.run(["scan", path("cry-smime-cbc.eml")]).status == 0)
        #expect(try CLITestSupport.run(["scan", "--fail-on", "medium", path("cry-smime-cbc.eml")]).status == 1)
        #expect(try CLITestSupport.run(["scan", "--fail-on", "critical", path("ss-mime-wrap.eml")]).status == 0)
        #expect(try CLITestSupport.run(["scan", path("ss-mime-wrap.eml")]).status == 1)
    }

    @Test func errorsExitWithTwo() throws {
        let badSeverity = try CLITestSupport.run(["scan", "--fail-on", "severe", path("smime-gcm.eml")])
        #expect(badSeverity.status == 2)
        #expect(badSeverity.stderr.contains("--fail-on"))
        #expect(try CLITestSupport.run(["scan", "/nonexistent/message.eml"]).status == 2)
        #expect(try CLITestSupport.run(["scan", "--disable", "NO-SUCH-RULE", path("smime-gcm.eml")]).status == 2)
        #expect(try CLITestSupport.run(["scan", "--gnupg-home", "/nonexistent", path("smime-gcm.eml")]).status == 2)
    }

    @Test func smimeKeysEnableTheKeyedRule() throws {
        let keys = CLITestSupport.corpus.appendingPathComponent("keys")
        let message = path("cry-smime-aeadfail.eml")
        let without = try CLITestSupport.run(["scan", "--json", message])
        #expect(without.status == 0)
        #expect(!without.stdout.contains("CRY-SMIME-AEADFAIL"))
        let with = try CLITestSupport.run(["scan", "--json", "--smime-key", keys.appendingPathComponent("alice.key").path,
                                           "--smime-cert", keys.appendingPathComponent("alice.crt").path, message])
        #expect(with.status == 1, "\(with.stderr)")
        #expect(with.stdout.contains("\"rule\":\"CRY-SMIME-AEADFAIL\",\"severity\":\"critical\""))
        let halfKeys = try CLITestSupport.run(["scan", "--smime-key", keys.appendingPathComponent("alice.key").path, message])
        #expect(halfKeys.status == 2)
    }

    @Test func disableDropsARule() throws {
        let run = try CLITestSupport.run(["scan", "--json", "--disable", "SS-MIME-WRAP", path("ss-mime-wrap.eml")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("SS-MIME-WRAP"))
        let two = try CLITestSupport.run(["scan", "--json", "--disable", "EF-DE-HTMLOPEN,BC-REMOTE", "--disable", "EF-DE-NONROOT",
                                          path("ef-de-htmlopen-img.eml")])
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stdout.contains("CRY-PGP-MDC-V1") && !two.stdout.contains("EF-DE-"))
    }

    @Test func readsADirectoryInOrderForAnyJobs() throws {
        let one = try CLITestSupport.run(["scan", "--json", "--jobs", "1", Self.efail.path])
        let three = try CLITestSupport.run(["scan", "--json", "--jobs", "3", Self.efail.path])
        #expect(one.status == 1)
        #expect(three.status == 1 && three.stderr.isEmpty, "\(three.stderr)")
        #expect(one.stdout == three.stdout)
        #expect(one.stdout.split(separator: "\n").count == 45)
        #expect(one.stdout.contains("\"file\":\"\(Self.efail.path)/bc-remote-decrypted.eml\""))
    }

    @Test func numbersTheMessagesOfAnMboxForAnyJobs() throws {
        let mbox = CLITestSupport.corpus.appendingPathComponent("mbox/mboxrd.mbox").path
        let one = try CLITestSupport.run(["scan", "--json", "--jobs", "1", mbox])
        let three = try CLITestSupport.run(["scan", "--json", "--jobs", "3", mbox])
        #expect(three.status == 0 && three.stderr.isEmpty, "\(three.stderr)")
        #expect(one.stdout == three.stdout)
        let indices = one.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["index"] as? Int
        }
        #expect(indices == [0, 1, 2])
    }

    @Test func readableReportNamesRuleSeverityAndPart() throws {
        let run = try CLITestSupport.run(["scan", path("ss-mime-wrap.eml")])
        #expect(run.stdout.contains("high SS-MIME-WRAP part 2 ["))
        #expect(run.stdout.hasSuffix("1 message, 1 with findings, 1 at or above high\n"))
    }

    // MARK: --add-header

    /// Removes the first `X-MIMEKit-Scan` field (with its folded lines) found at `offset`.
    private func removingHeader(_ output: [UInt8], at offset: Int) -> [UInt8]? {
        let name = Array("X-MIMEKit-Scan: ".utf8)
        guard output.count >= offset + name.count, Array(output[offset..<(offset + name.count)]) == name else { return nil }
        var end = offset
        repeat {
            guard let newline = output[end...].firstIndex(of: 0x0A) else { return nil }
            end = newline + 1
        } while end < output.count && (output[end] == 0x20 || output[end] == 0x09)
        return Array(output[..<offset] + output[end...])
    }

    private func addHeader(_ input: [UInt8], _ extra: [String] = []) throws -> (CLITestSupport.Run, [UInt8]) {
        let run = try CLITestSupport.run(["scan", "--add-header"] + extra, stdin: input)
        return (run, Array(run.stdout.utf8))
    }

    /// Every message of the project's corpora, malformed ones included, with LF and CRLF.
    @Test func addHeaderGivesBackTheInputByteForByte() throws {
        var inputs = try ["rfc", "malformed"].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: CLITestSupport.corpus.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".eml") }.map { CLITestSupport.corpus.appendingPathComponent("\(folder)/\($0)") }
        }
        inputs += ["ef-de-htmlopen-img.eml", "ss-id-header-display.eml", "smime-gcm.eml", "cry-pgp-sed.eml"]
            .map { Self.efail.appendingPathComponent($0) }
        #expect(inputs.count > 20)
        for url in inputs {
            let original = try bytes(url)
            // String(decoding:) would damage non-UTF-8 input: compare raw bytes through a file.
            for input in [original, CLITestSupport.crlf(original)] {
                let output = try rawAddHeader(input)
                let at = try #require(indexOfLine(starting: "X-MIMEKit-Scan: ", in: output, from: 0))
                // At the top, unless after an mbox From line or a leading continuation line.
                #expect(at == 0 || input.first == 0x20 || input.first == 0x09 || input.starts(with: Array("From ".utf8)))
                let restored = removingHeader(output, at: at)
                #expect(restored == input, "\(url.lastPathComponent)")
            }
        }
    }

    @Test func addHeaderPassesOddInputThrough() throws {
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let inputs: [[UInt8]] = [[], Array("Subject: no line ending".utf8), Array("\n\nbody without headers\n".utf8),
                                 Array("\r\n".utf8), noise]
        for input in inputs {
            let output = try rawAddHeader(input)
            let at = try #require(indexOfLine(starting: "X-MIMEKit-Scan: max=", in: output, from: 0))
            #expect(removingHeader(output, at: at) == input, "\(input.prefix(30))")
        }
    }

    @Test func aLeadingContinuationLineIsNotFoldedIntoTheVerdict() throws {
        let input = Array(" ; max=none\nFrom: eve@attacker.example\n\nbody\n".utf8)
        let output = try rawAddHeader(input)
        #expect(String(decoding: output, as: UTF8.self) == " ; max=none\nX-MIMEKit-Scan: max=none\nFrom: eve@attacker.example\n\nbody\n")
    }

    @Test func addHeaderSummarisesTheVerdict() throws {
        let (run, output) = try addHeader(try bytes(Self.efail.appendingPathComponent("ef-de-htmlopen-img.eml")))
        #expect(run.status == 0, "the filter passes mail on; the verdict is in the header")
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.hasPrefix("X-MIMEKit-Scan: max=critical; rules=EF-DE-HTMLOPEN,"))
        #expect(text.contains("BC-REMOTE") && text.contains("EF-DE-NONROOT") && text.contains("CRY-PGP-MDC-V1"))
        let (clean, cleanOutput) = try addHeader(try bytes(Self.efail.appendingPathComponent("smime-gcm.eml")))
        #expect(clean.status == 0)
        #expect(String(decoding: cleanOutput, as: UTF8.self).hasPrefix("X-MIMEKit-Scan: max=none\nFrom: "))
        let crlf = try rawAddHeader(CLITestSupport.crlf(try bytes(Self.efail.appendingPathComponent("smime-gcm.eml"))))
        #expect(String(decoding: crlf.prefix(26), as: UTF8.self) == "X-MIMEKit-Scan: max=none\r\n")
    }

    @Test func addHeaderExitsWithFindingsOnlyWhenFailOnIsGiven() throws {
        let input = try bytes(Self.efail.appendingPathComponent("ss-mime-wrap.eml"))
        #expect(try addHeader(input).0.status == 0)
        #expect(try addHeader(input, ["--fail-on", "high"]).0.status == 1)
        #expect(try addHeader(input, ["--fail-on", "critical"]).0.status == 0)
    }

    @Test func addHeaderMarksEachMessageOfAnMbox() throws {
        let mbox = try bytes(CLITestSupport.corpus.appendingPathComponent("mbox/mboxrd.mbox"))
        let output = try rawAddHeader(mbox)
        var restored = output
        var count = 0
        var searchFrom = 0
        // Each message's header block starts right after its "From " line.
        while let fromLine = indexOfLine(starting: "From ", in: restored, from: searchFrom) {
            let headerStart = restored[fromLine...].firstIndex(of: 0x0A)! + 1
            guard let removed = removingHeader(restored, at: headerStart) else { break }
            restored = removed
            count += 1
            searchFrom = headerStart
        }
        #expect(count == 3)
        #expect(restored == mbox)
    }

    private func indexOfLine(starting prefix: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(prefix.utf8)
        var i = start
        while i + needle.count <= bytes.count {
            if (i == 0 || bytes[i - 1] == 0x0A) && Array(bytes[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    /// Runs `scan --add-header` on `input` and returns stdout's exact bytes.
    private func rawAddHeader(_ input: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = CLITestSupport.executable
        process.arguments = ["scan", "--add-header"]
        let out = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardInput = stdin
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Array(data)
    }
}

extension ScanCommandTests {
    /// A pipeline relies on 0, 1 and 2; a command line scan cannot parse is an error (2),
    /// not the argument parser's usual 64, and says what was wrong.
    @Test func unparsableCommandLineExitsTwo() throws {
        let run = try CLITestSupport.run(["scan", "--no-such-option", "-"], stdin: Array("Subject: x\n\ny\n".utf8))
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("Error: Unknown option '--no-such-option'"))
        #expect(run.stdout.isEmpty)
        #expect(try CLITestSupport.run(["dump", "--no-such-option"]).status == 64)
    }
}

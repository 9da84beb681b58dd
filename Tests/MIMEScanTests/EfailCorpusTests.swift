import Foundation
import MIMEKit
import MIMEScan
import MIMESMIME
import Testing

/// Each message of `Corpus/efail/` triggers exactly the rules its manifest entry names:
/// the must-trigger messages their rule (and the rules their shape implies), the near
/// misses not the rule they miss. Tried with LF and with CRLF line endings.
@Suite struct EfailCorpusTests {
    @Test func manifestCoversEveryRule() {
        let expected = Set(ScanCorpus.manifest.flatMap { $0.expect.union($0.expectWithKeys ?? []) })
        let all = Set(MIMEScanner.builtinRules.map(\.id))
        #expect(all.subtracting(expected).isEmpty, "rules without a must-trigger message: \(all.subtracting(expected).sorted())")
        #expect(ScanCorpus.manifest.count >= 40)
    }

    @Test(arguments: ScanCorpus.manifest)
    func triggersExactlyTheExpectedRules(_ entry: ScanCorpus.Entry) {
        let bytes = entry.bytes
        #expect(!bytes.isEmpty)
        for variant in [bytes, ScanCorpus.crlf(bytes)] {
            let findings = MIMEScanner().scan(MIMEMessage(bytes: variant))
            #expect(Set(findings.map(\.ruleID)) == entry.expect, "\(entry.note): \(findings.map { "\($0.ruleID): \($0.evidence)" })")
        }
    }

    @Test(arguments: ScanCorpus.manifest.filter { $0.expectWithKeys != nil })
    func withKeysTriggersTheKeyedRules(_ entry: ScanCorpus.Entry) throws {
        let home = try TestGnuPGHome()
        defer { home.remove() }
        let keys = ScanKeys(smimeIdentity: try TestKeys.alice(), gnupgHome: home.path)
        let findings = MIMEScanner(keys: keys).scan(MIMEMessage(bytes: entry.bytes))
        #expect(Set(findings.map(\.ruleID)) == entry.expectWithKeys, "\(entry.note): \(findings.map { "\($0.ruleID): \($0.evidence)" })")
    }

    @Test func withoutKeysNothingIsDecrypted() {
        // The keyed rules are skipped, and BC-REMOTE does not see inside the ciphertext.
        let entry = ScanCorpus.manifest.first { $0.file == "bc-remote-decrypted.eml" }!
        let findings = MIMEScanner().scan(MIMEMessage(bytes: entry.bytes))
        #expect(!findings.contains { $0.ruleID == "BC-REMOTE" })
    }

    @Test func findingsCarryPartIDsAndOffsetsInsideTheMessage() {
        let entry = ScanCorpus.manifest.first { $0.file == "ef-de-htmlopen-img.eml" }!
        let message = MIMEMessage(bytes: entry.bytes)
        let findings = MIMEScanner().scan(message)
        let open = findings.first { $0.ruleID == "EF-DE-HTMLOPEN" }
        #expect(open?.partID == "1")
        #expect(open?.severity == .critical)
        #expect(open?.evidence.contains("<img") == true)
        let nonRoot = findings.first { $0.ruleID == "EF-DE-NONROOT" }
        #expect(nonRoot?.partID == "2")
        for finding in findings {
            #expect(finding.offsets.lowerBound >= 0 && finding.offsets.upperBound <= entry.bytes.count)
            #expect(!finding.offsets.isEmpty)
        }
        #expect(findings.first?.severity == .critical, "most severe first")
    }
}

/// The test-only keys of `Corpus/keys/`.
enum TestKeys {
    static func alice() throws -> SMIMEIdentity {
        let key = try Data(contentsOf: ScanCorpus.keys.appendingPathComponent("alice.key"))
        let certificate = try Data(contentsOf: ScanCorpus.keys.appendingPathComponent("alice.crt"))
        return try SMIMEIdentity(privateKeyPEM: Array(key), certificatePEM: Array(certificate))
    }
}

/// A short-lived GnuPG home holding Alice's test secret key.
struct TestGnuPGHome {
    let path: String

    init() throws {
        var template = Array("/tmp/gh.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CocoaError(.fileWriteUnknown)
        }
        path = String(cString: made)
        try Self.gpg(["--homedir", path, "--batch", "--import", ScanCorpus.keys.appendingPathComponent("alice.gpg.sec.asc").path])
    }

    func remove() {
        try? Self.gpg(["--homedir", path, "--kill", "all"], tool: "/usr/bin/gpgconf")
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func gpg(_ arguments: [String], tool: String = "/usr/bin/gpg") throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
}

import Foundation
import MIMEKit
import MIMEScan
import Testing

/// Ordinary mail raises no alarm: the whole of `../shared/corpus` and `Corpus/` (minus
/// `Corpus/efail/` and the keys) scanned, and every finding at high or critical is listed
/// below with the reason it stands, or the test fails. A listed finding that no longer
/// occurs fails too, so the table cannot rot.
@Suite struct NoFalseAlarmTests {
    /// A finding at high or above that is right to be there.
    struct Justified: Hashable {
        var path: String
        var rule: String
        var reason: String
    }

    static let justified: [Justified] = [
        Justified(path: "enmime/mail/mime-signed.raw", rule: "SS-MIME-WRAP",
                  reason: "a signed part followed by an unsigned text/plain sibling in multipart/mixed (a mailing-list footer shape); the footer is unsigned, and a client that shows the message as signed misleads, which is the MIME-wrapping pattern"),
        Justified(path: "mail-parser/thirdparty/006.eml", rule: "SS-ID-HEADER",
                  reason: "a parser test message with a multipart/signed part and no From field: no signer can be matched with the sender"),
    ]

    /// (path relative to its corpus, rule) of every finding at high or above.
    private func alarms(under directory: URL, skipping: Set<String> = []) -> Set<[String]> {
        var result: Set<[String]> = []
        let scanner = MIMEScanner()
        for url in ScanCorpus.files(under: directory, skipping: skipping) {
            let relative = String(url.path.dropFirst(directory.path.count + 1))
            for message in ScanCorpus.messages(in: url) {
                for finding in scanner.scan(message) where finding.severity >= .high {
                    result.insert([relative, finding.ruleID, finding.evidence])
                }
            }
        }
        return result
    }

    @Test(.enabled(if: ScanCorpus.hasShared, "the shared corpus ../shared/corpus is absent"))
    func sharedCorpusHasOnlyJustifiedAlarms() {
        let found = alarms(under: ScanCorpus.shared)
        let table = Set(Self.justified.map { [$0.path, $0.rule] })
        let unexplained = found.filter { !table.contains([$0[0], $0[1]]) }
        #expect(unexplained.isEmpty, "findings at high or above: \(unexplained.sorted { $0[0] < $1[0] })")
        let stale = table.subtracting(found.map { [$0[0], $0[1]] })
        #expect(stale.isEmpty, "justified findings that no longer occur: \(stale)")
    }

    @Test func projectCorpusHasNoAlarms() {
        let corpus = ScanCorpus.root.appendingPathComponent("Corpus")
        let files = ScanCorpus.files(under: corpus, skipping: ["efail", "keys"])
        #expect(files.count > 20)
        let found = alarms(under: corpus, skipping: ["efail", "keys"])
        #expect(found.isEmpty, "\(found)")
    }
}

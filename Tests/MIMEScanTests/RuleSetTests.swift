import MIMEKit
import MIMEScan
import Testing

/// The rule list as a user sees it: ids, words, picking, disabling and adding rules.
@Suite struct RuleSetTests {
    @Test func idsAreUniqueAndEveryRuleExplainsItselfWithAReference() {
        let rules = MIMEScanner.builtinRules
        #expect(Set(rules.map(\.id)).count == rules.count)
        for rule in rules {
            #expect(!rule.title.isEmpty && !rule.title.contains("\n"), "\(rule.id)")
            #expect(rule.explanation.count > 150, "\(rule.id)")
            #expect(rule.explanation.contains("RFC") || rule.explanation.contains("USENIX") || rule.explanation.contains("2019"),
                    "\(rule.id) cites no reference")
        }
        #expect(rules.filter(\.needsKeys).map(\.id).sorted() == ["CRY-PGP-MDCFAIL", "CRY-SMIME-AEADFAIL"])
    }

    @Test func severitiesOrderAndParse() {
        let ordered: [ScanSeverity] = [.info, .low, .medium, .high, .critical]
        #expect(ordered.shuffled().sorted() == ordered)
        #expect(ScanSeverity(name: "HIGH") == .high)
        #expect(ScanSeverity(name: "severe") == nil)
    }

    @Test func disablingARuleDropsItsFindings() {
        let entry = ScanCorpus.manifest.first { $0.file == "ef-de-htmlopen-img.eml" }!
        let message = MIMEMessage(bytes: entry.bytes)
        let all = Set(MIMEScanner().scan(message).map(\.ruleID))
        let fewer = Set(MIMEScanner(disabling: ["EF-DE-HTMLOPEN", "BC-REMOTE"]).scan(message).map(\.ruleID))
        #expect(all.contains("EF-DE-HTMLOPEN"))
        #expect(fewer == all.subtracting(["EF-DE-HTMLOPEN", "BC-REMOTE"]))
    }

    /// A user's own rule runs beside the built-in ones through the same context.
    struct SubjectMentionsInvoice: ScanRule {
        let id = "LOCAL-INVOICE"
        let severity = ScanSeverity.low
        let title = "Subject mentions an invoice"
        let explanation = "A local rule."
        func check(_ context: ScanContext) -> [Finding] {
            guard context.message.headers["Subject"]?.contains("invoice") == true else { return [] }
            return [finding(context.message.root, "subject")]
        }
    }

    @Test func aUserRuleRunsWithTheOthers() {
        let message = MIMEMessage(bytes: Array("From: a@example.org\nSubject: your invoice\n\nhello\n".utf8))
        let scanner = MIMEScanner(rules: MIMEScanner.builtinRules + [SubjectMentionsInvoice()])
        let findings = scanner.scan(message)
        #expect(findings.map(\.ruleID) == ["LOCAL-INVOICE"])
        #expect(findings.first?.partID == "1")
        #expect(MIMEScanner(rules: [SubjectMentionsInvoice()]).scan(MIMEMessage(bytes: Array("Subject: hi\n\nx\n".utf8))).isEmpty)
    }
}

/// A scanner in a mail pipe must finish on any input.
@Suite struct HostileInputTests {
    /// MIMEKit's address tokenizer once looped on control bytes (fixed on main as this
    /// branch was written); the rules that read From, Sender and Reply-To must finish, and
    /// still see the addresses around such bytes.
    @Test(arguments: [0x01, 0x05, 0x0B, 0x0E, 0x1F, 0x7F] as [UInt8])
    func controlBytesInAddressesDoNotHang(_ byte: UInt8) throws {
        var twoFrom = try #require(ScanCorpus.manifest.first { $0.file == "ss-id-header-two-from.eml" }).bytes
        let at = try #require(twoFrom.firstIndex(of: UInt8(ascii: "@")))
        twoFrom.insert(byte, at: at)
        let findings = MIMEScanner().scan(MIMEMessage(bytes: twoFrom))
        #expect(findings.contains { $0.ruleID == "SS-ID-HEADER" })

        let encrypted = try #require(ScanCorpus.manifest.first { $0.file == "pgpmime-root.eml" }).bytes
        let replyTo = Array("Reply-To: eve@attacker.example ".utf8) + [byte] + Array("\n".utf8)
        let redirected = MIMEScanner().scan(MIMEMessage(bytes: replyTo + encrypted))
        #expect(redirected.contains { $0.ruleID == "RE-REPLYTO" })
    }
}

public import MIMEKit

/// One check of the scanner: an id, a severity, words for people, and the check itself.
///
/// Rules are values; a ``MIMEScanner`` runs a list of them, so a user can pick, drop or add
/// rules (a type of their own that conforms). A rule reads the message through the shared
/// ``ScanContext``, which caches the costly views (CMS outlines, OpenPGP packet listings,
/// decoded HTML, decryptions) so that rules looking at the same part pay once.
public protocol ScanRule: Sendable {
    /// A stable identifier, `FAMILY-TOPIC` (`EF-DE-NONROOT`); used by `--disable` and in output.
    var id: String { get }
    /// The severity of a finding of this rule (the highest it reports).
    var severity: ScanSeverity { get }
    /// One line for a report.
    var title: String { get }
    /// What the rule flags, why it matters, what the sender should do, with references.
    var explanation: String { get }
    /// Whether the rule only works with keys (it is skipped, silently, without them).
    var needsKeys: Bool { get }
    /// The findings of this rule in the context's message.
    func check(_ context: ScanContext) -> [Finding]
}

extension ScanRule {
    public var needsKeys: Bool { false }

    /// A finding of this rule at `entity`, at the rule's severity unless `severity` is given.
    public func finding(
        _ entity: MIMEEntity, _ evidence: String, severity: ScanSeverity? = nil, offsets: Range<Int>? = nil
    ) -> Finding {
        let bounds = entity.offsets
        return Finding(ruleID: id, severity: severity ?? self.severity, partID: entity.id,
                       offsets: offsets ?? bounds.start..<bounds.end, evidence: evidence)
    }
}

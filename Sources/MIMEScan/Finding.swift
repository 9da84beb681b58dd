/// One thing a rule saw in a message: where, how bad, and what exactly.
public struct Finding: Sendable, Hashable {
    /// The rule's id, such as `EF-DE-NONROOT`.
    public var ruleID: String
    /// How bad this instance is: the rule's severity, or lower when the rule grades weaker
    /// evidence down (the explanation says when).
    public var severity: ScanSeverity
    /// The IMAP section number of the entity concerned (`MIMEEntity.id`); `TEXT` or `1` for
    /// the message as a whole.
    public var partID: String
    /// Absolute byte offsets in the input of what was seen (the entity, or the exact spot).
    public var offsets: Range<Int>
    /// What was seen, in words a postmaster can check against the message.
    public var evidence: String

    /// A finding from its fields.
    public init(ruleID: String, severity: ScanSeverity, partID: String, offsets: Range<Int>, evidence: String) {
        self.ruleID = ruleID
        self.severity = severity
        self.partID = partID
        self.offsets = offsets
        self.evidence = evidence
    }
}

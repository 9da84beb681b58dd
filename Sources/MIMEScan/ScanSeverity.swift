/// How bad a finding is, from a note to an attack in progress.
///
/// The levels order as declared, so `--fail-on high` means "high or critical". The scale
/// follows what a finding lets an attacker do with the message as it stands:
/// `critical` releases plaintext or forges a verdict with no further help, `high` does so in
/// common clients, `medium` is a weakness the sender chose (or a hint of tampering),
/// `low` and `info` are facts worth recording.
public enum ScanSeverity: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// A fact worth recording (SEIPD v1, say), no weakness by itself.
    case info
    /// A weak signal.
    case low
    /// A weakness the sender chose, or a pattern with common legitimate uses.
    case medium
    /// A known attack pattern that works in common clients.
    case high
    /// An attack that works with no further help, or proof of tampering.
    case critical

    /// The severity named `name` (`info`, `low`, `medium`, `high`, `critical`), any case.
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = match
    }

    public static func < (lhs: ScanSeverity, rhs: ScanSeverity) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .info: "info"
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .critical: "critical"
        }
    }
}

import MIMEKit
import MIMEScan

/// The findings of one message, and how the CLI prints them.
struct ScanReport: Sendable {
    /// The file, when the input is a directory.
    var file: String?
    var index: Int
    var offset: Int
    var findings: [Finding]

    var maximum: ScanSeverity? { findings.map(\.severity).max() }

    /// `{"index":…,"offset":…,"file":…,"max":…,"findings":[{"rule","severity","part","offsets":{"start","end"},"title","evidence"}]}`
    var json: JSONValue {
        .object([
            ("index", .int(index)),
            ("offset", .int(offset)),
            ("file", .optional(file)),
            ("max", .optional(maximum?.description)),
            ("findings", .array(findings.map { finding in
                .object([
                    ("rule", .string(finding.ruleID)),
                    ("severity", .string(finding.severity.description)),
                    ("part", .string(finding.partID)),
                    ("offsets", .object([("start", .int(finding.offsets.lowerBound)), ("end", .int(finding.offsets.upperBound))])),
                    ("title", .string(MIMEScanner.rule(id: finding.ruleID)?.title ?? "")),
                    ("evidence", .string(finding.evidence)),
                ])
            })),
        ])
    }

    /// Lines for a person: nothing for a clean message.
    var text: String {
        guard !findings.isEmpty else { return "" }
        var out = "message \(index)\(file.map { " in \($0)" } ?? "") at offset \(offset): "
        out += "\(findings.count) finding\(findings.count == 1 ? "" : "s"), max \(maximum!)\n"
        for finding in findings {
            out += "  \(finding.severity) \(finding.ruleID) part \(finding.partID) [\(finding.offsets.lowerBound)..<\(finding.offsets.upperBound)]: "
            out += finding.evidence + "\n"
        }
        return out
    }
}

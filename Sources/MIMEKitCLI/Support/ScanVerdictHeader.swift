import MIMEScan

/// The header `mimekit scan --add-header` puts at the top of each message:
///
/// ```
/// X-MIMEKit-Scan: max=critical; rules=CRY-PGP-SED,EF-DE-NONROOT
/// X-MIMEKit-Scan: max=none
/// ```
/// `max` is the highest severity found (`none` when clean); `rules` lists the rule ids
/// found, most severe first. Long lists are folded at commas (RFC 5322 §2.2.3). The line
/// ending is the one the message's first line uses.
enum ScanVerdictHeader {
    static let name = "X-MIMEKit-Scan"

    /// The header field, line ending included.
    static func field(for findings: [Finding], lineEnding: String) -> String {
        let max = findings.map(\.severity).max()
        var ids: [String] = []
        for finding in findings where !ids.contains(finding.ruleID) { ids.append(finding.ruleID) }
        var line = "\(name): max=\(max?.description ?? "none")"
        guard !ids.isEmpty else { return line + lineEnding }
        line += ";"
        var pieces = ["rules=" + ids[0]]
        for id in ids.dropFirst() { pieces.append("," + id) }
        var current = line
        var output = ""
        var first = true
        for piece in pieces {
            let separator = first ? " " : ""
            if current.utf8.count + separator.utf8.count + piece.utf8.count > 76 {
                output += current + lineEnding
                current = " " + piece
            } else {
                current += separator + piece
            }
            first = false
        }
        return output + current + lineEnding
    }
}

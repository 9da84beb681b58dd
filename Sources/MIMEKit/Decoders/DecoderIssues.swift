/// Counts of the malformed input a `TransferDecoder` met and worked around, for diagnostics.
///
/// Decoders never fail: they skip or keep what they cannot decode and count it here. The counts
/// and `firstOffset` do not depend on how the input was split into chunks.
public struct DecoderIssues: Sendable, Hashable, CustomStringConvertible {
    /// Bytes outside the encoding's alphabet, skipped (base64, uuencode). White space and line
    /// breaks are not counted.
    public internal(set) var invalidBytes = 0
    /// `=` where no base64 padding can stand, skipped.
    public internal(set) var misplacedPadding = 0
    /// Base64 quanta cut short: a lone sextet before `=` or at the end, or a final quantum
    /// without its `=` padding.
    public internal(set) var incompleteQuanta = 0
    /// Quoted-printable `=` not followed by two hex digits or a line break, kept literally.
    public internal(set) var malformedEscapes = 0
    /// Uuencoded lines between `begin` and `end` that are neither data nor `end`, skipped.
    public internal(set) var malformedLines = 0
    /// Uuencoded lines with fewer characters than their length character announces.
    public internal(set) var shortLines = 0
    /// 1 when uuencoded input had no `begin` line, so nothing was decoded.
    public internal(set) var missingBegin = 0
    /// 1 when uuencoded input ended without an `end` line.
    public internal(set) var missingEnd = 0
    /// The offset, from the start of the whole input, of the byte where the first issue was
    /// seen; the input's length for issues found at its end.
    public internal(set) var firstOffset: Int?

    /// No issues.
    public init() {}

    /// The sum of all counts.
    public var total: Int {
        invalidBytes + misplacedPadding + incompleteQuanta + malformedEscapes
            + malformedLines + shortLines + missingBegin + missingEnd
    }

    /// Whether the input was well formed.
    public var isEmpty: Bool { total == 0 }

    /// The non-zero counts by name and the first offset, or "no issues".
    public var description: String {
        let named = [
            ("invalid bytes", invalidBytes), ("misplaced padding", misplacedPadding),
            ("incomplete quanta", incompleteQuanta), ("malformed escapes", malformedEscapes),
            ("malformed lines", malformedLines), ("short lines", shortLines),
            ("missing begin", missingBegin), ("missing end", missingEnd),
        ]
        guard let firstOffset else { return "no issues" }
        let parts = named.filter { $0.1 > 0 }.map { "\($0.0): \($0.1)" }
        return parts.joined(separator: ", ") + " (first at offset \(firstOffset))"
    }

    enum Kind {
        case invalidByte, misplacedPadding, incompleteQuantum, malformedEscape
        case malformedLine, shortLine, missingBegin, missingEnd
    }

    mutating func record(_ kind: Kind, at offset: Int) {
        switch kind {
        case .invalidByte: invalidBytes += 1
        case .misplacedPadding: misplacedPadding += 1
        case .incompleteQuantum: incompleteQuanta += 1
        case .malformedEscape: malformedEscapes += 1
        case .malformedLine: malformedLines += 1
        case .shortLine: shortLines += 1
        case .missingBegin: missingBegin += 1
        case .missingEnd: missingEnd += 1
        }
        if firstOffset == nil { firstOffset = offset }
    }
}

import Foundation
import Testing
@testable import MIMEKit

/// Why our tree and another project's expected output may differ for one message.
enum DifferenceClass: String, Sendable {
    /// Our parser is wrong; the lead is to fix it (the entry then goes away).
    case ourBug = "our bug"
    /// The other project made a choice we do not follow (the RFCs side with us, or the
    /// other project goes beyond the MIME structure, e.g. decoding an encoded message).
    case theirChoice = "their choice"
    /// The input is malformed and neither reading is more right than the other.
    case ambiguous = "ambiguous input"
}

/// One entry of a known-differences table: the class and why.
struct KnownDifference: Sendable {
    let kind: DifferenceClass
    let reason: String
    /// Text the first difference must contain (where it is and what it is), so that a
    /// message in the table that starts to differ in another way is noticed.
    let shows: String

    init(_ kind: DifferenceClass, _ reason: String, shows: String) {
        self.kind = kind
        self.reason = reason
        self.shows = shows
    }
}

/// Checks one corpus run against its table: every message not in the table must agree,
/// every message in the table must still disagree (so a fixed bug or a stale entry is
/// noticed), and prints the agreement figures.
func checkAgainstTable(
    corpus: String, compared: [String], disagreements: [String: String], known: [String: KnownDifference],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let agreeing = compared.filter { disagreements[$0] == nil }.count
    var byClass: [DifferenceClass: Int] = [:]
    for name in compared where disagreements[name] != nil {
        if let entry = known[name] { byClass[entry.kind, default: 0] += 1 }
    }
    let classes = [DifferenceClass.ourBug, .theirChoice, .ambiguous]
        .map { "\($0.rawValue): \(byClass[$0] ?? 0)" }.joined(separator: ", ")
    print("[conformance] \(corpus): \(agreeing) of \(compared.count) messages fully agree (known differences — \(classes))")
    for name in compared.sorted() {
        if let difference = disagreements[name] {
            if let entry = known[name] {
                print("[conformance]   known (\(entry.kind.rawValue)) \(name): \(difference)")
                if !difference.contains(entry.shows) {
                    Issue.record("\(corpus): \(name) differs otherwise than its table entry says (\(entry.shows.debugDescription)): \(difference)",
                                 sourceLocation: sourceLocation)
                }
            } else {
                Issue.record("\(corpus): \(name) disagrees and is not in the known-differences table: \(difference)",
                             sourceLocation: sourceLocation)
            }
        } else if known[name] != nil {
            Issue.record("\(corpus): \(name) now agrees; remove it from the known-differences table",
                         sourceLocation: sourceLocation)
        }
    }
    for name in known.keys where !compared.contains(name) {
        Issue.record("\(corpus): table entry \(name) names no compared message", sourceLocation: sourceLocation)
    }
}

/// Bytes shown short and readable in a failure message.
func showBytes(_ bytes: some Collection<UInt8>, limit: Int = 60) -> String {
    var text = ""
    for byte in bytes.prefix(limit) {
        switch byte {
        case 0x0D: text += "\\r"
        case 0x0A: text += "\\n"
        case 0x09: text += "\\t"
        case 0x20...0x7E: text.append(Character(Unicode.Scalar(byte)))
        default: text += String(format: "\\x%02X", byte)
        }
    }
    return "\"" + text + (bytes.count > limit ? "…\" (\(bytes.count) bytes)" : "\"")
}

/// The bytes without one final line ending (LF or CRLF).
func withoutFinalLineEnding(_ bytes: [UInt8]) -> [UInt8] {
    var end = bytes.count
    if end > 0 && bytes[end - 1] == 0x0A {
        end -= 1
        if end > 0 && bytes[end - 1] == 0x0D { end -= 1 }
    }
    return Array(bytes[..<end])
}

/// A path to name an entity in a difference: "root", "root/2", "root/2/msg/1".
func childPath(_ path: String, _ index: Int) -> String { "\(path)/\(index + 1)" }

/// The message a base64 `message/rfc822` leaf encloses, parsed: what mime4j and mail-parser
/// show in its place. nil unless the entity is such a leaf.
func decodedEnclosedMessage(_ entity: MIMEEntity) -> MIMEMessage? {
    guard entity.kind == .leaf, entity.contentType.isEnclosedMessage,
          entity.transferEncodingName?.lowercased() == "base64",
          let data = Data(base64Encoded: Data(entity.body.bytes), options: .ignoreUnknownCharacters) else { return nil }
    return MIMEMessage(bytes: Array(data))
}

import Foundation
import Testing

/// Loads the field-level vectors of `../shared/corpus/mail-parser/fields/` (never copied into
/// the repository), found from this file's path: `<worktree>/Tests/MIMEKitTests/Headers/`.
enum FieldVectors {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("shared/corpus")

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: corpus.appendingPathComponent("mail-parser/fields").path)
    }

    static var gmimeFiltersAvailable: Bool {
        FileManager.default.fileExists(atPath: corpus.appendingPathComponent("gmime/filters").path)
    }

    /// Under CI (`CI` set) the corpus must be there: the tests run and fail without it.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    static let missingMessage: Comment = "../shared/corpus/mail-parser/fields is absent: field vectors skipped"
    static let missingFiltersMessage: Comment = "../shared/corpus/gmime/filters is absent: charset samples skipped"

    /// The entries of `name` (`address.json`, ...), each with its `header` and `expected`.
    static func load(_ name: String) throws -> [(header: String, expected: Any)] {
        let url = corpus.appendingPathComponent("mail-parser/fields/\(name)")
        let data = try Data(contentsOf: url)
        let entries = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [[String: Any]] ?? []
        return entries.map { ($0["header"] as? String ?? "", $0["expected"] ?? NSNull()) }
    }

    /// The bytes of a header as the JSON spells it.
    static func bytes(_ header: String) -> [UInt8] { Array(header.utf8) }
}

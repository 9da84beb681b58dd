import Foundation

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

    static let missingMessage = "../shared/corpus/mail-parser/fields is absent: field vectors skipped"

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

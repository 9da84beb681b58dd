import Foundation

/// Files of the shared sample corpus, found relative to the worktree root (this file is
/// `Tests/MIMEOpenPGPTests/Support/Corpus.swift`, the corpus `../shared/corpus/` beside it).
enum Corpus {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/corpus")

    /// The bytes of `relativePath` under the corpus, or nil when the corpus is absent.
    static func bytes(_ relativePath: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relativePath).path) else {
            return nil
        }
        return Array(data)
    }

    /// Whether the GMime samples are present.
    static var hasGMime: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("gmime/pgp").path)
    }
}

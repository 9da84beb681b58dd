import Foundation
@testable import MIMEKit

/// Random text for property tests: ASCII words and punctuation mixed with Latin, Greek,
/// Cyrillic, CJK, emoji (four UTF-8 bytes), combining marks and look-alikes of encoded-words.
enum RandomText {
    private static let pieces: [String] = [
        "a", "Z", "7", "mail", "Grüße", "naïve", "é", "ß", "Ωμέγα", "Привет", "日本語", "中文", "한국어",
        "😀", "👩‍👩‍👧", "e\u{301}", "\u{FEFF}", "=?", "?=", "=?utf-8?q?x?=", "_", "\"", "\\", "(", ")", "<", ">",
        ",", ";", ":", "@", ".", "'", "%", "*", "-", "&", "/", "!", "#", "~", "[", "]",
    ]

    /// Words of up to `maxPieces` random pieces separated by single spaces, sometimes double spaces or tabs.
    static func phrase(using random: inout SplitMix64, maxWords: Int = 8, maxPieces: Int = 4, spacing: Bool = true) -> String {
        let count = Int.random(in: 1...maxWords, using: &random)
        var text = ""
        for index in 0..<count {
            if index > 0 {
                let roll = Int.random(in: 0..<10, using: &random)
                text += spacing && roll == 0 ? "  " : spacing && roll == 1 ? "\t" : " "
            }
            for _ in 0..<Int.random(in: 1...maxPieces, using: &random) { text += pieces.randomElement(using: &random)! }
        }
        return text
    }

    /// A file name: a phrase, a dot and an extension.
    static func fileName(using random: inout SplitMix64) -> String {
        phrase(using: &random, maxWords: Int.random(in: 1...12, using: &random), spacing: false)
            .replacingOccurrences(of: "\t", with: " ") + "." + ["pdf", "txt", "tar.gz", "jpeg"].randomElement(using: &random)!
    }
}

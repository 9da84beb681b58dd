import Foundation
import Testing
import MIMEKit

/// The scanner's test messages (`Corpus/efail/`, listed in its `manifest.json`) and the
/// ordinary mail it must not raise alarms on.
enum ScanCorpus {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let efail = root.appendingPathComponent("Corpus/efail")
    static let keys = root.appendingPathComponent("Corpus/keys")
    static let shared = root.appendingPathComponent("../shared/corpus").standardizedFileURL
    static var hasShared: Bool { FileManager.default.fileExists(atPath: shared.path) }

    /// One manifest entry: a message and the rule ids it must trigger, without and with keys.
    struct Entry: Sendable, CustomTestStringConvertible {
        var file: String
        var expect: Set<String>
        var expectWithKeys: Set<String>?
        var note: String
        var testDescription: String { file }

        var bytes: [UInt8] { (try? Array(Data(contentsOf: ScanCorpus.efail.appendingPathComponent(file)))) ?? [] }
    }

    static let manifest: [Entry] = {
        guard let data = try? Data(contentsOf: efail.appendingPathComponent("manifest.json")),
            let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return list.map { item in
            Entry(file: item["file"] as? String ?? "",
                  expect: Set(item["expect"] as? [String] ?? []),
                  expectWithKeys: (item["expectWithKeys"] as? [String]).map(Set.init),
                  note: item["note"] as? String ?? "")
        }
    }()

    /// Every regular file under `directory`, sorted, skipping `skipping` folder names.
    static func files(under directory: URL, skipping: Set<String> = []) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var result: [URL] = []
        for case let url as URL in walker {
            if skipping.contains(url.lastPathComponent) {
                walker.skipDescendants()
                continue
            }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { result.append(url) }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// The messages of a file: an mbox is split, anything else is one message.
    static func messages(in url: URL) -> [MIMEMessage] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        let storage = ByteStorage(Array(data))
        var options = MIMEParserOptions()
        options.mbox = MIMEParser.looksLikeMbox(storage)
        var result: [MIMEMessage] = []
        MIMEParser.parseMessages(storage, options: options) { result.append($0) }
        return result
    }

    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 20)
        for (i, byte) in bytes.enumerated() {
            if byte == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) { out.append(0x0D) }
            out.append(byte)
        }
        return out
    }
}

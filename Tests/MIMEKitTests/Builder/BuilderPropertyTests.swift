import Foundation
import Testing
@testable import MIMEKit

/// parse(write(x)) == x for random messages: random Unicode subjects, display names and file
/// names, text with every kind of line, random binary attachments, random nesting of
/// multiparts, built and parsed enclosed messages, and raw parts. Seeded, so a failure
/// names the seed that reproduces it.
@Suite struct BuilderPropertyTests {
    static let seeds: [UInt64] = Array(1...120)

    private func build(_ seed: UInt64) -> (bytes: [UInt8], expected: [ExpectedEntity]) {
        var generator = RandomMessages(seed: seed)
        let (message, expected) = generator.message(depth: 3)
        return (message.serialize(options: MIMEBuildOptions(seed: seed)), expected)
    }

    @Test func ourParserReadsBackStructureAndContents() {
        for seed in Self.seeds {
            let (bytes, expected) = build(seed)
            let message = MIMEMessage(bytes: bytes)
            let actual = message.entities.map { entity in
                ExpectedEntity(mimeType: entity.contentType.mimeType, decoded: entity.isLeaf ? entity.decodedBody() : nil)
            }
            let wanted = expected.map { ExpectedEntity(mimeType: $0.mimeType, decoded: $0.decoded) }
            #expect(actual == wanted, "seed \(seed)")
            #expect(message.diagnostics.isEmpty, "seed \(seed): \(message.diagnostics)")
            #expect(MIMEWriter.serialize(message) == bytes, "seed \(seed)")
        }
    }

    @Test func outputIsCRLFSevenBitAndFolded() {
        for seed in Self.seeds {
            let (bytes, _) = build(seed)
            let profile = ContentProfile(bytes)
            #expect(profile.bareLF == 0 && profile.bareCR == 0 && profile.eightBit == 0 && profile.nul == 0, "seed \(seed)")
            let message = MIMEMessage(bytes: bytes)
            for entity in message.entities {
                for line in entity.headerBlock.bytes.split(separator: 0x0A) {
                    let words = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
                    #expect(line.count <= 79 || words.count <= 2, "seed \(seed): \(String(decoding: line, as: UTF8.self))")
                }
            }
        }
    }

    @Test func pythonsReaderReadsBackStructureContentsAndNames() throws {
        var messages: [[UInt8]] = []
        var expectations: [[ExpectedEntity]] = []
        for seed in Self.seeds {
            let (bytes, expected) = build(seed)
            messages.append(bytes)
            expectations.append(expected)
        }
        let script = """
        import sys, json, email, email.policy
        out = []
        for data in json.load(sys.stdin):
            m = email.message_from_bytes(bytes(data), policy=email.policy.default)
            rows = []
            for p in m.walk():
                payload = None if p.is_multipart() else p.get_payload(decode=True)
                subject = str(p['subject']) if p['subject'] is not None else None
                rows.append({'mimeType': p.get_content_type(), 'decoded': None if payload is None else list(payload),
                             'filename': p.get_filename(), 'subject': subject})
            out.append(rows)
        print(json.dumps(out))
        """
        let rows = try PythonEmail.json([[ExpectedEntity]].self, script, input: Array(try JSONEncoder().encode(messages)))
        for (index, seed) in Self.seeds.enumerated() {
            #expect(rows[index] == expectations[index], "seed \(seed)")
        }
    }
}

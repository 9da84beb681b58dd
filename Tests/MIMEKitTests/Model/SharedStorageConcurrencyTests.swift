import Dispatch
import Foundation
import Synchronization
import Testing
@testable import MIMEKit

/// One memory-mapped mbox read by several threads at once, the way `mimekit stat --jobs`
/// reads it: each thread parses messages out of the shared `ByteStorage`, reads their trees
/// (headers, envelopes, decoded bodies, charset conversion) and gives pages back behind it.
/// `make tsan` runs these under the thread sanitizer; here they check that every thread sees
/// what one thread alone sees.
@Suite struct SharedStorageConcurrencyTests {
    static let threads = 4

    /// An mbox of `count` messages of a few shapes: nested multiparts with base64 and
    /// quoted-printable parts, RFC 2047 subjects in several charsets, a message/rfc822.
    static func mbox(count: Int) -> [UInt8] {
        var text = ""
        for n in 0..<count {
            let payload = Data((0..<(200 + n * 37)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n) }).base64EncodedString(
                options: .lineLength76Characters)
            text += "From sender\(n)@example.org Mon Jan  1 00:00:00 2024\n"
            text += "From: Sender \(n) <sender\(n)@example.org>\nTo: list@example.org\n"
            text += "Date: Mon, 1 Jan 2024 00:\(String(format: "%02d", n % 60)):00 +0000\n"
            text += "Message-ID: <\(n)@example.org>\n"
            switch n % 4 {
            case 0:
                text += "Subject: =?iso-8859-1?q?Gr=FC=DFe_Nr._\(n)?=\n"
                text += "Content-Type: multipart/mixed; boundary=\"outer\(n)\"\n\n"
                text += "--outer\(n)\nContent-Type: multipart/alternative; boundary=inner\(n)\n\n"
                text += "--inner\(n)\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                text += "caf=C3=A9 number \(n)=\nsoft break\n"
                text += "--inner\(n)\nContent-Type: text/html; charset=iso-8859-1\n\n<p>Gr\u{FC}\u{DF}e \(n)</p>\n--inner\(n)--\n"
                text += "--outer\(n)\nContent-Type: application/octet-stream; name=data\(n).bin\n"
                text += "Content-Disposition: attachment; filename=\"data\(n).bin\"\nContent-Transfer-Encoding: base64\n\n"
                text += payload + "\n--outer\(n)--\n"
            case 1:
                text += "Subject: =?koi8-r?b?8NLJ18XU?= \(n)\nContent-Type: text/plain; charset=koi8-r\n\n"
                text += "line one\n>From the body, quoted\nline three\n"
            case 2:
                text += "Subject: =?shift_jis?b?k/qWe4zq?= \(n)\nContent-Type: message/rfc822\n\n"
                text += "From: inner@example.org\nSubject: inner \(n)\nContent-Type: text/plain\n"
                text += "Content-Transfer-Encoding: base64\n\n" + payload + "\n"
            default:
                text += "Subject: plain \(n)\nContent-Type: multipart/mixed; boundary=b\(n)\n\npreamble\n"
                text += "--b\(n)\nContent-Type: text/plain\n\nno final boundary \(n)\n"
            }
            text += "\n"
        }
        return Array(text.utf8)
    }

    /// What a reader can learn from a message, as one comparable value.
    static func summary(_ message: MIMEMessage) -> [String] {
        var lines = ["\(message.range) \(message.envelope.hashValue) \(message.envelope.subject ?? "-")"]
        lines += message.diagnostics.map { "\($0.code)" }
        for entity in message.entities {
            var line = "\(entity.id) \(entity.contentType.mimeType) \(entity.fileName ?? "-")"
            line += " " + entity.headers.map { "\($0.name)=\($0.unfoldedValue)" }.joined(separator: "|")
            if entity.isLeaf {
                let decoded = entity.decodedBody()
                line += " \(decoded.count) \(decoded.reduce(0) { $0 &* 31 &+ Int($1) })"
                line += " " + (entity.decodedText() ?? "-")
            }
            lines.append(line)
        }
        return lines
    }

    /// Writes `bytes` to a temporary file and maps it.
    static func mapped(_ bytes: [UInt8]) throws -> ByteStorage {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("mimekit-shared-\(UInt32.random(in: 0...UInt32.max)).mbox").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let storage = try ByteStorage(contentsOfFile: path)
        #expect(storage.mappedBase != nil, "the test wants a memory-mapped storage")
        return storage
    }

    @Test func threadsParsingOneMappedMboxAgreeWithOneThread() throws {
        let storage = try Self.mapped(Self.mbox(count: 48))
        let options = MIMEParserOptions.mbox
        var expected: [Int: [String]] = [:]
        MIMEParser.parseMessages(storage, options: options) { expected[$0.range.lowerBound] = Self.summary($0) }
        #expect(expected.count == 48)

        // The ranges are handed out under a lock, as MessageSource does; each thread parses
        // its range and drops the pages behind it while the others read theirs.
        let splitter = Locked(MboxSplitter(storage))
        let seen = Locked<[Int: [String]]>([:])
        DispatchQueue.concurrentPerform(iterations: Self.threads) { _ in
            while let range = splitter.withLock({ $0.next() }) {
                MIMEParser.parseMessages(storage, in: range, options: options, discardingPages: true) { message in
                    let summary = Self.summary(message)
                    seen.withLock { $0[message.range.lowerBound] = summary }
                }
                storage.discard(range)
            }
        }
        let got = seen.withLock { $0 }
        #expect(got.keys.sorted() == expected.keys.sorted())
        for (offset, summary) in expected where got[offset] != summary {
            Issue.record("message at \(offset) differs: \(got[offset] ?? []) != \(summary)")
        }
    }

    @Test func threadsReadingOneParsedTreeAgreeWithOneThread() throws {
        let storage = try Self.mapped(Self.mbox(count: 24))
        var messages: [MIMEMessage] = []
        MIMEParser.parseMessages(storage, options: .mbox) { messages.append($0) }
        let expected = messages.map(Self.summary)
        // Every thread reads every message (from a different start), so the same trees and
        // the same bytes are read at the same time; one thread discards pages as it goes.
        let mismatches = Atomic<Int>(0)
        let messagesRead = Atomic<Int>(0)
        let shared = messages
        DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
            for step in shared.indices {
                let index = (step + thread * 7) % shared.count
                if Self.summary(shared[index]) != expected[index] { mismatches.add(1, ordering: .relaxed) }
                if thread == 0 { storage.discard(shared[index].range) }
                messagesRead.add(1, ordering: .relaxed)
            }
        }
        #expect(mismatches.load(ordering: .relaxed) == 0)
        #expect(messagesRead.load(ordering: .relaxed) == Self.threads * 24)
    }
}

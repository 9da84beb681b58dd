import Foundation
import Testing
@testable import MIMEKit

/// Which pages of a memory-mapped input `MIMEParser.parseMessages(discardingPages:)` gives
/// back, and when: observed in the resident size of the mapping.
@Suite struct MIMEParserTests {
    /// A message of about 4 MiB, a multipart with a text part of 76-column lines, in a new file.
    /// With `mbox`, it is the one message of an mbox, with its Content-Length, or `copies`
    /// such messages one after the other.
    static func bigMessageFile(mbox: Bool = false, copies: Int = 1) throws -> String {
        let path = "/tmp/mimekit-parser-\(UInt32.random(in: 0...UInt32.max)).eml"
        let line = String(repeating: "abcdefghijklmnopqrstuvwxyz", count: 3).prefix(76) + "\n"
        // A multipart, so that the parser reads every line of the body for its boundary.
        let body = "--b\nContent-Type: text/plain\n\n" + String(repeating: String(line), count: (4 << 20) / 77) + "--b--\n"
        var text = mbox ? "From a@example.org Mon Jan  1 00:00:00 2024\nContent-Length: \(body.utf8.count)\n" : ""
        text += "From: a@example.org\nSubject: big\nContent-Type: multipart/mixed; boundary=b\n\n" + body
        try String(repeating: text, count: copies).write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// The resident size, in KiB, of this process's mapping of the file at `path`, from
    /// `/proc/self/smaps` (pages given back with `MADV_DONTNEED` leave it at once; page
    /// faults would not tell, since the kernel may map a whole large folio of the page cache
    /// per fault).
    static func residentKiB(ofMappingOf path: String) throws -> Int {
        // ByteStorage reads a /proc file to its end (Foundation would trust its size, 0).
        let smaps = try ByteStorage(contentsOfFile: "/proc/self/smaps").all.utf8String
        var inMapping = false
        var total = 0
        var found = false
        for line in smaps.split(separator: "\n") {
            // A mapping starts with its address range, "start-end", in hex; its fields follow.
            let head = line.prefix { $0 != " " }
            if head.contains("-") && head.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
                inMapping = line.hasSuffix(path)
                found = found || inMapping
            } else if inMapping && line.hasPrefix("Rss:") {
                total += Int(line.split(separator: " ")[1]) ?? 0
            }
        }
        try #require(found, "no mapping of \(path)")
        return total
    }

    /// The test messages are 4 MiB: kept, nearly all their pages are resident after parsing
    /// (the parser reads every byte); given back, none are.
    static let keptKiB = 3 << 10
    static let givenBackKiB = 64

    /// Parses the big test message (in an mbox with `mbox`) with `discardingPages`, and gives
    /// the mapping's resident KiB seen by the reader of each message, and after the parse.
    static func residentWhileReading(mbox: Bool = false, copies: Int = 1, options: MIMEParserOptions = MIMEParserOptions(),
                                     keptBytes: Int = MIMEParser.keptBytes,
                                     each: (MIMEMessage, ByteStorage) -> Void = { _, _ in }) throws -> (reading: [Int], after: Int) {
        let path = try bigMessageFile(mbox: mbox, copies: copies)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let storage = try ByteStorage(contentsOfFile: path)
        var reading: [Int] = []
        try MIMEParser.parseMessages(storage, in: 0..<storage.count, options: options, discardingPages: true,
                                     keptBytes: keptBytes) { message in
            each(message, storage)
            reading.append(try residentKiB(ofMappingOf: path))
        }
        return (reading, try residentKiB(ofMappingOf: path))
    }

    @Test func oneMessageUnderTheLimitKeepsItsPagesUntilDelivered() throws {
        let (reading, after) = try Self.residentWhileReading(keptBytes: 8 << 20) { message, storage in
            #expect(message.range == 0..<storage.count)
        }
        #expect(reading.count == 1)
        #expect(reading.allSatisfy { $0 >= Self.keptKiB }, "resident KiB: \(reading)")
        // Given back once the reader returned.
        #expect(after <= Self.givenBackKiB)
    }

    /// Of a message longer than `keptBytes`, only its last `keptBytes` (to a page) are left
    /// mapped when it is delivered, and nothing once its reader returned. (2 MiB: the page
    /// cache may hold the file in 2 MiB folios, and giving back part of one that is mapped
    /// whole unmaps all of it.)
    @Test func oneMessageOverTheLimitKeepsOnlyItsLastPart() throws {
        let (reading, after) = try Self.residentWhileReading(keptBytes: 2 << 20)
        #expect(reading.count == 1)
        #expect(reading.allSatisfy { $0 >= 2000 && $0 <= 2048 + Self.givenBackKiB }, "resident KiB: \(reading)")
        #expect(after <= Self.givenBackKiB)
    }

    @Test func theDefaultLimitKeepsAFourMiBMessage() throws {
        // At least a 4 MiB message is kept whole, and at most 64 MiB of any, which with the
        // rest of a run keeps `mimekit` under 100 MiB resident.
        #expect(MIMEParser.keptBytes >= 4 << 20 && MIMEParser.keptBytes <= 64 << 20)
        let (reading, _) = try Self.residentWhileReading()
        #expect(reading.count == 1)
        #expect(reading.allSatisfy { $0 >= Self.keptKiB }, "resident KiB: \(reading)")
    }

    @Test func anMboxReadInOnePassStillGivesPagesBackBehindTheParser() throws {
        // In one pass the parser cannot know where a message ends, so nothing is kept behind
        // a window (16 MiB): the fourth 4 MiB message ends in the second window, and is
        // delivered after the first went back. The last window goes back only once the last
        // message was delivered, so that its reader does not map it again.
        let (reading, after) = try Self.residentWhileReading(mbox: true, copies: 5, options: .mbox)
        #expect(reading.count == 5)
        #expect(reading[2] >= 2 * Self.keptKiB, "resident KiB: \(reading)")
        #expect(reading[3] <= 2048 + Self.givenBackKiB, "resident KiB: \(reading)")
        #expect(reading[4] >= Self.keptKiB, "resident KiB: \(reading)")
        #expect(after <= Self.givenBackKiB)
    }

    @Test func anMboxMessageCutByContentLengthIsOneMessage() throws {
        var options = MIMEParserOptions.mbox
        options.respectContentLength = true
        let (reading, after) = try Self.residentWhileReading(mbox: true, options: options) { message, _ in
            #expect(message.diagnostics.isEmpty, "\(message.diagnostics)")
        }
        #expect(reading.count == 1)
        #expect(reading.allSatisfy { $0 >= Self.keptKiB }, "resident KiB: \(reading)")
        #expect(after <= Self.givenBackKiB)
    }

    @Test func withoutDiscardingNothingIsGivenBack() throws {
        let path = try Self.bigMessageFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let storage = try ByteStorage(contentsOfFile: path)
        MIMEParser.parseMessages(storage, in: 0..<storage.count, discardingPages: false) { _ in }
        #expect(try Self.residentKiB(ofMappingOf: path) >= Self.keptKiB)
    }

    private struct Stop: Error, Equatable { var at: Int }

    /// An error thrown by the reader stops the parse: no message after it is delivered, and
    /// the error comes out as thrown, typed.
    @Test(arguments: [false, true])
    func anErrorFromTheReaderStopsTheParse(_ respectContentLength: Bool) {
        let mbox = "From a\nSubject: 1\n\nx\n\nFrom b\nSubject: 2\n\ny\n\nFrom c\nSubject: 3\n\nz\n"
        let storage = ByteStorage(Array(mbox.utf8))
        var options = MIMEParserOptions.mbox
        options.respectContentLength = respectContentLength
        var delivered = 0
        #expect(throws: Stop(at: 2)) {
            try MIMEParser.parseMessages(storage, in: 0..<storage.count, options: options) { (_: MIMEMessage) throws(Stop) in
                delivered += 1
                if delivered == 2 { throw Stop(at: 2) }
            }
        }
        #expect(delivered == 2)
    }
}

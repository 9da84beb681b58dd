import Foundation
import Testing
@testable import MIMEKit

/// Decoding base64 bodies ahead of the parser (`decodingAhead`) must give every leaf the report
/// a decode from its body's start gives: the same size, issues and diagnostics, however the
/// pieces fall against the lines, the boundaries and the malformed bytes.
@Suite struct Base64HeadStartTests {
    /// Every leaf's `decodedBodyReport` parsed with pieces of `piece` bytes decoded ahead, and
    /// how many head starts the messages carried.
    private static func aheadReports(_ storage: ByteStorage, piece: Int, discardingPages: Bool = false)
        -> (reports: [DecodedBodyReport], headStarts: Int) {
        var reports: [DecodedBodyReport] = []
        var headStarts = 0
        MIMEParser.parseMessages(storage, in: 0..<storage.count, options: MIMEParserOptions(),
                                 discardingPages: discardingPages, keptBytes: MIMEParser.keptBytes,
                                 decodingAhead: true, aheadPiece: piece) { message in
            headStarts += message.tree.headStarts.count
            // Never past the body: the report does not have to fall back to a whole decode.
            for headStart in message.tree.headStarts {
                #expect(headStart.decodedUpTo <= message.records[headStart.entity].end, "piece \(piece)")
            }
            for index in 0..<message.entityCount where message.entity(at: index).isLeaf {
                reports.append(message.entity(at: index).decodedBodyReport(discardingPages: discardingPages))
            }
        }
        return (reports, headStarts)
    }

    /// The same, parsed the plain way.
    private static func plainReports(_ storage: ByteStorage) -> [DecodedBodyReport] {
        var reports: [DecodedBodyReport] = []
        MIMEParser.parseMessages(storage) { message in
            #expect(message.tree.headStarts.isEmpty)
            for index in 0..<message.entityCount where message.entity(at: index).isLeaf {
                reports.append(message.entity(at: index).decodedBodyReport())
            }
        }
        return reports
    }

    /// Lines of base64 of `count` bytes, `width` characters a line.
    private static func base64Lines(_ count: Int, width: Int = 76, newline: String = "\r\n", seed: UInt8 = 7) -> String {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
        let encoded = Base64Encoder.encode(bytes).filter { $0 != 0x0D && $0 != 0x0A }
        var text: [UInt8] = []
        text.reserveCapacity(encoded.count + encoded.count / width * 2 + 2)
        var start = 0
        while start < encoded.count {
            let end = min(encoded.count, start + width)
            text += encoded[start..<end]
            text += Array(newline.utf8)
            start = end
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func multipart(_ bodies: [String], newline: String = "\r\n", epilogue: String = "") -> String {
        var text = "Subject: t\(newline)Content-Type: multipart/mixed; boundary=\"b-1\"\(newline)\(newline)pre\(newline)"
        for body in bodies {
            text += "--b-1\(newline)Content-Type: application/octet-stream\(newline)"
                + "Content-Transfer-Encoding: base64\(newline)\(newline)" + body
        }
        return text + "--b-1--\(newline)" + epilogue
    }

    /// Each message parsed with a range of piece sizes gives the plain reports, and at least one
    /// piece size decoded something ahead (so the comparison is not vacuous).
    private func check(_ text: String, pieces: [Int] = Array(1...97) + [128, 500, 1000, 4096]) {
        let storage = ByteStorage(text)
        let plain = Self.plainReports(storage)
        var decodedAhead = 0
        for piece in pieces {
            let (reports, headStarts) = Self.aheadReports(storage, piece: piece)
            #expect(reports == plain, "piece \(piece)")
            decodedAhead += headStarts
        }
        #expect(decodedAhead > 0)
    }

    @Test func cleanBodiesWithCRLFAndLF() {
        check(Self.multipart([Self.base64Lines(900), Self.base64Lines(5)]))
        check(Self.multipart([Self.base64Lines(700, newline: "\n")], newline: "\n"))
        check(Self.multipart([Self.base64Lines(700, width: 64)], epilogue: "after\r\n"))
    }

    @Test func bodiesThatEndBadly() {
        // A final quantum without its padding: the offset counts the body's bytes.
        let truncated = String(Self.base64Lines(600).dropLast(4)) + "\r\n"
        check(Self.multipart([truncated, Self.base64Lines(300)]))
        // No line break before the boundary.
        check(Self.multipart([String(Self.base64Lines(600).dropLast(2)) + "--b-1\r\n" + "\r\nQUJD\r\n"]))
        // The last part runs to the end of the input, without a closing boundary.
        let open = "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        check(open + Self.base64Lines(800))
        check(open + String(Self.base64Lines(800).dropLast(2)))
    }

    @Test func dashesAndJunkInsideTheBody() {
        let lines = Self.base64Lines(1200)
        let middle = lines.index(lines.startIndex, offsetBy: 700)
        // A line that starts with dashes but is no boundary, a dash within a line, other junk.
        check(Self.multipart([String(lines[..<middle]) + "\r\n--not-it\r\n" + String(lines[middle...])]))
        check(Self.multipart([String(lines[..<middle]) + "-" + String(lines[middle...])]))
        check(Self.multipart([String(lines[..<middle]) + "*!:" + String(lines[middle...]) + "=\r\n==\r\n"]))
        check(Self.multipart([String(lines[..<middle]) + "=" + String(lines[middle...])]))
    }

    /// A line longer than the stretch searched for a line break (64 KiB): nothing is decoded
    /// ahead until a line break follows it, and then all of it.
    @Test func aLineLongerThanTheSearch() {
        let long = Self.base64Lines(60_000, width: 80_000) + Self.base64Lines(3000)
        check(Self.multipart([long, Self.base64Lines(200)]), pieces: [1000, 4096, 30_000, 70_000, 200_000])
    }

    @Test func aWholeMessageOfBase64AndNestedParts() {
        check("Content-Transfer-Encoding: base64\n\n" + Self.base64Lines(1000, newline: "\n"))
        let inner = "Content-Type: multipart/alternative; boundary=in\r\n\r\n--in\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Self.base64Lines(500, seed: 3) + "--in\r\n"
            + "Content-Transfer-Encoding: BASE64\r\n\r\n" + Self.base64Lines(400, seed: 9) + "--in--\r\n"
        check("Content-Type: multipart/mixed; boundary=out\r\n\r\n--out\r\n" + inner + "--out\r\n"
              + "Content-Transfer-Encoding: quoted-printable\r\n\r\nx=3D1\r\n--out--\r\n")
    }

    /// Mapped from a file, with pages given back, and big enough to use the pair tables: a
    /// 12 MB body in the default 256 KiB pieces.
    @Test func aLongBodyFromAFile() throws {
        let text = Self.multipart([Self.base64Lines(9 << 20), Self.base64Lines(1000)])
        let path = "/tmp/mimekit-headstart-\(getpid()).eml"
        try Array(text.utf8).withUnsafeBytes { bytes in
            let file = fopen(path, "w")
            #expect(fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count)
            fclose(file)
        }
        defer { unlink(path) }
        let storage = try ByteStorage(contentsOfFile: path)
        let plain = Self.plainReports(storage)
        let (reports, headStarts) = Self.aheadReports(storage, piece: MIMEParser.aheadPiece, discardingPages: true)
        #expect(reports == plain)
        #expect(headStarts == 1)
        #expect(plain.first?.decodedSize == 9 << 20)
    }

    /// An mbox is never decoded ahead (its bodies are unquoted, and `From ` lines end messages).
    @Test func mboxIsLeftAlone() {
        let text = "From a\n" + Self.multipart([Self.base64Lines(2000, newline: "\n")], newline: "\n")
        let storage = ByteStorage(text)
        var headStarts = 0
        MIMEParser.parseMessages(storage, in: 0..<storage.count, options: .mbox, discardingPages: false,
                                 keptBytes: MIMEParser.keptBytes, decodingAhead: true, aheadPiece: 64) { message in
            headStarts += message.tree.headStarts.count
        }
        #expect(headStarts == 0)
    }
}

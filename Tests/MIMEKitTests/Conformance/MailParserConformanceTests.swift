import Foundation
import Testing
@testable import MIMEKit

/// A part as Stalwart mail-parser's `NNN.json` describes it, reduced to structure and offsets.
///
/// The offsets map one to one onto ours (established by hand on rfc/001, rfc/005,
/// malformed/001 and malformed/010, LF and CRLF):
/// - `offset_header` is where the part starts (after the boundary line's line ending): our
///   `offsets.start`;
/// - `offset_body` is where the body starts, after the blank line: our `offsets.bodyStart`;
/// - `offset_end` is where the part ends: before the line ending that precedes the next
///   boundary line (that line ending belongs to the boundary, RFC 2046 5.1.1, as in our
///   tree), or the end of the input for the root: our `offsets.end`;
/// - a header's `offset_field` is the start of its name, `offset_start` the byte after the
///   colon, `offset_end` the end of the field with its final line ending: our `raw.startIndex`,
///   `rawValue.startIndex` and `raw.endIndex`.
/// A `message/rfc822` part's body is a nested message whose parts carry absolute offsets too.
struct MailParserPart: Equatable {
    struct Header: Equatable {
        var name: String
        var field: Int
        var valueStart: Int
        var end: Int
    }

    var kind: MIMEHeadersEnd.Kind
    /// `type/subtype` lowercased from the part's Content-Type header, nil when it has none.
    var contentType: String?
    var start: Int
    var bodyStart: Int
    var end: Int
    var headers: [Header]
    var children: [MailParserPart]

    enum Failure: Error { case unexpected(String) }

    /// The root part of a message object of mail-parser's JSON.
    static func root(ofMessage message: [String: Any]) throws -> MailParserPart {
        guard let parts = message["parts"] as? [[String: Any]], !parts.isEmpty else { throw Failure.unexpected("no parts") }
        return try part(0, of: parts)
    }

    private static func part(_ index: Int, of parts: [[String: Any]]) throws -> MailParserPart {
        let part = parts[index]
        guard let body = part["body"] as? [String: Any], let bodyKind = body.keys.first,
              let start = part["offset_header"] as? Int, let bodyStart = part["offset_body"] as? Int,
              let end = part["offset_end"] as? Int, let rawHeaders = part["headers"] as? [[String: Any]] else {
            throw Failure.unexpected("part \(index) lacks body, offsets or headers")
        }
        var headers: [Header] = []
        var contentType: String?
        for header in rawHeaders {
            let name: String
            if let plain = header["name"] as? String {
                name = plain
            } else if let other = (header["name"] as? [String: Any])?["other"] as? String {
                name = other.lowercased().replacingOccurrences(of: "-", with: "_")
            } else {
                throw Failure.unexpected("header name")
            }
            guard let field = header["offset_field"] as? Int, let valueStart = header["offset_start"] as? Int,
                  let headerEnd = header["offset_end"] as? Int else { throw Failure.unexpected("header offsets") }
            headers.append(Header(name: name, field: field, valueStart: valueStart, end: headerEnd))
            if name == "content_type", contentType == nil,
               let value = (header["value"] as? [String: Any])?["ContentType"] as? [String: Any],
               let type = value["c_type"] as? String {
                if let subtype = value["c_subtype"] as? String {
                    contentType = "\(type)/\(subtype)".lowercased()
                } else {
                    contentType = type.lowercased()
                }
            }
        }
        var kind = MIMEHeadersEnd.Kind.leaf
        var children: [MailParserPart] = []
        switch bodyKind {
        case "Multipart":
            kind = .multipart
            guard let indices = body["Multipart"] as? [Int] else { throw Failure.unexpected("Multipart indices") }
            children = try indices.map { try Self.part($0, of: parts) }
        case "Message":
            kind = .message
            guard let nested = body["Message"] as? [String: Any] else { throw Failure.unexpected("Message body") }
            children = [try root(ofMessage: nested)]
        default:
            break
        }
        return MailParserPart(kind: kind, contentType: contentType, start: start, bodyStart: bodyStart, end: end,
                              headers: headers, children: children)
    }
}

extension MailParserPart {
    /// Our tree in the same terms (content type as mail-parser would report it: only when the
    /// entity has a Content-Type field; our effective type otherwise is not compared).
    /// With `decodingMessages`, a base64 message/rfc822 leaf becomes a message whose child is
    /// the decoded message parsed (offsets into the decoded bytes), as mail-parser does.
    init(_ entity: MIMEEntity, decodingMessages: Bool = false) {
        kind = entity.kind
        let hasField = entity.headers.contains { $0.hasName("Content-Type") }
        contentType = hasField && !entity.isDefaultContentType ? entity.contentType.mimeType.lowercased() : nil
        if hasField && entity.isDefaultContentType { contentType = "(unparsable)" }
        (start, bodyStart, end) = entity.offsets
        headers = entity.headers.map {
            Header(name: $0.name.lowercased().replacingOccurrences(of: "-", with: "_"),
                   field: $0.raw.startIndex, valueStart: $0.rawValue.startIndex, end: $0.raw.endIndex)
        }
        children = entity.children.map { MailParserPart($0, decodingMessages: decodingMessages) }
        if decodingMessages, let enclosed = decodedEnclosedMessage(entity) {
            kind = .message
            children = [MailParserPart(enclosed.root, decodingMessages: true)]
        }
    }

    func firstDifference(from ours: MailParserPart, path: String = "root") -> String? {
        if kind != ours.kind { return "\(path): mail-parser \(kind), ours \(ours.kind)" }
        if let contentType, contentType != ours.contentType {
            return "\(path) content type: mail-parser \(contentType), ours \(ours.contentType ?? "none")"
        }
        if (start, bodyStart, end) != (ours.start, ours.bodyStart, ours.end) {
            return "\(path) offsets (start, body, end): mail-parser \((start, bodyStart, end)), ours \((ours.start, ours.bodyStart, ours.end))"
        }
        for i in 0..<max(headers.count, ours.headers.count) {
            let a = i < headers.count ? headers[i] : nil
            let b = i < ours.headers.count ? ours.headers[i] : nil
            if a != b {
                let show = { (h: Header?) in h.map { "\($0.name) \($0.field)/\($0.valueStart)/\($0.end)" } ?? "none" }
                return "\(path) header \(i + 1): mail-parser \(show(a)), ours \(show(b))"
            }
        }
        for i in 0..<min(children.count, ours.children.count) {
            if let d = children[i].firstDifference(from: ours.children[i], path: childPath(path, i)) { return d }
        }
        if children.count != ours.children.count {
            return "\(path): mail-parser has \(children.count) children, ours \(ours.children.count)"
        }
        return nil
    }
}

/// The bytes with every CRLF made LF (lone CRs kept).
func lf(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    for (i, byte) in bytes.enumerated() where !(byte == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
        out.append(byte)
    }
    return out
}

/// Our tree against Stalwart mail-parser's (`mail-parser/{rfc,malformed,thirdparty}`): part
/// tree shape, content types, entity and header offsets; each message as given (LF) against
/// `NNN.json` and with CRLF line endings (`crlf(_:)`) against `NNN.crlf.json`.
///
/// Run: `swift test --skip-build --filter MIMEKitTests.MailParserConformanceTests`
@Suite(.enabled(if: TestCorpus.hasShared, "../shared/corpus is absent: mail-parser conformance skipped"))
struct MailParserConformanceTests {
    /// Messages where mail-parser's tree differs from ours, and why. Keys are
    /// `folder/NNN.eml` (LF) or `folder/NNN.eml crlf`.
    static let knownDifferences: [String: KnownDifference] = [
        // Their choice. Boundary `a`, lines `--ab` and `--ac`: both take them as delimiters
        // (RFC 2046 5.1.1, prefix match), but mail-parser starts the part right after `--a`,
        // so the rest of the line (`b` LF) opens the part's headers; for us the rest of a
        // delimiter line is transport padding that belongs to the delimiter (RFC 2046
        // 5.1.1: `delimiter transport-padding CRLF body-part`), and the part starts on the
        // next line.
        "malformed/004.eml": KnownDifference(.theirChoice, "text after the boundary on a delimiter line: part of the part for mail-parser, of the delimiter line for us",
            shows: "root/1 offsets (start, body, end): mail-parser (48, 95, 131), ours (50, 95, 131)"),
        "malformed/004.eml crlf": KnownDifference(.theirChoice, "text after the boundary on a delimiter line: part of the part for mail-parser, of the delimiter line for us",
            shows: "root/1 offsets (start, body, end): mail-parser (50, 100, 140), ours (53, 100, 140)"),

        // Ambiguous: nested boundaries where the inner one is a prefix of the enclosing one
        // (`a` in `ab`; in 016 three boundaries of 80, 81 and 82 bytes, past RFC 2046's 70).
        // A line `--ab` is exactly the outer delimiter and, by the prefix rule, also an
        // inner one. mail-parser tries the innermost boundary first, by prefix; we match the
        // whole boundary, so `--ab` ends the inner multipart. The RFC does not say which
        // boundary to try first. It leans our way: RFC 2046 5.1.1 asks composers for an inner
        // boundary that "does not contain the boundary parameter value of an enclosing
        // multipart as a prefix" (the case where checking enclosing boundaries by prefix
        // would misfire), and allows `a` inside `ab`, which only works if a line that is
        // exactly an enclosing delimiter is taken as that one, as we do.
        "malformed/001.eml": KnownDifference(.ambiguous, "one boundary is a prefix of the enclosing one: --outer also prefix-matches the inner boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (51, 96, 132), ours (51, 96, 96)"),
        "malformed/001.eml crlf": KnownDifference(.ambiguous, "one boundary is a prefix of the enclosing one: --outer also prefix-matches the inner boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (54, 101, 142), ours (54, 101, 101)"),
        "malformed/008.eml": KnownDifference(.ambiguous, "one boundary is a prefix of the enclosing one: --outer also prefix-matches the inner boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (51, 96, 167), ours (51, 96, 130)"),
        "malformed/008.eml crlf": KnownDifference(.ambiguous, "one boundary is a prefix of the enclosing one: --outer also prefix-matches the inner boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (54, 101, 180), ours (54, 101, 138)"),
        "malformed/016.eml": KnownDifference(.ambiguous, "one boundary is a prefix of the enclosing one: --outer also prefix-matches the inner boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (211, 336, 997), ours (211, 336, 654)"),
        "malformed/016.eml crlf": KnownDifference(.ambiguous, "one boundary is a prefix of the enclosing one: --outer also prefix-matches the inner boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (214, 341, 1021), ours (214, 341, 665)"),

        // Their choice: an inner multipart is never closed and the outer boundary follows.
        // We end the inner multipart at the outer delimiter (boundaries of enclosing
        // multiparts are distinct precisely so that they can be seen inside nested ones,
        // RFC 2046 5.1.1 and 5.1.2); mail-parser looks only for the innermost boundary and
        // runs the last inner part to the end of the message.
        "malformed/009.eml": KnownDifference(.theirChoice, "outer delimiter inside an unclosed inner multipart: mail-parser looks only for the innermost boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (49, 94, 193), ours (49, 94, 158)"),
        "malformed/009.eml crlf": KnownDifference(.theirChoice, "outer delimiter inside an unclosed inner multipart: mail-parser looks only for the innermost boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (52, 99, 210), ours (52, 99, 170)"),
        "malformed/011.eml": KnownDifference(.theirChoice, "outer delimiter inside an unclosed inner multipart: mail-parser looks only for the innermost boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (49, 94, 193), ours (49, 94, 158)"),
        "malformed/011.eml crlf": KnownDifference(.theirChoice, "outer delimiter inside an unclosed inner multipart: mail-parser looks only for the innermost boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (52, 99, 210), ours (52, 99, 170)"),
        "malformed/012.eml": KnownDifference(.theirChoice, "outer delimiter inside an unclosed inner multipart: mail-parser looks only for the innermost boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (49, 94, 283), ours (49, 94, 218)"),
        "malformed/012.eml crlf": KnownDifference(.theirChoice, "outer delimiter inside an unclosed inner multipart: mail-parser looks only for the innermost boundary",
            shows: "root/1 offsets (start, body, end): mail-parser (52, 99, 306), ours (52, 99, 234)"),

        // Their choice: a part's header has a line that is not a field (`JPlain text ...`).
        // mail-parser skips it and keeps reading the header; we end the header block there
        // (RFC 5322 2.1; the same difference as with mime4j).
        "malformed/019.eml": KnownDifference(.theirChoice, "a line that is not a field in a part header: mail-parser skips it, we start the body there",
            shows: "root/4 offsets (start, body, end): mail-parser (1760, 1847, 1847), ours (1760, 1803, 1846)"),
        "malformed/019.eml crlf": KnownDifference(.theirChoice, "a line that is not a field in a part header: mail-parser skips it, we start the body there",
            shows: "root/4 offsets (start, body, end): mail-parser (1818, 1908, 1908), ours (1818, 1862, 1906)"),

        // Their choice: `invalid--1--` at the end: mail-parser finds the close delimiter in
        // the middle of a line; RFC 2046 5.1.1 delimiters follow a CRLF, so for us the line is
        // content and the multipart has no close delimiter.
        "thirdparty/005.eml": KnownDifference(.theirChoice, "mail-parser finds --1-- in the middle of the line invalid--1--",
            shows: "root/5 offsets (start, body, end): mail-parser (522, 597, 604), ours (522, 597, 610)"),
        "thirdparty/005.eml crlf": KnownDifference(.theirChoice, "mail-parser finds --1-- in the middle of the line invalid--1--",
            shows: "root/5 offsets (start, body, end): mail-parser (550, 628, 635), ours (550, 628, 642)"),

        // Their choice: a base64 message/rfc822 is decoded and parsed by mail-parser (offsets
        // then point into the decoded bytes); we keep it a leaf (RFC 2046 5.2.1).
        "rfc/008.eml": KnownDifference(.theirChoice, "base64 message/rfc822 decoded and parsed by mail-parser",
            shows: "root/2: mail-parser message, ours leaf"),
        "rfc/008.eml crlf": KnownDifference(.theirChoice, "base64 message/rfc822 decoded and parsed by mail-parser",
            shows: "root/2: mail-parser message, ours leaf"),

        // Ambiguous: boundary lines directly after one another and parts whose headers end
        // at the next boundary line (no blank line). Strictly (RFC 2046 5.1.1) a delimiter
        // needs a CRLF of its own before it; we read empty parts, mail-parser drops them all
        // and keeps an empty multipart.
        "malformed/000.eml": KnownDifference(.ambiguous, "boundary lines with no blank line between: we make 4 parts, mail-parser none",
            shows: "root: mail-parser has 0 children, ours 4"),
        "malformed/000.eml crlf": KnownDifference(.ambiguous, "boundary lines with no blank line between: we make 4 parts, mail-parser none",
            shows: "root: mail-parser has 0 children, ours 4"),

        // Ambiguous: a multipart with no boundary line at all. mail-parser makes it a text
        // leaf; we keep it a multipart whose whole body is preamble (with a diagnostic).
        "malformed/002.eml": KnownDifference(.ambiguous, "multipart without any boundary line: mail-parser a text leaf, we a multipart of preamble only",
            shows: "root: mail-parser leaf, ours multipart"),
        "malformed/002.eml crlf": KnownDifference(.ambiguous, "multipart without any boundary line: mail-parser a text leaf, we a multipart of preamble only",
            shows: "root: mail-parser leaf, ours multipart"),

        // Ambiguous: a multipart part whose header is ended by its own first boundary line,
        // with no blank line. mail-parser makes it a leaf; we end the header at the boundary
        // line (with a diagnostic) and parse the nested multipart.
        "malformed/007.eml": KnownDifference(.ambiguous, "multipart part whose header is ended by its own boundary line: mail-parser a leaf, we a multipart",
            shows: "root/1: mail-parser leaf, ours multipart"),
        "malformed/007.eml crlf": KnownDifference(.ambiguous, "multipart part whose header is ended by its own boundary line: mail-parser a leaf, we a multipart",
            shows: "root/1: mail-parser leaf, ours multipart"),

        // Ambiguous: the input ends with a delimiter that is not a close delimiter. We open
        // the part it announces (empty); mail-parser adds no part.
        "malformed/013.eml": KnownDifference(.ambiguous, "a last delimiter (not a close delimiter) at the end of input: we add an empty part, mail-parser none",
            shows: "root/2/2/2: mail-parser has 1 children, ours 2"),
        "malformed/013.eml crlf": KnownDifference(.ambiguous, "a last delimiter (not a close delimiter) at the end of input: we add an empty part, mail-parser none",
            shows: "root/2/2/2: mail-parser has 1 children, ours 2"),
        "malformed/014.eml": KnownDifference(.ambiguous, "a last delimiter (not a close delimiter) at the end of input: we add an empty part, mail-parser none",
            shows: "root: mail-parser has 1 children, ours 2"),
        "malformed/014.eml crlf": KnownDifference(.ambiguous, "a last delimiter (not a close delimiter) at the end of input: we add an empty part, mail-parser none",
            shows: "root: mail-parser has 1 children, ours 2"),

        // Ambiguous: two Content-Type fields (RFC 2045 allows one). We use the first
        // (multipart/alternative), mail-parser the last (text/plain).
        "malformed/020.eml": KnownDifference(.ambiguous, "two Content-Type fields: we use the first (multipart), mail-parser the last (text/plain)",
            shows: "root/1: mail-parser leaf, ours multipart"),
        "malformed/020.eml crlf": KnownDifference(.ambiguous, "two Content-Type fields: we use the first (multipart), mail-parser the last (text/plain)",
            shows: "root/1: mail-parser leaf, ours multipart"),
        "malformed/021.eml": KnownDifference(.ambiguous, "two Content-Type fields: we use the first (multipart), mail-parser the last (text/plain)",
            shows: "root/1: mail-parser leaf, ours multipart"),
        "malformed/021.eml crlf": KnownDifference(.ambiguous, "two Content-Type fields: we use the first (multipart), mail-parser the last (text/plain)",
            shows: "root/1: mail-parser leaf, ours multipart"),

        // Ambiguous: message/rfc822 whose content is one line of text. mail-parser falls back
        // to a text leaf; we keep the declared structure, an enclosed message with no field.
        "malformed/022.eml": KnownDifference(.ambiguous, "message/rfc822 whose content is not a message: mail-parser a text leaf, we an enclosed message without fields",
            shows: "root/2: mail-parser leaf, ours message"),
        "malformed/022.eml crlf": KnownDifference(.ambiguous, "message/rfc822 whose content is not a message: mail-parser a text leaf, we an enclosed message without fields",
            shows: "root/2: mail-parser leaf, ours message"),

        // Ambiguous: inside a message/rfc822 part, the enclosed message's header block runs
        // into a line that is the enclosing multipart's delimiter. We end the part there
        // (the boundary must not occur inside a part, RFC 2046 5.1.1); mail-parser does not
        // look for boundaries in header blocks and reads on.
        "thirdparty/015.eml": KnownDifference(.ambiguous, "the enclosing boundary line inside an enclosed message header: we end the part there, mail-parser reads on",
            shows: "root/2 offsets (start, body, end): mail-parser (12184, 12344, 19854), ours (12184, 12344, 14532)"),
        "thirdparty/015.eml crlf": KnownDifference(.ambiguous, "the enclosing boundary line inside an enclosed message header: we end the part there, mail-parser reads on",
            shows: "root/2 offsets (start, body, end): mail-parser (12389, 12556, 20237), ours (12389, 12556, 14789)"),
    ]

    static var messages: [URL] {
        guard let shared = TestCorpus.shared else { return [] }
        return ["rfc", "malformed", "thirdparty"].flatMap {
            TestCorpus.files(under: shared.appendingPathComponent("mail-parser/" + $0), extensions: ["eml"])
        }
    }

    static func key(_ url: URL) -> String {
        url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
    }

    @Test func corpusIsThere() {
        #expect(Self.messages.count >= 50, "expected the mail-parser rfc, malformed and thirdparty messages")
    }

    /// rfc/008's base64 message/rfc822 is the only difference there: once we decode the
    /// enclosed message and parse it, as mail-parser does, the trees agree.
    @Test func encodedMessageAgreesOnceDecoded() throws {
        let url = try #require(Self.messages.first { Self.key($0) == "rfc/008.eml" })
        let bytes = lf(try TestCorpus.bytes(url))
        for (input, json) in [(bytes, "json"), (crlf(bytes), "crlf.json")] {
            let path = url.deletingPathExtension().appendingPathExtension(json)
            let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: path))
            let expected = try MailParserPart.root(ofMessage: try #require(object as? [String: Any]))
            let ours = MailParserPart(MIMEMessage(bytes: input).root, decodingMessages: true)
            let difference = expected.firstDifference(from: ours)
            #expect(difference == nil, "rfc/008.\(json): \(difference ?? "")")
        }
    }

    @Test func treesAgreeWithMailParser() throws {
        var compared: [String] = []
        var disagreements: [String: String] = [:]
        for url in Self.messages {
            // Some messages (Dovecot's) have CRLF line endings, some mixed: mail-parser's
            // `NNN.json` is of the message with every CRLF made LF, and `NNN.crlf.json` of
            // that with every LF made CRLF (checked on the root's end offset: LF = file size
            // minus its CRs before LF).
            let bytes = lf(try TestCorpus.bytes(url))
            let base = url.deletingPathExtension()
            for (suffix, input, json) in [("", bytes, base.appendingPathExtension("json")),
                                          (" crlf", crlf(bytes), base.appendingPathExtension("crlf.json"))] {
                guard FileManager.default.fileExists(atPath: json.path) else {
                    Issue.record("\(Self.key(url)): \(json.lastPathComponent) is missing")
                    continue
                }
                let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: json))
                let expected = try MailParserPart.root(ofMessage: try #require(object as? [String: Any]))
                let ours = MailParserPart(MIMEMessage(bytes: input).root)
                let key = Self.key(url) + suffix
                compared.append(key)
                if let difference = expected.firstDifference(from: ours) { disagreements[key] = difference }
            }
        }
        checkAgainstTable(corpus: "mail-parser", compared: compared, disagreements: disagreements, known: Self.knownDifferences)
    }
}

@testable import MIMEKit

/// Seeded random messages built from every kind of part, with what they should read back as.
struct RandomMessages {
    var random: SplitMix64
    /// Whether leaves go unencoded, labelled `8bit` (text) or `binary` (bytes): what the
    /// canonical form must re-encode.
    let identityEncodings: Bool

    init(seed: UInt64, identityEncodings: Bool = false) {
        random = SplitMix64(state: seed)
        self.identityEncodings = identityEncodings
    }

    /// A message, at most `depth` levels of parts deep.
    mutating func message(depth: Int) -> (MIMEMessageBuilder, [ExpectedEntity]) {
        var (body, expected) = part(depth: depth)
        if case .raw = body.content {
            // A raw body's header continues the message's, which then has two
            // Content-Types; raw parts go inside multiparts only.
            (body, expected) = leaf()
        }
        var message = MIMEMessageBuilder(body: body)
        message.subject = RandomText.phrase(using: &random, maxWords: 12)
        message.from = [MIMEAddress("from@example.org", name: RandomText.phrase(using: &random, maxWords: 3, maxPieces: 2, spacing: false))]
        message.to = (0..<Int.random(in: 1...3, using: &random)).map { MIMEAddress("to\($0)@example.com") }
        expected[0].subject = message.subject
        return (message, expected)
    }

    mutating func part(depth: Int) -> (MIMEPart, [ExpectedEntity]) {
        let roll = Int.random(in: 0..<10, using: &random)
        switch roll {
        case 0..<3 where depth > 0:
            let count = Int.random(in: 1...3, using: &random)
            var parts: [MIMEPart] = []
            var expected: [ExpectedEntity] = []
            for _ in 0..<count {
                let (child, childExpected) = part(depth: depth - 1)
                parts.append(child)
                expected += childExpected
            }
            let subtype = ["mixed", "alternative", "related", "x-unknown"].randomElement(using: &random)!
            let preamble = Bool.random(using: &random) ? "This is a MIME message.\n" : nil
            let multipart = MIMEPart.multipart(subtype, parts, preamble: preamble, epilogue: Bool.random(using: &random) ? "epilogue\n" : nil)
            return (multipart, [ExpectedEntity(mimeType: "multipart/\(subtype)")] + expected)
        case 3 where depth > 0:
            let (inner, innerExpected) = message(depth: depth - 1)
            return (.message(inner), [ExpectedEntity(mimeType: "message/rfc822")] + innerExpected)
        case 4 where depth > 0:
            let (inner, innerExpected) = message(depth: depth - 1)
            let parsed = MIMEMessage(bytes: inner.serialize(options: MIMEBuildOptions(seed: random.next())))
            return (.message(parsed), [ExpectedEntity(mimeType: "message/rfc822")] + innerExpected)
        case 5:
            let (inner, innerExpected) = leaf()
            return (.raw(inner.serialize()), innerExpected)
        default:
            return leaf()
        }
    }

    mutating func leaf() -> (MIMEPart, [ExpectedEntity]) {
        switch Int.random(in: 0..<4, using: &random) {
        case 0, 1:
            let subtype = Bool.random(using: &random) ? "plain" : "html"
            let text = self.text()
            var part = MIMEPart.text(text, subtype: subtype)
            if identityEncodings { part.transferEncoding = .eightBit }
            return (part,
                    [ExpectedEntity(mimeType: "text/\(subtype)", decoded: MIMEPart.withCRLF(Array(text.utf8)))])
        case 2:
            let bytes = (0..<Int.random(in: 0...3000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let filename = Bool.random(using: &random) ? RandomText.fileName(using: &random) : nil
            let type = [("application", "octet-stream"), ("image", "png"), ("application", "pdf")].randomElement(using: &random)!
            var part = MIMEPart.attachment(bytes, type: ContentType(type: type.0, subtype: type.1), filename: filename)
            if identityEncodings { part.transferEncoding = .binary }
            return (part,
                    [ExpectedEntity(mimeType: "\(type.0)/\(type.1)", decoded: bytes, filename: filename)])
        default:
            // Text given as bytes: kept exactly, line breaks and all.
            let bytes = Array(self.text().utf8)
            let filename = RandomText.fileName(using: &random)
            return (.attachment(bytes, type: ContentType(type: "text", subtype: "plain"), filename: filename),
                    [ExpectedEntity(mimeType: "text/plain", decoded: bytes, filename: filename)])
        }
    }

    /// Lines of random text with random line breaks, some long, some with trailing white
    /// space, some starting with `From ` or `.`, some mostly non-ASCII.
    mutating func text() -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...12, using: &random) {
            switch Int.random(in: 0..<12, using: &random) {
            case 0: text += String(repeating: "long line ", count: Int.random(in: 8...120, using: &random))
            case 1: text += "From the desk of"
            case 2: text += "."
            case 3: text += "trailing  \t"
            case 4: text += String(repeating: "日本語のテキスト", count: Int.random(in: 1...30, using: &random))
            case 5: text += "--=_ and -- boundary-like"
            default: text += RandomText.phrase(using: &random, maxWords: 12)
            }
            text += ["\n", "\r\n", "\r\n", "\r"].randomElement(using: &random)!
        }
        if Bool.random(using: &random) { text += "no final line break" }
        return text
    }
}

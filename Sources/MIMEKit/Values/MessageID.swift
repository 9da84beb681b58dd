/// Message identifiers: `Message-ID`, `In-Reply-To`, `References`, `Content-ID`
/// (RFC 5322 section 3.6.4).
///
/// ```
/// msg-id   = [CFWS] "<" id-left "@" id-right ">" [CFWS]
/// obs-id-left = local-part ; obs-id-right = domain        ; section 4.5.4
/// ```
///
/// Ids are returned without their angle brackets. Comments and white space inside the
/// brackets (allowed by the obsolete syntax) are removed, so `<a (x) @ b>` is `a@b`; a
/// quoted-string keeps its quotes and content. Between ids, anything that is not an id
/// (`(comments)`, words like `your message of ...`, commas) is skipped. A value without any
/// `<` is read leniently: its words that contain `@`, or its only word.
public enum MessageID: Sendable {
    /// The first id of a `Message-ID` or `Content-ID` value.
    public static func parse(_ raw: some Collection<UInt8>) -> String? {
        parseList(raw).first
    }

    /// All ids of an `In-Reply-To` or `References` value, in order.
    public static func parseList(_ raw: some Collection<UInt8>) -> [String] {
        var scanner = HeaderValueScanner(Array(HeaderText.fieldValue(Array(raw))))
        var ids: [String] = []
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        func endWord() {
            if !word.isEmpty { words.append(word) }
            word.removeAll()
        }
        while let byte = scanner.peek {
            switch byte {
            case UInt8(ascii: "<"):
                endWord()
                scanner.skipByte()
                let id = bracketed(&scanner)
                if !id.isEmpty { ids.append(Charset.decodeHeaderText(id, fallback: nil)) }
            case UInt8(ascii: "("), 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ","):
                endWord()
                if byte == UInt8(ascii: ",") { scanner.skipByte() } else { scanner.skipCFWS() }
            default:
                word.append(byte)
                scanner.skipByte()
            }
        }
        endWord()
        if !ids.isEmpty { return ids }
        let withAt = words.filter { $0.contains(UInt8(ascii: "@")) }
        let chosen = withAt.isEmpty && words.count == 1 ? words : withAt
        return chosen.map { Charset.decodeHeaderText($0, fallback: nil) }
    }

    /// The content up to `>` (or the end), without comments and white space outside quotes.
    private static func bracketed(_ scanner: inout HeaderValueScanner) -> [UInt8] {
        var id: [UInt8] = []
        while let byte = scanner.peek {
            switch byte {
            case UInt8(ascii: ">"):
                scanner.skipByte()
                return id
            case UInt8(ascii: "<"):
                // A new `<` before `>`: the previous id was not closed.
                return id
            case UInt8(ascii: "("), 0x20, 0x09, 0x0D, 0x0A:
                scanner.skipCFWS()
            case UInt8(ascii: "\""):
                let start = scanner.position
                _ = scanner.quotedString()
                id.append(contentsOf: scanner.bytes[start..<scanner.position])
            default:
                id.append(byte)
                scanner.skipByte()
            }
        }
        return id
    }
}

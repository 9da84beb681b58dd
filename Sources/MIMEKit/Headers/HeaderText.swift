/// Decodes the text of header fields into what a user should see.
///
/// Inputs are the raw bytes of one field's value, as the message tree hands them over
/// (after the colon, folding included). A line break that is not followed by white space
/// ends the field (RFC 5322 section 2.2): anything after it is not part of this value.
/// Unfolding removes the CR and LF of each fold and keeps its white space (section 2.2.3).
/// RFC 2047 encoded-words are decoded leniently: white space between two encoded-words is
/// dropped and kept elsewhere (section 6.2); adjacent words in one charset are joined as
/// bytes first (so a character split across them survives); words glued to text, with
/// spaces in their text, folded inside, lacking the final `?=`, or with a language suffix
/// (RFC 2231 section 5) are decoded; a word in an unknown charset is kept as written. Raw
/// 8-bit text goes through ``Charset/decodeHeaderText(_:fallback:)`` with `fallbackCharset`
/// (usually the charset of the message's body part).
public enum HeaderText: Sendable {
    /// Decodes an unstructured value such as `Subject` or `Comments` (RFC 5322 section 3.2.5):
    /// unfolded, encoded-words decoded, leading and trailing white space removed.
    public static func decodeUnstructured(_ raw: some Collection<UInt8>, fallbackCharset: String? = nil) -> String {
        EncodedWordDecoder.decode(Array(fieldValue(Array(raw))), fallback: fallbackCharset)
    }

    /// Decodes a phrase, such as a display name (RFC 5322 section 3.2.5).
    ///
    /// ```
    /// phrase = 1*word / obs-phrase    ; word = atom / quoted-string
    /// ```
    ///
    /// Comments are left out, quoted-strings are unquoted (and encoded-words inside them are
    /// decoded, which RFC 2047 forbids but many clients write), and the white space between
    /// words becomes one space.
    public static func decodePhrase(_ raw: some Collection<UInt8>, fallbackCharset: String? = nil) -> String {
        let value = fieldValue(Array(raw))
        return EncodedWordDecoder.decode(phraseBytes(value), fallback: fallbackCharset)
    }

    /// Decodes a comma-separated list of phrases, such as `Keywords` (RFC 5322 section 3.6.5).
    /// Empty elements are left out.
    public static func decodeList(_ raw: some Collection<UInt8>, fallbackCharset: String? = nil) -> [String] {
        let value = fieldValue(Array(raw))
        var items: [String] = []
        var scanner = HeaderValueScanner(Array(value))
        var start = 0
        func take(_ end: Int) {
            let text = EncodedWordDecoder.decode(phraseBytes(scanner.bytes[start..<end]), fallback: fallbackCharset)
            if !text.isEmpty { items.append(text) }
        }
        while let byte = scanner.peek {
            switch byte {
            case UInt8(ascii: "\""):
                _ = scanner.quotedString()
            case UInt8(ascii: "("):
                scanner.skipCFWS()
            case UInt8(ascii: ","):
                take(scanner.position)
                scanner.skipByte()
                start = scanner.position
            default:
                scanner.skipByte()
            }
        }
        take(scanner.bytes.count)
        return items
    }

    /// The value up to the end of the field, without the white space around it.
    static func fieldValue(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var end = bytes.count
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                let next = i + 1 < bytes.count ? bytes[i + 1] : nil
                if next != 0x20 && next != 0x09 {
                    end = i > 0 && bytes[i - 1] == 0x0D ? i - 1 : i
                    break
                }
            }
            i += 1
        }
        var start = 0
        while start < end, isWhiteSpace(bytes[start]) { start += 1 }
        while end > start, isWhiteSpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// The words of a phrase joined by single spaces, comments removed and quoted-strings
    /// unquoted.
    static func phraseBytes(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var scanner = HeaderValueScanner(Array(bytes))
        var out: [UInt8] = []
        var needSpace = false
        while let byte = scanner.peek {
            if isWhiteSpace(byte) || byte == UInt8(ascii: "(") {
                scanner.skipCFWS()
                needSpace = !out.isEmpty
                continue
            }
            if needSpace { out.append(0x20) }
            needSpace = false
            if byte == UInt8(ascii: "\"") {
                out.append(contentsOf: scanner.quotedString())
            } else {
                out.append(byte)
                scanner.skipByte()
            }
        }
        return out
    }

    @inline(__always)
    static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}

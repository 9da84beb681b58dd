/// Writes header fields for new messages: RFC 2047 encoded-words where text is not plain
/// ASCII, folded at 78 columns (RFC 5322 section 2.2.3).
///
/// Encoded-words are UTF-8, in B or Q encoding, whichever is shorter for the text at hand;
/// each is at most 75 characters (RFC 2047 section 2) and holds whole characters only, so a
/// reader that decodes words one by one never sees half of a UTF-8 sequence. Q words use the
/// restricted alphabet of RFC 2047 section 5 (3), valid in every position.
///
/// ```swift
/// HeaderEncoder.unstructuredField(name: "Subject", value: "Grüße aus Köln")
/// // Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= aus =?utf-8?q?K=C3=B6ln?=\r\n
/// ```
public enum HeaderEncoder {
    /// The longest encoded-word, delimiters included (RFC 2047 section 2).
    public static let maxEncodedWordLength = 75

    /// `=?utf-8?q?` and `?=`.
    private static let wordOverhead = 12
    /// Below this room an encoded-word goes to the next line rather than being squeezed in.
    private static let smallestUsefulWord = 24

    /// An unstructured field (RFC 5322 section 3.2.5: Subject, Comments, ...), folded, with
    /// its final CRLF.
    ///
    /// Words of plain ASCII are written as they are, with the white space between them.
    /// Consecutive words that hold non-ASCII text, controls (CR and LF included, so a value
    /// can never start a new field) or something that looks like an encoded-word are encoded
    /// together, the white space between them inside the encoded text. White space at the
    /// start or end of the value is encoded with its neighbouring word, so readers that trim
    /// the value keep it.
    public static func unstructuredField(name: String, value: String) -> [UInt8] {
        var folder = HeaderFolder(name: name)
        appendUnstructured(value, to: &folder)
        return folder.finished()
    }

    /// Encodes `text` as a run of encoded-words, each at most `maxLength` characters (at least
    /// 20); the decoded words, concatenated, are `text`.
    public static func encodedWords(_ text: String, maxLength: Int = maxEncodedWordLength) -> [String] {
        precondition(maxLength >= 20 && maxLength <= maxEncodedWordLength, "maxLength out of range")
        let bytes = Array(text.utf8)
        let q = prefersQ(bytes[...])
        var words: [String] = []
        var start = 0
        while start < bytes.count {
            let end = wordEnd(bytes[...], from: start, q: q, maxLength: maxLength)
            words.append(String(decoding: encodedWord(bytes[start..<end], q: q), as: UTF8.self))
            start = end
        }
        return words
    }

    static func appendUnstructured(_ value: String, to folder: inout HeaderFolder) {
        let bytes = Array(value.utf8)
        var tokens: [(space: Range<Int>, word: Range<Int>)] = []
        var i = 0
        while i < bytes.count {
            let spaceStart = i
            while i < bytes.count && isBlank(bytes[i]) { i += 1 }
            let wordStart = i
            while i < bytes.count && !isBlank(bytes[i]) { i += 1 }
            tokens.append((spaceStart..<wordStart, wordStart..<i))
        }
        guard !tokens.isEmpty else { return }
        var encode = tokens.map { needsEncoding(bytes[$0.word]) }
        // Leading white space belongs to the first word, trailing white space (an empty last
        // word) to the word before it; both are then kept only by encoding.
        if !tokens[0].space.isEmpty {
            tokens[0] = (0..<0, 0..<tokens[0].word.upperBound)
            encode[0] = true
        }
        if tokens.count > 1 && tokens[tokens.count - 1].word.isEmpty {
            let last = tokens.removeLast()
            encode.removeLast()
            tokens[tokens.count - 1].word = tokens[tokens.count - 1].word.lowerBound..<last.space.upperBound
            encode[encode.count - 1] = true
        }
        var t = 0
        while t < tokens.count {
            let space = t == 0 ? [UInt8(ascii: " ")] : Array(bytes[tokens[t].space])
            if !encode[t] {
                folder.append(bytes[tokens[t].word], after: space)
                t += 1
                continue
            }
            var last = t
            while last + 1 < tokens.count && encode[last + 1] { last += 1 }
            appendEncodedRun(bytes[tokens[t].word.lowerBound..<tokens[last].word.upperBound], after: space, to: &folder)
            t = last + 1
        }
    }

    /// Appends `text` as encoded-words, the first after `space`, the others after one space;
    /// each word fills the rest of its line when there is room enough for a useful word that
    /// ends at a space of the text (or at its end).
    static func appendEncodedRun(_ text: ArraySlice<UInt8>, after space: [UInt8], to folder: inout HeaderFolder) {
        let q = prefersQ(text)
        var start = text.startIndex
        var separator = space
        while start < text.endIndex {
            let room = folder.room(after: separator.count)
            let fitted = room >= smallestUsefulWord ? min(room, maxEncodedWordLength) : maxEncodedWordLength
            var end = wordEnd(text, from: start, q: q, maxLength: fitted)
            if fitted < maxEncodedWordLength && end < text.endIndex && text[end - 1] != 0x20 {
                // Squeezed into the line, the word would cut a word of the text: it goes on a
                // line of its own instead, where it may reach a space.
                end = wordEnd(text, from: start, q: q, maxLength: maxEncodedWordLength)
            }
            folder.append(encodedWord(text[start..<end], q: q), after: separator)
            separator = [UInt8(ascii: " ")]
            start = end
        }
    }

    /// Whether Q is no longer than B for `text`.
    private static func prefersQ(_ text: ArraySlice<UInt8>) -> Bool {
        var qLength = 0
        for byte in text { qLength += isQLiteral(byte) ? 1 : 3 }
        return qLength <= (text.count + 2) / 3 * 4
    }

    /// Where the encoded-word that starts at `start` ends: after the last space among the
    /// whole UTF-8 characters that fit in `maxLength`, or after the last of those characters
    /// when there is no space; always after at least one character.
    ///
    /// Ending words after a space keeps words of the text whole, for the readers that join
    /// adjacent encoded-words with a space in display names (Python's `email` does), against
    /// RFC 2047 section 6.2.
    private static func wordEnd(_ text: ArraySlice<UInt8>, from start: Int, q: Bool, maxLength: Int) -> Int {
        let end = characterEnd(text, from: start, q: q, maxLength: maxLength)
        guard end < text.endIndex, let space = text[start..<end].lastIndex(of: 0x20), space + 1 > start + 1 else { return end }
        return space + 1
    }

    /// The end of the whole UTF-8 characters from `start` that fit in an encoded-word of
    /// `maxLength`; at least one.
    private static func characterEnd(_ text: ArraySlice<UInt8>, from start: Int, q: Bool, maxLength: Int) -> Int {
        let budget = maxLength - wordOverhead
        var end = start
        var qLength = 0
        while end < text.endIndex {
            var next = end + 1
            while next < text.endIndex && text[next] & 0xC0 == 0x80 { next += 1 }
            let length: Int
            if q {
                var added = 0
                for byte in text[end..<next] { added += isQLiteral(byte) ? 1 : 3 }
                length = qLength + added
            } else {
                length = (next - start + 2) / 3 * 4
            }
            if length > budget && end > start { break }
            qLength = length
            end = next
        }
        return end
    }

    private static func encodedWord(_ text: ArraySlice<UInt8>, q: Bool) -> [UInt8] {
        var word = Array((q ? "=?utf-8?q?" : "=?utf-8?b?").utf8)
        if q {
            for byte in text {
                if byte == 0x20 {
                    word.append(UInt8(ascii: "_"))
                } else if isQLiteral(byte) {
                    word.append(byte)
                } else {
                    word.append(UInt8(ascii: "="))
                    word.append(hexDigit(byte >> 4))
                    word.append(hexDigit(byte & 15))
                }
            }
        } else {
            var encoded = Base64Encoder.encode(text)
            encoded.removeLast(2)
            word += encoded
        }
        word.append(UInt8(ascii: "?"))
        word.append(UInt8(ascii: "="))
        return word
    }

    /// Characters a Q word may carry as they are in any position (RFC 2047 section 5 (3));
    /// a space counts as one since it is written `_`.
    private static func isQLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"),
             UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: " "):
            true
        default:
            false
        }
    }

    /// Whether a word cannot be written as it is: non-ASCII, controls, something a reader
    /// would take for an encoded-word, or too long for a line.
    static func needsEncoding(_ word: ArraySlice<UInt8>) -> Bool {
        if word.count > 900 { return true }
        var previous: UInt8 = 0
        for byte in word {
            if byte < 0x20 || byte > 0x7E { return true }
            if previous == UInt8(ascii: "=") && byte == UInt8(ascii: "?") { return true }
            previous = byte
        }
        return false
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x37 + value
    }
}

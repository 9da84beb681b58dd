/// Decodes RFC 2047 encoded-words inside header text, leniently.
///
/// ```
/// encoded-word = "=?" charset "?" encoding "?" encoded-text "?="   ; RFC 2047 section 2
/// charset      = token ["*" language]                              ; RFC 2231 section 5
/// ```
///
/// What it does beyond the letter of RFC 2047, as MimeKit's and GMime's lenient modes and
/// Python's `email.header` do:
/// - white space (folding included) between two encoded-words is dropped (section 6.2), but
///   kept between an encoded-word and other text;
/// - adjacent encoded-words in the same charset are joined as bytes before conversion, so a
///   multibyte character split across two words comes out whole;
/// - words glued to text (`foo=?utf-8?q?bar?=`) are decoded, without adding a space;
/// - encoded-text may contain spaces (`=?utf-8?q?a b?=`), and folding inside a word is
///   removed (a line break and the white space after it);
/// - a final word that lacks its `?=` is decoded up to the end of the value;
/// - lower-case `b`/`q` and a language suffix are accepted;
/// - a word in an unknown charset is kept as written; one with an empty charset
///   (`=??q?...?=`) is decoded as unlabelled text (UTF-8, else windows-1252);
/// - raw 8-bit text between words goes through ``Charset/decodeHeaderText(_:fallback:)``.
///
/// Every step moves forward and the searches for `?=` and `=?` use cursors that only move
/// forward, so decoding is linear in the input.
struct EncodedWordDecoder {
    private let bytes: [UInt8]
    private let fallback: String?
    /// The index of the last space or tab, or -1.
    private let lastSpace: Int

    /// Decodes `bytes` (folding still in place; no trimming is done here).
    static func decode(_ bytes: [UInt8], fallback: String?) -> String {
        EncodedWordDecoder(bytes: bytes, fallback: fallback).run()
    }

    private init(bytes: [UInt8], fallback: String?) {
        self.bytes = bytes
        self.fallback = fallback
        self.lastSpace = bytes.lastIndex { $0 == 0x20 || $0 == 0x09 } ?? -1
    }

    /// One encoded-word found in the input.
    private struct Word {
        var resolved: Charset.Resolved
        var payload: [UInt8]
        var end: Int
    }

    private func run() -> String {
        var output = ""
        var pendingText: [UInt8] = []      // raw text since the last word
        var pendingSpace: [UInt8] = []     // white space after the last word, not yet placed
        var wordBytes: [UInt8] = []        // decoded bytes of a run of same-charset words
        var wordCharset: Charset.Resolved?
        var lastWasWord = false
        var cursor = SearchCursor(bytes: bytes)
        var charsets = CharsetCache()
        var i = 0
        let n = bytes.count

        func flushWords() {
            if let resolved = wordCharset {
                output += Charset.convert(wordBytes, with: resolved).text
            }
            wordBytes.removeAll(keepingCapacity: true)
            wordCharset = nil
        }
        func flushText() {
            if !pendingText.isEmpty {
                output += Charset.decodeHeaderText(pendingText, fallback: fallback)
                pendingText.removeAll(keepingCapacity: true)
            }
        }

        while i < n {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
                if byte != 0x0D && byte != 0x0A {
                    if lastWasWord { pendingSpace.append(byte) } else { pendingText.append(byte) }
                }
                i += 1
                continue
            }
            if byte == UInt8(ascii: "="), let word = encodedWord(at: i, cursor: &cursor, charsets: &charsets) {
                flushText()
                if lastWasWord, wordCharset == word.resolved {
                    // Same charset, only white space between: join the bytes (RFC 2047 6.2).
                } else {
                    flushWords()
                    wordCharset = word.resolved
                }
                pendingSpace.removeAll(keepingCapacity: true)
                wordBytes.append(contentsOf: word.payload)
                lastWasWord = true
                i = word.end
                continue
            }
            if lastWasWord {
                flushWords()
                pendingText.append(contentsOf: pendingSpace)
                pendingSpace.removeAll(keepingCapacity: true)
                lastWasWord = false
            }
            pendingText.append(byte)
            i += 1
        }
        flushWords()
        pendingText.append(contentsOf: pendingSpace)
        flushText()
        return output
    }

    /// Forward-only searches for `?=` and `=?`.
    private struct SearchCursor {
        let bytes: [UInt8]
        private var terminator = -1
        private var terminatorScan = 0
        private var opener = -1
        private var openerScan = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// The first `?=` at or after `start`, or `nil`.
        mutating func nextTerminator(from start: Int) -> Int? {
            find(UInt8(ascii: "?"), UInt8(ascii: "="), from: start, found: &terminator, scan: &terminatorScan)
        }

        /// The first `=?` at or after `start`, or `nil`.
        mutating func nextOpener(from start: Int) -> Int? {
            find(UInt8(ascii: "="), UInt8(ascii: "?"), from: start, found: &opener, scan: &openerScan)
        }

        private func find(_ a: UInt8, _ b: UInt8, from start: Int, found: inout Int, scan: inout Int) -> Int? {
            if found >= start { return found }
            var k = max(start, scan)
            while k + 1 < bytes.count {
                if bytes[k] == a && bytes[k + 1] == b {
                    found = k
                    scan = k
                    return k
                }
                k += 1
            }
            scan = max(scan, bytes.count)
            return nil
        }
    }

    /// The charsets already resolved in this value, so that a value made of many words in an
    /// unknown charset does not ask `iconv_open` again for each of them.
    private struct CharsetCache {
        private var entries: [String: Charset.Resolved?] = [:]

        mutating func resolve(_ name: String) -> Charset.Resolved? {
            if let known = entries[name] { return known }
            let resolved = Charset.resolve(name)
            if entries.count < 32 { entries[name] = resolved }
            return resolved
        }
    }

    /// The encoded-word starting at `start` (which holds `=`), if there is a valid one.
    private func encodedWord(at start: Int, cursor: inout SearchCursor, charsets: inout CharsetCache) -> Word? {
        let n = bytes.count
        guard start + 1 < n, bytes[start + 1] == UInt8(ascii: "?") else { return nil }
        var i = start + 2
        let charsetStart = i
        while i < n, bytes[i] != UInt8(ascii: "?"), i - charsetStart <= 64 {
            guard HeaderValueScanner.isTokenByte(bytes[i]) || bytes[i] == UInt8(ascii: "*") else { return nil }
            i += 1
        }
        guard i < n, bytes[i] == UInt8(ascii: "?") else { return nil }
        let charsetEnd = i
        guard i + 2 < n else { return nil }
        let encoding = asciiLower(bytes[i + 1])
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q"),
              bytes[i + 2] == UInt8(ascii: "?") else { return nil }
        let textStart = i + 3
        let textEnd: Int
        let end: Int
        let terminator = cursor.nextTerminator(from: textStart)
        let opener = cursor.nextOpener(from: textStart)
        // An opener inside the text starts another word, unless it is B padding before the
        // terminator (`...U=?=`).
        if let terminator, opener.map({ $0 >= terminator - 1 }) ?? true {
            textEnd = terminator
            end = terminator + 2
        } else if opener == nil, textStart > lastSpace {
            // A last word without its `?=`: take the rest of the value.
            textEnd = n
            end = n
        } else {
            return nil
        }
        let charset = String(decoding: bytes[charsetStart..<charsetEnd], as: UTF8.self)
        // An empty charset (`=??Q?...?=`, seen in the wild) is read as unlabelled text.
        guard let resolved = charset.isEmpty ? .tolerantASCII : charsets.resolve(charset) else { return nil }
        let text = unfolded(bytes[textStart..<textEnd])
        let payload = encoding == UInt8(ascii: "b") ? Self.decodeB(text) : Self.decodeQ(text)
        return Word(resolved: resolved, payload: payload, end: end)
    }

    /// Encoded-text with folding removed: CR, LF, and the white space after a line break.
    private func unfolded(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var afterBreak = false
        for byte in text {
            if byte == 0x0D || byte == 0x0A { afterBreak = true; continue }
            if afterBreak && (byte == 0x20 || byte == 0x09) { continue }
            afterBreak = false
            out.append(byte)
        }
        return out
    }

    /// The "Q" encoding (RFC 2047 section 4.2): `_` is a space, `=XX` a byte; a `=` not
    /// followed by two hex digits stays as it is.
    static func decodeQ(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            let byte = text[i]
            if byte == UInt8(ascii: "_") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "="), i + 2 < text.count,
                      let high = hexValue(text[i + 1]), let low = hexValue(text[i + 2]) {
                out.append(high << 4 | low)
                i += 2
            } else {
                out.append(byte)
            }
            i += 1
        }
        return out
    }

    /// The "B" encoding (RFC 2047 section 4.1, base64 of RFC 2045 section 6.8), leniently:
    /// characters outside the alphabet are skipped, missing padding is accepted, and a `=`
    /// ends the current quantum (so words joined without decoding still come out right).
    static func decodeB(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var count = 0
        func finishQuantum() {
            if count == 2 { out.append(UInt8(truncatingIfNeeded: accumulator >> 4)) }
            if count == 3 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
            }
            accumulator = 0
            count = 0
        }
        for byte in text {
            if byte == UInt8(ascii: "=") { finishQuantum(); continue }
            guard let value = base64Value(byte) else { continue }
            accumulator = accumulator << 6 | UInt32(value)
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        finishQuantum()
        return out
    }

    private static func base64Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}

/// The value of an ASCII hex digit, either case.
func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}

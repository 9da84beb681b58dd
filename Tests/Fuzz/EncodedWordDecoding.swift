// Fuzz target: RFC 2047 decoding of header text (HeaderText, EncodedWordDecoder). The
// decoded text is bounded by the input (at most 4 scalars a byte, charsets that expand
// included), decoding is deterministic, list items are never empty, and the decoded text
// written again as encoded-words by HeaderEncoder (alone, and as an unstructured field)
// decodes back to itself. Built and run by Tests/Fuzz/fuzz.sh.

import MIMEKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEncodedWordDecoding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeRawBufferPointer(start: data, count: size))
    // The first byte, when it is a digit, picks the fallback charset for raw 8-bit text.
    let fallbacks: [String?] = [nil, "utf-8", "iso-8859-1", "windows-1252", "koi8-r", "shift_jis", "iso-2022-jp",
                                "gb18030", "big5", "no-such-charset"]
    let fallback = input.first.map { $0 >= 0x30 && $0 <= 0x39 ? fallbacks[Int($0 - 0x30)] : nil } ?? nil

    let text = HeaderText.decodeUnstructured(input, fallbackCharset: fallback)
    require(text.unicodeScalars.count <= 4 * size, "\(text.unicodeScalars.count) scalars from \(size) bytes")
    require(HeaderText.decodeUnstructured(input, fallbackCharset: fallback) == text, "unstructured decoding not deterministic")

    let phrase = HeaderText.decodePhrase(input, fallbackCharset: fallback)
    require(phrase.unicodeScalars.count <= 4 * size, "\(phrase.unicodeScalars.count) phrase scalars from \(size) bytes")
    let items = HeaderText.decodeList(input, fallbackCharset: fallback)
    require(items.allSatisfy { !$0.isEmpty }, "an empty list item")
    require(items.reduce(0) { $0 + $1.unicodeScalars.count } <= 4 * size, "list items longer than allowed")

    // Our own encoder, read back by our own decoder.
    if !text.isEmpty {
        let words = HeaderEncoder.encodedWords(text)
        require(words.allSatisfy { $0.utf8.count <= HeaderEncoder.maxEncodedWordLength }, "an encoded-word over 75 characters")
        let again = HeaderText.decodeUnstructured(Array(words.joined(separator: " ").utf8))
        require(again == text, "encoded-words of \(text.debugDescription) decode as \(again.debugDescription)")

        let field = HeaderEncoder.unstructuredField(name: "Subject", value: text)
        let prefix = Array("Subject:".utf8)
        require(field.starts(with: prefix) && field.suffix(2) == [0x0D, 0x0A], "field not framed as Subject: ... CRLF")
        let value = Array(field[prefix.count..<(field.count - 2)])
        require(!value.contains(0x0D) || unfoldsCleanly(value), "a line break that does not fold")
        let read = HeaderText.decodeUnstructured(value)
        require(read == text, "Subject with \(text.debugDescription) reads back as \(read.debugDescription)")
    }
    return 0
}

/// Whether every CR in `value` starts a fold: CR LF followed by a space or tab.
private func unfoldsCleanly(_ value: [UInt8]) -> Bool {
    for (i, byte) in value.enumerated() where byte == 0x0D || byte == 0x0A {
        if byte == 0x0D {
            guard i + 2 < value.count, value[i + 1] == 0x0A, value[i + 2] == 0x20 || value[i + 2] == 0x09 else { return false }
        } else {
            guard i > 0, value[i - 1] == 0x0D else { return false }
        }
    }
    return true
}

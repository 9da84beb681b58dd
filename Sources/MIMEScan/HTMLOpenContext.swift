/// Finds what a piece of HTML leaves open at its end: the contexts EFAIL's direct
/// exfiltration relies on to swallow the next part's plaintext into a URL or a form.
///
/// A deliberately small tokenizer over ASCII-lowered bytes, after the HTML Living Standard's
/// tokenization (§13.2.5): tags with quoted attribute values, comments, and the raw-text
/// elements whose content runs to their end tag. It reports, never repairs.
///
/// Reference: Poddebniak et al., "Efail", USENIX Security 2018, §4 (direct exfiltration).
enum HTMLOpenContext {
    /// Elements whose content is raw text up to their end tag (or, for `plaintext`, to the
    /// end of the document): an unclosed one swallows whatever follows.
    static let rawTextElements: Set<String> = ["plaintext", "textarea", "xmp", "style", "title", "script"]
    /// Elements that are open contexts when left unclosed.
    static let watchedElements: Set<String> = ["plaintext", "textarea", "xmp", "style", "form", "title", "script"]

    /// The open contexts at the end of `html` (lowered or not), in words; empty when clean.
    static func openContexts(in html: [UInt8]) -> [String] {
        let text = ByteSearch.lowered(html)
        var reasons: [String] = []
        var open: [String: Int] = [:]
        var rawText: String?
        var i = 0
        let n = text.count
        scanning: while i < n {
            if let element = rawText {
                if element == "plaintext" { break }
                guard let closing = ByteSearch.firstOffset(of: "</" + element, in: text, from: i) else { break }
                i = closing + 2 + element.utf8.count
                open[element, default: 1] -= 1
                rawText = nil
                continue
            }
            guard text[i] == UInt8(ascii: "<") else { i += 1; continue }
            if text[i...].starts(with: "<!--".utf8) {
                guard let end = ByteSearch.firstOffset(of: "-->", in: text, from: i + 4) else {
                    reasons.append("an unclosed comment <!-- at \(i)")
                    break
                }
                i = end + 3
                continue
            }
            var j = i + 1
            let isClosing = j < n && text[j] == UInt8(ascii: "/")
            if isClosing { j += 1 }
            let nameStart = j
            while j < n, isNameByte(text[j]) { j += 1 }
            let name = String(decoding: text[nameStart..<j], as: UTF8.self)
            guard !name.isEmpty, isLetter(text[nameStart]) else { i += 1; continue }
            var quote: UInt8?
            var afterEquals = false
            var quoteStart = 0
            while j < n {
                let byte = text[j]
                if let q = quote {
                    if byte == q { quote = nil }
                } else if byte == UInt8(ascii: ">") {
                    break
                } else if (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) && afterEquals {
                    quote = byte
                    quoteStart = j
                } else if byte == UInt8(ascii: "=") {
                    afterEquals = true
                    j += 1
                    continue
                }
                if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != 0x0A && byte != 0x0D {
                    afterEquals = false
                }
                j += 1
            }
            if j >= n {
                if quote != nil {
                    reasons.append("an unclosed quoted attribute in <\(name): \(ByteSearch.excerpt(html, at: max(i, quoteStart - 20)))")
                } else {
                    reasons.append("an unclosed tag <\(name): \(ByteSearch.excerpt(html, at: i))")
                }
                break scanning
            }
            if isClosing {
                if let count = open[name], count > 0 { open[name] = count - 1 }
            } else {
                if name == "base" { reasons.append("a <base> element, which redirects relative URLs: \(ByteSearch.excerpt(html, at: i))") }
                if watchedElements.contains(name) { open[name, default: 0] += 1 }
                if rawTextElements.contains(name) { rawText = name }
            }
            i = j + 1
        }
        for element in watchedElements.sorted() where (open[element] ?? 0) > 0 {
            reasons.append("an unclosed <\(element)>")
        }
        let urls = ByteSearch.offsets(of: "url(", in: text)
        if let last = urls.last, !text[last...].contains(UInt8(ascii: ")")) {
            reasons.append("an open CSS url(: \(ByteSearch.excerpt(html, at: last))")
        }
        return reasons
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One line of text: its content (without CR LF or LF) and where the next line starts.
struct ArmorLine {
    /// The line's bytes, without the line break.
    let content: Range<Int>
    /// The offset just past the line break (or the end of the input).
    let next: Int

    /// Splits `buffer` into lines; a final line without a break is kept.
    static func lines(of buffer: UnsafeRawBufferPointer) -> [ArmorLine] {
        var lines: [ArmorLine] = []
        var start = 0
        let count = buffer.count
        guard let base = buffer.baseAddress else { return [] }
        while start < count {
            let end =
                memchr(base + start, 0x0A, count - start).map { $0 - UnsafeMutableRawPointer(mutating: base) } ?? count
            let next = end < count ? end + 1 : end
            let contentEnd = end > start && buffer[end - 1] == 0x0D ? end - 1 : end
            lines.append(ArmorLine(content: start..<contentEnd, next: next))
            start = next
        }
        return lines
    }
}

extension UnsafeRawBufferPointer {
    /// Whether `needle` occurs anywhere in the buffer.
    func contains(_ needle: String) -> Bool {
        let bytes = Array(needle.utf8)
        guard let base = baseAddress, let first = bytes.first, count >= bytes.count else { return false }
        var start = 0
        let last = count - bytes.count
        while start <= last, let hit = memchr(base + start, Int32(first), last - start + 1) {
            let offset = UnsafeRawPointer(hit) - base
            if memcmp(hit, bytes, bytes.count) == 0 { return true }
            start = offset + 1
        }
        return false
    }

    /// `range` without trailing spaces and tabs.
    func trimmingTrailingBlanks(_ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound && (self[end - 1] == 0x20 || self[end - 1] == 0x09) { end -= 1 }
        return range.lowerBound..<end
    }

    /// Whether `range` holds only spaces, tabs, CR and LF.
    func isBlank(_ range: Range<Int>) -> Bool {
        self[range].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }

    /// Whether `range`, without trailing blanks, starts with `prefix` and ends with `suffix`.
    func line(_ range: Range<Int>, startsWith prefix: String, endsWith suffix: String = "") -> Bool {
        let trimmed = trimmingTrailingBlanks(range)
        let prefixBytes = Array(prefix.utf8)
        let suffixBytes = Array(suffix.utf8)
        guard trimmed.count >= prefixBytes.count + suffixBytes.count else { return false }
        return self[trimmed.lowerBound..<(trimmed.lowerBound + prefixBytes.count)].elementsEqual(prefixBytes)
            && self[(trimmed.upperBound - suffixBytes.count)..<trimmed.upperBound].elementsEqual(suffixBytes)
    }

    /// The bytes of `range` as UTF-8 text.
    func text(_ range: Range<Int>) -> String {
        String(decoding: self[range], as: UTF8.self)
    }
}

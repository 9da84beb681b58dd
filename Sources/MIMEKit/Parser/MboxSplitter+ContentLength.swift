#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MboxSplitter {
    /// What the Content-Length field of one mbox message says about where the message ends.
    enum ContentLengthHint: Equatable {
        /// No Content-Length field in the message's own header.
        case absent
        /// The message ends at this offset: the next separator, or the end of the range.
        case valid(end: Int)
        /// The field is there but does not check out; the message is split on `From ` lines.
        case ignored(MIMEDiagnostic)
    }

    /// Reads the Content-Length field of the message that starts at `start` and checks it
    /// the way mutt does.
    ///
    /// Only the message's own header counts: the lines after its `From ` line up to the first
    /// blank line, the first field named Content-Length (case-insensitively; a value of
    /// decimal digits with optional white space around them, folding included). With `N` its
    /// value and `E` the body's start plus `N`, the field is used when `E` is `end`, or when
    /// at `E` there is at most one line ending (LF or CRLF) and then a `From ` line or `end`,
    /// or when `E` itself starts a `From ` line. A header that a `From ` line, a line that is
    /// not a field or `end` cuts short has no blank line, so no body start to count from.
    ///
    /// Header lines are judged as `MIMEStreamParser` judges them: a field name is printable
    /// US-ASCII but colon, white space before the colon allowed, within the first
    /// `maxLineLength` bytes of the line.
    static func contentLengthHint(in storage: ByteStorage, messageAt start: Int, before end: Int,
                                  maxLineLength: Int) -> ContentLengthHint {
        storage.withUnsafeBytes { raw -> ContentLengthHint in
            guard start < end, let base = raw.baseAddress else { return .absent }
            func byte(_ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }
            func isFromLine(_ i: Int) -> Bool { end - i >= 5 && memcmp(base + i, "From ", 5) == 0 }

            var line = start
            if isFromLine(start) {
                guard let newline = memchr(base + start, 0x0A, end - start) else { return .absent }
                line = base.distance(to: UnsafeRawPointer(newline)) + 1
            }
            // The first Content-Length field: where it starts, and its value (folded lines included).
            var field: (start: Int, value: Range<Int>)?
            var inField = false
            var bodyStart: Int?
            while line < end {
                guard let newline = memchr(base + line, 0x0A, end - line) else { break }
                let index = base.distance(to: UnsafeRawPointer(newline))
                let contentEnd = index > line && byte(index - 1) == 0x0D ? index - 1 : index
                if contentEnd == line {
                    bodyStart = index + 1
                    break
                }
                let first = byte(line)
                if first == 0x20 || first == 0x09 {
                    if inField, let found = field { field = (found.start, found.value.lowerBound..<contentEnd) }
                    line = index + 1
                    continue
                }
                if isFromLine(line) { break }
                guard let colon = headerFieldNameEnd(base + line, count: Swift.min(contentEnd - line, maxLineLength)) else { break }
                var nameEnd = colon
                while nameEnd > 0 && (byte(line + nameEnd - 1) == 0x20 || byte(line + nameEnd - 1) == 0x09) { nameEnd -= 1 }
                inField = field == nil
                    && asciiEqualsLowercased(UnsafeRawBufferPointer(start: base + line, count: nameEnd), "content-length")
                if inField { field = (line, line + colon + 1..<contentEnd) }
                line = index + 1
            }
            guard let field else { return .absent }
            let value = Self.decimalValue(base, field.value)
            let written = value == nil ? " \"\(Self.shown(base, field.value))\"" : ": \(Self.shown(base, field.value))"
            func ignored(_ why: String) -> ContentLengthHint {
                .ignored(MIMEDiagnostic(.warning, .mboxContentLengthIgnored, at: field.start,
                                        "Content-Length\(written) ignored: \(why); the message is split on From lines"))
            }
            guard let bodyStart else { return ignored("the header does not end with a blank line") }
            guard let value else { return ignored("not a decimal number") }
            let available = end - bodyStart
            guard let length = value, length <= available else {
                return ignored("the body has only \(available) bytes before the end of the input")
            }
            let contentEnd = bodyStart + length
            if contentEnd == end { return .valid(end: end) }
            var next = contentEnd
            if byte(next) == 0x0A {
                next += 1
            } else if byte(next) == 0x0D && next + 1 < end && byte(next + 1) == 0x0A {
                next += 2
            }
            if next == end { return .valid(end: end) }
            if isFromLine(next) && (next > contentEnd || byte(contentEnd - 1) == 0x0A) { return .valid(end: next) }
            return ignored("the body would end at offset \(contentEnd), which is not followed by a From line or the end of the input")
        }
    }

    /// The value of `range` read as decimal digits with optional white space (SP, HTAB, CR,
    /// LF) around them: nil when it is anything else, `.some(nil)` when it does not fit an `Int`.
    private static func decimalValue(_ base: UnsafeRawPointer, _ range: Range<Int>) -> Int?? {
        func byte(_ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        var i = range.lowerBound
        while i < range.upperBound && isSpace(byte(i)) { i += 1 }
        var value: Int? = 0
        var digits = 0
        while i < range.upperBound && byte(i) >= 0x30 && byte(i) <= 0x39 {
            let b = byte(i)
            if let current = value {
                let (times, o1) = current.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(Int(b - 0x30))
                value = o1 || o2 ? nil : sum
            }
            digits += 1
            i += 1
        }
        while i < range.upperBound && isSpace(byte(i)) { i += 1 }
        guard digits > 0 && i == range.upperBound else { return nil }
        return .some(value)
    }

    /// The field's value for a diagnostic: trimmed, cut to 40 bytes.
    private static func shown(_ base: UnsafeRawPointer, _ range: Range<Int>) -> String {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        let bytes = UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
        var slice = bytes[...]
        while let b = slice.first, isSpace(b) { slice = slice.dropFirst() }
        while let b = slice.last, isSpace(b) { slice = slice.dropLast() }
        return String(decoding: slice.prefix(40), as: UTF8.self) + (slice.count > 40 ? "…" : "")
    }
}

/// The shape nearly every Content-Type value has, read in one pass over its bytes.
///
/// ```
/// simple := WS token WS "/" WS token WS *(";" WS token WS "=" WS value WS) [";" WS]
/// value  := DQUOTE *(printable ASCII but DQUOTE and "\") DQUOTE / 1*(value byte)
/// WS     := *(SP / HTAB / CR / LF SP / LF HTAB)          ; folding included
/// ```
///
/// Only US-ASCII, at most eight parameters with different names, none with an RFC 2231 `*`,
/// no comment, no quoted-pair, no `=?` (encoded-word) anywhere. For such a value the general
/// parser (`ContentType(parsing:)`) gives exactly this result; this path builds it without
/// the scanner's copies and with one string per part. Anything else returns nil, and the
/// caller takes the general path.
extension ContentType {
    static func parseSimple(_ raw: UnsafeRawBufferPointer) -> ContentType? {
        var ignored: Range<Int>?
        return parseSimple(raw, boundaryValue: &ignored)
    }

    /// `parseSimple(_:)`, also giving where in `raw` the `boundary` parameter's value is
    /// (inside its quotes, if quoted), when there is one.
    static func parseSimple(_ raw: UnsafeRawBufferPointer, boundaryValue: inout Range<Int>?) -> ContentType? {
        var reader = SimpleValueReader(bytes: raw)
        guard reader.isSimpleOverall() else { return nil }
        reader.skipWhiteSpace()
        guard let type = reader.token() else { return nil }
        reader.skipWhiteSpace()
        guard reader.consume(UInt8(ascii: "/")) else { return nil }
        reader.skipWhiteSpace()
        guard let subtype = reader.token() else { return nil }
        var parameters: [MIMEParameters.Parameter] = []
        while true {
            reader.skipWhiteSpace()
            if reader.isAtEnd { break }
            guard reader.consume(UInt8(ascii: ";")) else { return nil }
            reader.skipWhiteSpace()
            if reader.isAtEnd { break }
            guard let name = reader.token(), !name.contains(UInt8(ascii: "*")) else { return nil }
            reader.skipWhiteSpace()
            guard reader.consume(UInt8(ascii: "=")) else { return nil }
            reader.skipWhiteSpace()
            guard let value = reader.value(), parameters.count < 8 else { return nil }
            if asciiEqualsLowercased(name, "boundary") {
                let start = raw.baseAddress!.distance(to: value.baseAddress!)
                boundaryValue = start..<start + value.count
            }
            let nameText = String(decoding: name, as: UTF8.self)
            guard !parameters.contains(where: { asciiCaseInsensitiveEqual($0.name, nameText) }) else { return nil }
            let rawValue = Array(value)
            parameters.append(MIMEParameters.Parameter(name: nameText, rawValue: rawValue,
                                                       value: String(decoding: rawValue, as: UTF8.self),
                                                       charset: nil, language: nil))
        }
        var result = ContentType(lowercasedType: lowered(type), subtype: lowered(subtype))
        result.parameters = MIMEParameters(parameters)
        return result
    }

    private static func lowered(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for i in 0..<bytes.count { buffer[i] = asciiLower(bytes[i]) }
            return bytes.count
        }
    }
}

/// A cursor for `ContentType.parseSimple`.
private struct SimpleValueReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    var isAtEnd: Bool { position >= bytes.count }

    /// Every byte US-ASCII; no `(`, `\` or `=?`; every line feed folded (followed by white
    /// space); no line feed or carriage return inside quotes.
    func isSimpleOverall() -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var inQuotes = false
        var i = 0
        while i < n {
            let byte = base.load(fromByteOffset: i, as: UInt8.self)
            i += 1
            // Most bytes are printable ASCII other than the five that matter here.
            if !Self.needsLook(byte) { continue }
            if byte >= 0x80 || byte == UInt8(ascii: "\\") { return false }
            if byte == UInt8(ascii: "?") {
                if i >= 2 && base.load(fromByteOffset: i - 2, as: UInt8.self) == UInt8(ascii: "=") { return false }
            } else if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if inQuotes {
                if byte < 0x20 || byte == 0x7F { return false }
            } else if byte == UInt8(ascii: "(") {
                return false
            } else if byte == 0x0A {
                guard i < n else { return false }
                let next = base.load(fromByteOffset: i, as: UInt8.self)
                guard next == 0x20 || next == 0x09 else { return false }
            }
        }
        return !inQuotes
    }

    /// Controls, DEL, bytes of 0x80 or more, and `"`, `(`, `?`, `\`: the bytes
    /// `isSimpleOverall` must look at. One bit test for US-ASCII.
    @inline(__always)
    private static func needsLook(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return true }
        let bits: UInt64 = byte < 0x40 ? 0x8000_0104_FFFF_FFFF : 0x8000_0000_1000_0000
        return (bits >> UInt64(byte & 0x3F)) & 1 != 0
    }

    mutating func skipWhiteSpace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return }
            position += 1
        }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// A MIME token (RFC 2045 section 5.1), at least one byte.
    mutating func token() -> UnsafeRawBufferPointer? {
        let start = position
        while position < bytes.count && HeaderValueScanner.isTokenByte(bytes[position]) { position += 1 }
        return position > start ? UnsafeRawBufferPointer(rebasing: bytes[start..<position]) : nil
    }

    /// A quoted string's content (quotes removed), or an unquoted value as the general
    /// parser reads it; at least one byte.
    mutating func value() -> UnsafeRawBufferPointer? {
        if consume(UInt8(ascii: "\"")) {
            let start = position
            while position < bytes.count && bytes[position] != UInt8(ascii: "\"") { position += 1 }
            guard position < bytes.count, position > start else { return nil }
            defer { position += 1 }
            return UnsafeRawBufferPointer(rebasing: bytes[start..<position])
        }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            guard byte > 0x20, byte != 0x7F, byte != UInt8(ascii: ";"), byte != UInt8(ascii: "\""),
                  byte != UInt8(ascii: "(") else { break }
            position += 1
        }
        return position > start ? UnsafeRawBufferPointer(rebasing: bytes[start..<position]) : nil
    }
}

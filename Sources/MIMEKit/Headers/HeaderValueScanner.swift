/// A cursor over the bytes of one structured header value (RFC 5322 section 3.2).
///
/// It knows comments, quoted-strings and MIME tokens, and it never fails: malformed input
/// moves it forward, so every loop over it ends.
struct HeaderValueScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position >= bytes.count }
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipByte() { if position < bytes.count { position += 1 } }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    /// Skips white space (folding included) and comments, which nest (RFC 5322 section 3.2.2).
    mutating func skipCFWS() {
        while let byte = peek {
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
                position += 1
            } else if byte == UInt8(ascii: "(") {
                var depth = 0
                while let c = peek {
                    position += 1
                    if c == UInt8(ascii: "\\") { skipByte(); continue }
                    if c == UInt8(ascii: "(") { depth += 1 }
                    if c == UInt8(ascii: ")") { depth -= 1; if depth == 0 { break } }
                }
            } else {
                return
            }
        }
    }

    /// A MIME token (RFC 2045 section 5.1): any CHAR but space, controls and tspecials.
    /// 8-bit bytes are accepted, as real mail has them.
    mutating func token() -> ArraySlice<UInt8>? {
        let start = position
        while let byte = peek, Self.isTokenByte(byte) { position += 1 }
        return position > start ? bytes[start..<position] : nil
    }

    /// An unquoted parameter value: a token, but tolerant of the `/`, `?`, `=`, `@` and `:`
    /// that broken senders leave unquoted (`name=a/b`), ending at `;`, white space or a
    /// quote.
    mutating func parameterValueToken() -> [UInt8] {
        let start = position
        while let byte = peek, byte > 0x20, byte != 0x7F, byte != UInt8(ascii: ";"),
              byte != UInt8(ascii: "\""), byte != UInt8(ascii: "(") {
            position += 1
        }
        return Array(bytes[start..<position])
    }

    /// A quoted-string's content with quoted-pairs unescaped and folding removed; an
    /// unterminated one runs to the end of the value.
    mutating func quotedString() -> [UInt8] {
        guard consume(UInt8(ascii: "\"")) else { return [] }
        var out: [UInt8] = []
        while let byte = peek {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return out
            case UInt8(ascii: "\\"):
                if let next = peek { out.append(next); position += 1 }
            case 0x0D, 0x0A:
                continue
            default:
                out.append(byte)
            }
        }
        return out
    }

    /// Whether `byte` may be in a MIME token (RFC 2045 section 5.1): US-ASCII printable but
    /// tspecials, and, tolerantly, any byte of 0x80 or more. One bit test: the two words are
    /// the token bytes among 0x00-0x3F and 0x40-0x7F.
    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return true }
        let bits: UInt64 = byte < 0x40 ? 0x03FF_6CFA_0000_0000 : 0x7FFF_FFFF_C7FF_FFFE
        return (bits >> UInt64(byte & 0x3F)) & 1 != 0
    }
}

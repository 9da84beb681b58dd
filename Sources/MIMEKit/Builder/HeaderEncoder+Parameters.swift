extension HeaderEncoder {
    /// A field whose value is a token followed by parameters (Content-Type,
    /// Content-Disposition), folded between parameters, with its final CRLF.
    ///
    /// Each parameter value is written as a token when it is letters, digits and `-._+` only,
    /// as a quoted-string when it is other printable ASCII that fits on a line and holds
    /// nothing like an encoded-word (readers decode those even in quoted-strings), and otherwise in the extended form of RFC 2231
    /// section 4 (`name*=utf-8''%C3%A9...`), split into numbered sections
    /// (`name*0*=...; name*1*=...`, section 3) when one line cannot hold it. Sections are cut
    /// between whole characters.
    public static func parameterizedField(name: String, value: String, parameters: [(name: String, value: String)]) -> [UInt8] {
        var folder = HeaderFolder(name: name)
        folder.append(Array(value.utf8))
        for parameter in parameters { appendParameter(name: parameter.name, value: parameter.value, to: &folder) }
        return folder.finished()
    }

    /// The longest `name=value` written on one line: with the leading space and the `;`
    /// after it, it fills the 78 columns.
    private static let longestParameter = HeaderFolder.lineLength - 2

    static func appendParameter(name: String, value: String, to folder: inout HeaderFolder) {
        folder.appendGlued([UInt8(ascii: ";")])
        let bytes = Array(value.utf8)
        let nameBytes = Array(name.utf8)
        if !bytes.isEmpty && bytes.allSatisfy(isPlainTokenByte) {
            folder.append(nameBytes + [UInt8(ascii: "=")] + bytes)
            return
        }
        if bytes.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) && !needsEncoding(bytes[...]) {
            let quoted = nameBytes + [UInt8(ascii: "=")] + quotedString(bytes)
            // An empty value has no shorter form: `name=""` even when the name alone fills
            // the line (the sections below would write nothing at all).
            if quoted.count <= longestParameter || bytes.isEmpty {
                folder.append(quoted)
                return
            }
        }
        let whole = nameBytes + Array("*=utf-8''".utf8) + percentEncoded(bytes[...])
        if whole.count <= longestParameter {
            folder.append(whole)
            return
        }
        var start = 0
        var section = 0
        while start < bytes.count {
            var piece = nameBytes + Array("*\(section)*=".utf8)
            if section == 0 { piece += Array("utf-8''".utf8) }
            var end = start
            while end < bytes.count {
                var next = end + 1
                while next < bytes.count && bytes[next] & 0xC0 == 0x80 { next += 1 }
                let encoded = percentEncoded(bytes[end..<next])
                if piece.count + encoded.count > longestParameter && end > start { break }
                piece += encoded
                end = next
            }
            if section > 0 { folder.appendGlued([UInt8(ascii: ";")]) }
            folder.append(piece)
            start = end
            section += 1
        }
    }

    /// Bytes a parameter value may have unquoted in every reader: RFC 2045 allows any token,
    /// but `'` or `%` in a bare value confuses readers that look for RFC 2231 forms.
    static func isPlainTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "+"):
            true
        default:
            false
        }
    }

    /// RFC 2231 section 7 `extended-other-values`: bytes other than `attribute-char` as `%XX`.
    static func percentEncoded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            if byte < 0x80 && HeaderValueScanner.isTokenByte(byte) && byte != UInt8(ascii: "*")
                && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "%") {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 15))
            }
        }
        return out
    }
}

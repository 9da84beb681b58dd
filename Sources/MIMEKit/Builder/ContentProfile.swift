/// What a body's bytes hold, as far as choosing a transfer encoding goes (RFC 2045 sections
/// 2.7, 2.8 and 6).
struct ContentProfile: Sendable {
    var count = 0
    /// Bytes above 127.
    var eightBit = 0
    /// NUL bytes, which only `binary` and the encodings may carry.
    var nul = 0
    /// CR not followed by LF.
    var bareCR = 0
    /// LF not preceded by CR.
    var bareLF = 0
    /// The longest line, line ending excluded.
    var longestLine = 0
    /// Whether a line ends in a space or TAB (RFC 3156 section 5 asks that none does).
    var trailingWhitespace = false

    init(_ bytes: UnsafeRawBufferPointer) {
        count = bytes.count
        var lineStart = 0
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for (i, byte) in bytes.enumerated() {
            if byte >= 0x80 { eightBit &+= 1 }
            if byte == 0 { nul &+= 1 }
            if previous == 0x0D && byte != 0x0A { bareCR &+= 1 }
            if byte == 0x0A {
                let ending = previous == 0x0D ? 2 : 1
                if ending == 1 { bareLF &+= 1 }
                longestLine = max(longestLine, i + 1 - ending - lineStart)
                let last = ending == 2 ? beforePrevious : previous
                if i + 1 - ending > lineStart && (last == 0x20 || last == 0x09) { trailingWhitespace = true }
                lineStart = i + 1
            }
            beforePrevious = previous
            previous = byte
        }
        if previous == 0x0D {
            bareCR &+= 1
        } else if lineStart < count {
            longestLine = max(longestLine, count - lineStart)
            if previous == 0x20 || previous == 0x09 { trailingWhitespace = true }
        }
    }

    init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { ContentProfile($0) }
    }

    /// Whether the bytes may go as they are in a `7bit` body with CRLF line endings and no
    /// trailing white space: RFC 2045 section 2.7, plus RFC 3156 section 5.
    var isSevenBitSafe: Bool {
        eightBit == 0 && nul == 0 && bareCR == 0 && bareLF == 0 && longestLine <= 998 && !trailingWhitespace
    }

    /// Whether the bytes are mostly ASCII: quoted-printable then stays close to the original
    /// size and readable, where base64 would add a third.
    var isMostlyASCII: Bool { nul == 0 && eightBit * 6 <= count }
}

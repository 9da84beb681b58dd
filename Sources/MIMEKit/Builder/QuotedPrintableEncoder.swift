/// Quoted-printable content-transfer-encoding (RFC 2045 section 6.7) for line-oriented
/// content.
///
/// - Line breaks of the input (CRLF, or a lone LF) become CRLF hard line breaks (rule 4); a
///   lone CR is not a line break and is escaped as `=0D`.
/// - `=`, controls other than TAB, DEL and every byte above 127 are escaped as `=XX` with
///   upper-case hex digits (rules 1 and 2).
/// - A space or TAB at the end of a line (or of the input) is escaped, so no line ends in
///   white space (rule 3, and RFC 3156 section 5 for signed data).
/// - Lines hold at most 76 characters; longer ones get soft line breaks (`=` CRLF) placed
///   so that no escape is split (rule 5).
/// - A line starting with `From ` starts with `=46` and a line starting with `.` with `=2E`,
///   so mbox quoting and SMTP dot-stuffing never touch the encoded text (RFC 2049 section 3,
///   items 7 and 8).
///
/// The decoder gives back the input with every line break as CRLF.
public enum QuotedPrintableEncoder {
    /// The most characters on an encoded line, soft-break `=` included.
    public static let lineLength = 76

    /// An upper bound on the size of the encoding of `inputCount` bytes.
    public static func maxEncodedCount(forInputCount inputCount: Int) -> Int {
        // Each byte gives at most three characters, and a soft break (three more) comes after
        // at least 73 characters of a line.
        3 * inputCount + 3 * (3 * inputCount / 73 + 1)
    }

    /// Encodes `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        bytes.withContiguousStorageIfAvailable { encode(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { encode($0) }
    }

    /// Encodes the bytes of `input`.
    public static func encode(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: maxEncodedCount(forInputCount: input.count)) { buffer, count in
            count = encode(input, into: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// Encodes `input` into `output`, which must hold `maxEncodedCount(forInputCount:)`
    /// bytes, and returns the number of bytes written.
    public static func encode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        let count = input.count
        precondition(output.count >= maxEncodedCount(forInputCount: count), "output too small")
        guard count > 0, let source = input.baseAddress, let target = output.baseAddress else { return 0 }
        let hexDigits: StaticString = "0123456789ABCDEF"
        let hex = hexDigits.utf8Start
        @inline(__always) func byte(_ offset: Int) -> UInt8 { source.load(fromByteOffset: offset, as: UInt8.self) }
        @inline(__always) func put(_ value: UInt8, _ offset: Int) { target.storeBytes(of: value, toByteOffset: offset, as: UInt8.self) }

        @inline(__always) func endsLine(_ next: Int) -> Bool {
            next == count || byte(next) == 0x0A || (byte(next) == 0x0D && next + 1 < count && byte(next + 1) == 0x0A)
        }

        var i = 0
        var o = 0
        var column = 0
        while i < count {
            let b = byte(i)
            let kind = byteKinds[Int(b)]
            if kind == .lineBreak && (b == 0x0A || (i + 1 < count && byte(i + 1) == 0x0A)) {
                put(0x0D, o)
                put(0x0A, o + 1)
                o += 2
                column = 0
                i += b == 0x0A ? 1 : 2
                continue
            }
            var escape = kind == .blank ? endsLine(i + 1) : kind != .literal
            if !escape && column == 0 { escape = startsLineBadly(b, at: i, source, count) }
            let width = escape ? 3 : 1
            // A character may take the 76th column only when nothing follows it on the line;
            // otherwise that column is the soft break's `=`.
            if column + width > lineLength - 1 && !(column + width == lineLength && endsLine(i + 1)) {
                put(UInt8(ascii: "="), o)
                put(0x0D, o + 1)
                put(0x0A, o + 2)
                o += 3
                column = 0
                if !escape { escape = startsLineBadly(b, at: i, source, count) }
            }
            if escape {
                put(UInt8(ascii: "="), o)
                put(hex[Int(b >> 4)], o + 1)
                put(hex[Int(b & 15)], o + 2)
                o += 3
                column += 3
            } else {
                put(b, o)
                o += 1
                column += 1
            }
            i += 1
        }
        return o
    }

    private enum ByteKind { case literal, blank, escaped, lineBreak }

    /// How each byte is written: as it is, as it is unless it ends a line (space, TAB), as
    /// an escape, or as a line break (CR and LF, which a lone CR is not).
    private static let byteKinds: [ByteKind] = (0...255).map { value in
        switch value {
        case 0x21...0x3C, 0x3E...0x7E: .literal
        case 0x20, 0x09: .blank
        case 0x0A, 0x0D: .lineBreak
        default: .escaped
        }
    }

    /// Whether `b`, written first on a line, would start `From ` or a line beginning with `.`.
    @inline(__always)
    private static func startsLineBadly(_ b: UInt8, at i: Int, _ source: UnsafeRawPointer, _ count: Int) -> Bool {
        if b == UInt8(ascii: ".") { return true }
        guard b == UInt8(ascii: "F"), i + 5 <= count else { return false }
        return source.load(fromByteOffset: i + 1, as: UInt8.self) == UInt8(ascii: "r")
            && source.load(fromByteOffset: i + 2, as: UInt8.self) == UInt8(ascii: "o")
            && source.load(fromByteOffset: i + 3, as: UInt8.self) == UInt8(ascii: "m")
            && source.load(fromByteOffset: i + 4, as: UInt8.self) == UInt8(ascii: " ")
    }
}

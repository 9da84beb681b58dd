/// A streaming quoted-printable decoder (RFC 2045 section 6.7).
///
/// The grammar it reads (RFC 2045 section 6.7, with the soft line break of rule 5):
///
///     quoted-printable := qp-line *(CRLF qp-line)
///     qp-line := *(qp-segment transport-padding CRLF)
///                qp-part transport-padding
///     qp-part := qp-section
///     qp-segment := qp-section *(SPACE / TAB) "="
///     qp-section := [*(ptext / SPACE / TAB) ptext]
///     ptext := hex-octet / safe-char
///     hex-octet := "=" 2(DIGIT / "A" / "B" / "C" / "D" / "E" / "F")
///     transport-padding := *LWSP-char
///
/// Choices, following what mail needs rather than the letter of the grammar:
/// - `=XX` decodes with hex digits in either case ("a robust implementation might recognize
///   lowercase letters", rule 1).
/// - A soft line break is `=` then optional spaces and tabs (transport padding) then CRLF or
///   a bare LF; all of it is removed. `=` (with optional padding) at the very end of the
///   input is a soft break too, since a MIME parser leaves the CRLF before a boundary out of
///   the body.
/// - A `=` that starts neither an escape nor a soft break is kept literally with what follows
///   (`=G1` stays `=G1`), as rule 1 suggests, and counted in `issues.malformedEscapes`.
/// - Trailing white space before a hard line break is kept, as GMime and MimeKit keep it,
///   although rule 3 says it "must be deleted, as it will necessarily have been added by
///   intermediate transport agents": encoders escape the white space they mean to keep, so
///   bare trailing blanks are rare either way, and keeping them leaves nothing to hold back
///   but the few bytes of an escape.
/// - Line endings (CRLF or LF) and all other bytes, 8-bit ones included, pass through as
///   they are.
public struct QuotedPrintableDecoder: TransferDecoder {
    private enum Phase: Sendable {
        /// Plain text.
        case text
        /// After `=`.
        case equals
        /// After `=` and one hex digit, kept in `firstDigit`.
        case hex
        /// After `=` and transport padding, kept in `paddingTabs` and `paddingCount`.
        case padding
        /// After `=`, transport padding and CR.
        case carriageReturn
    }

    /// The most blanks held after `=` waiting for a line break; longer runs are not padding.
    private static let maxPadding = 64

    private var phase = Phase.text
    private var firstDigit: UInt8 = 0
    /// The transport padding after `=`: bit i is set when blank i is a tab.
    private var paddingTabs: UInt64 = 0
    private var paddingCount = 0
    /// The offset of the `=` being read, for the issue it may raise.
    private var escapeOffset = 0
    /// Input bytes seen in earlier calls, for issue offsets.
    private var consumed = 0

    /// The malformed input met so far, each already worked around.
    public private(set) var issues = DecoderIssues()

    /// A decoder at the start of its input.
    public init() {}

    /// One byte for every input byte, plus a held-back `=`, padding and CR.
    public static func maxOutputCount(forInputCount inputCount: Int) -> Int {
        inputCount + maxPadding + 2
    }

    /// Decodes the next chunk of the input into `output`, which must have room for
    /// `maxOutputCount(forInputCount: input.count)` bytes, and returns the bytes written.
    public mutating func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        precondition(output.count >= Self.maxOutputCount(forInputCount: input.count), "output buffer too small")
        guard let source = input.baseAddress, let target = output.baseAddress else { return 0 }
        let count = input.count
        var position = 0
        var written = 0
        while position < count {
            let byte = source.load(fromByteOffset: position, as: UInt8.self)
            switch phase {
            case .text:
                // Most of a body is literal: copy the run up to the next `=` at once.
                let run = bytesBeforeEquals(source + position, count: count &- position)
                (target + written).copyMemory(from: source + position, byteCount: run)
                written &+= run
                position &+= run
                guard position < count else { continue }
                escapeOffset = consumed &+ position
                // An escape whole in this chunk needs no trip through the states.
                if position &+ 2 < count,
                   let high = hexValue(source.load(fromByteOffset: position &+ 1, as: UInt8.self)),
                   let low = hexValue(source.load(fromByteOffset: position &+ 2, as: UInt8.self)) {
                    target.storeBytes(of: high << 4 | low, toByteOffset: written, as: UInt8.self)
                    written &+= 1
                    position &+= 3
                } else {
                    phase = .equals
                    position &+= 1
                }
                continue
            case .equals:
                if hexValue(byte) != nil {
                    firstDigit = byte
                    phase = .hex
                } else if byte == UInt8(ascii: "\n") {
                    phase = .text
                } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                    paddingTabs = 0
                    paddingCount = 0
                    addPadding(byte)
                    phase = .padding
                } else if byte == UInt8(ascii: "\r") {
                    paddingCount = 0
                    phase = .carriageReturn
                } else {
                    written += keepMalformed(into: target + written)
                    continue
                }
            case .hex:
                if let high = hexValue(firstDigit), let low = hexValue(byte) {
                    target.storeBytes(of: high << 4 | low, toByteOffset: written, as: UInt8.self)
                    written &+= 1
                    phase = .text
                } else {
                    written += keepMalformed(into: target + written)
                    continue
                }
            case .padding:
                if byte == UInt8(ascii: "\n") {
                    phase = .text
                } else if byte == UInt8(ascii: "\r") {
                    phase = .carriageReturn
                } else if (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && paddingCount < Self.maxPadding {
                    addPadding(byte)
                } else {
                    written += keepMalformed(into: target + written)
                    continue
                }
            case .carriageReturn:
                if byte == UInt8(ascii: "\n") {
                    phase = .text
                } else {
                    written += keepMalformed(into: target + written)
                    continue
                }
            }
            position &+= 1
        }
        consumed += count
        return written
    }

    /// Flushes an escape cut short by the end of the input; writes at most two bytes.
    ///
    /// A `=` at the end, with or without padding or CR, is a soft line break and writes nothing.
    public mutating func finish(into output: UnsafeMutableRawBufferPointer) -> Int {
        precondition(output.count >= Self.maxOutputCount(forInputCount: 0), "output buffer too small")
        defer { phase = .text }
        guard phase == .hex, let target = output.baseAddress else { return 0 }
        return keepMalformed(into: target)
    }

    private mutating func addPadding(_ blank: UInt8) {
        if blank == UInt8(ascii: "\t") { paddingTabs |= 1 << UInt64(paddingCount) }
        paddingCount += 1
    }

    /// Writes back the `=` and what was held after it, literally, and counts the escape as
    /// malformed; the byte that broke the escape is then read again as text.
    private mutating func keepMalformed(into target: UnsafeMutableRawPointer) -> Int {
        issues.record(.malformedEscape, at: escapeOffset)
        target.storeBytes(of: UInt8(ascii: "="), as: UInt8.self)
        var written = 1
        switch phase {
        case .hex:
            target.storeBytes(of: firstDigit, toByteOffset: written, as: UInt8.self)
            written += 1
        case .padding, .carriageReturn:
            for index in 0..<paddingCount {
                let tab = paddingTabs >> UInt64(index) & 1 == 1
                target.storeBytes(of: tab ? UInt8(ascii: "\t") : UInt8(ascii: " "), toByteOffset: written, as: UInt8.self)
                written += 1
            }
            if phase == .carriageReturn {
                target.storeBytes(of: UInt8(ascii: "\r"), toByteOffset: written, as: UInt8.self)
                written += 1
            }
        case .text, .equals:
            break
        }
        phase = .text
        return written
    }
}

/// The number of bytes before the first `=` among the `count` bytes at `start`, or `count`.
private func bytesBeforeEquals(_ start: UnsafeRawPointer, count: Int) -> Int {
    var offset = 0
    // Eight bytes at a time: XOR with `=` leaves a zero byte where an `=` is, and the lowest
    // bit set by (x - 0x01…) & ~x & 0x80… marks the first zero byte exactly.
    while offset &+ 8 <= count {
        let word = start.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian ^ 0x3D3D_3D3D_3D3D_3D3D
        let zeros = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
        if zeros != 0 { return offset &+ zeros.trailingZeroBitCount &>> 3 }
        offset &+= 8
    }
    while offset < count && start.load(fromByteOffset: offset, as: UInt8.self) != UInt8(ascii: "=") {
        offset &+= 1
    }
    return offset
}

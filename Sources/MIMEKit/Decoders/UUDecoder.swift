/// A streaming uudecoder: finds the `begin` line, decodes the data lines, stops at `end`.
///
/// The format it reads, as POSIX describes it for `uuencode` (there is no RFC), written here
/// in ABNF:
///
///     uuencoded   = *other-line begin-line *data-line end-line *other-line
///     begin-line  = "begin" SP mode SP name EOL   ; mode: octal digits
///     data-line   = length-char *(4encoded-char) EOL
///     end-line    = "end" EOL
///     length-char = %x20-60                       ; as encoded-char
///     EOL         = CRLF / LF
///
/// Each character from space (0x20) to backquote (0x60) stands for its value minus 0x20,
/// modulo 64, so both space and backquote mean zero. The length character gives the number
/// of bytes the line carries; each group of four characters carries three.
///
/// Tolerated, and counted in `issues` where the input is wrong:
/// - Lines before `begin` are skipped silently; without a `begin` line nothing is decoded
///   (`issues.missingBegin`).
/// - A missing `end` line (`issues.missingEnd`): whatever was decoded is kept.
/// - Short lines, cut in transit or stripped of trailing spaces by a mailer
///   (`issues.shortLines`): the line gives the bytes its characters hold, and no invented
///   zeros, so the output never exceeds three quarters of the input. A stripped trailing
///   space that only carried padding bits loses nothing and is not counted.
/// - Characters past the announced length (old encoders appended a checksum) are ignored.
/// - CR before LF, and empty lines, are skipped. Bytes outside the alphabet inside a data line
///   are skipped (`issues.invalidBytes`); a line that starts with one, other than `end`, is
///   skipped whole (`issues.malformedLines`).
public struct UUDecoder: TransferDecoder {
    private enum Phase: Sendable {
        /// At the start of a line before `begin`, `matched` bytes of "begin " read so far.
        case seekingBegin(matched: Int)
        /// Reading the octal mode of the `begin` line.
        case mode(digits: Int)
        /// Reading the file name of the `begin` line.
        case name
        /// At the start of a line after `begin`.
        case lineStart
        /// Inside a data line.
        case data
        /// At the start of a line, `matched` bytes of "end" read so far.
        case matchingEnd(matched: Int)
        /// Skipping to the end of the line.
        case skippingLine
        /// After the `end` line: everything else is ignored.
        case done
    }

    /// The longest file name kept; the rest of a longer one is dropped.
    private static let maxNameLength = 1024
    private static let beginPrefix = Array("begin ".utf8)
    private static let endLine = Array("end".utf8)

    private var phase = Phase.seekingBegin(matched: 0)
    /// Whether the `begin` line has been read.
    private var begun = false
    /// The mode of the `begin` line being read.
    private var pendingMode = 0
    private var nameBytes: [UInt8] = []
    /// The bytes the current data line announces, and how many it has given.
    private var lineLength = 0
    private var lineWritten = 0
    /// The characters of the current group, the newest in the low bits, and their count.
    private var group: UInt32 = 0
    private var groupCount = 0
    /// The offset of the current line's first byte, for issues about the line.
    private var lineOffset = 0
    /// Input bytes seen in earlier calls, for issue offsets.
    private var consumed = 0

    /// The permission bits of the `begin` line, once it has been read.
    public private(set) var mode: Int?
    /// The file name of the `begin` line, once it has been read (invalid UTF-8 repaired).
    public private(set) var fileName: String?

    /// The malformed input met so far, each already worked around.
    public private(set) var issues = DecoderIssues()

    /// A decoder at the start of its input.
    public init() {}

    /// At most three bytes for every four input bytes, plus the partial group held back.
    public static func maxOutputCount(forInputCount inputCount: Int) -> Int {
        inputCount / 4 * 3 + 6
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
            if case .data = phase, groupCount == 0 {
                // Whole groups inside the announced length, the bulk of a data line, skip the
                // states and decode four characters at a time.
                while position &+ 4 <= count && lineLength &- lineWritten >= 3 {
                    let word = source.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian
                    let c0 = (word & 0xFF) &- 0x20, c1 = (word >> 8 & 0xFF) &- 0x20
                    let c2 = (word >> 16 & 0xFF) &- 0x20, c3 = (word >> 24) &- 0x20
                    // A byte below 0x20 wraps around, so one bound checks both ends of the range.
                    guard max(c0, c1, c2, c3) <= 0x40 else { break }
                    let bits = (c0 & 0x3F) << 18 | (c1 & 0x3F) << 12 | (c2 & 0x3F) << 6 | (c3 & 0x3F)
                    target.storeBytes(of: UInt8(truncatingIfNeeded: bits >> 16), toByteOffset: written, as: UInt8.self)
                    target.storeBytes(of: UInt8(truncatingIfNeeded: bits >> 8), toByteOffset: written &+ 1, as: UInt8.self)
                    target.storeBytes(of: UInt8(truncatingIfNeeded: bits), toByteOffset: written &+ 2, as: UInt8.self)
                    position &+= 4
                    written &+= 3
                    lineWritten &+= 3
                }
                if position == count { break }
            }
            let byte = source.load(fromByteOffset: position, as: UInt8.self)
            written += step(byte, at: consumed + position, into: target + written)
            position += 1
        }
        consumed += count
        return written
    }

    /// Flushes a data line cut short by the end of the input and notes a missing `begin` or
    /// `end`; writes at most two bytes.
    public mutating func finish(into output: UnsafeMutableRawBufferPointer) -> Int {
        precondition(output.count >= Self.maxOutputCount(forInputCount: 0), "output buffer too small")
        guard let target = output.baseAddress else { return 0 }
        var written = 0
        switch phase {
        case .seekingBegin, .mode:
            issues.record(.missingBegin, at: consumed)
        case .name:
            beginData()
            issues.record(.missingEnd, at: consumed)
        case .data:
            written = endDataLine(into: target)
            issues.record(.missingEnd, at: consumed)
        case .matchingEnd(let matched) where matched == Self.endLine.count:
            break
        case .matchingEnd:
            issues.record(.malformedLine, at: lineOffset)
            issues.record(.missingEnd, at: consumed)
        case .lineStart:
            issues.record(.missingEnd, at: consumed)
        case .skippingLine:
            issues.record(begun ? .missingEnd : .missingBegin, at: consumed)
        case .done:
            break
        }
        phase = .done
        return written
    }

    /// Reads one byte and returns the number of bytes it wrote.
    private mutating func step(_ byte: UInt8, at offset: Int, into target: UnsafeMutableRawPointer) -> Int {
        let newline = UInt8(ascii: "\n")
        switch phase {
        case .seekingBegin(let matched):
            if byte == Self.beginPrefix[matched] {
                phase = matched + 1 == Self.beginPrefix.count ? .mode(digits: 0) : .seekingBegin(matched: matched + 1)
            } else {
                phase = byte == newline ? .seekingBegin(matched: 0) : .skippingLine
            }
        case .mode(let digits):
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7") {
                // Masked so that a runaway digit string cannot overflow.
                pendingMode = (pendingMode << 3 | Int(byte - UInt8(ascii: "0"))) & 0o7777777
                phase = .mode(digits: digits + 1)
            } else if byte == UInt8(ascii: " ") && digits > 0 {
                phase = .name
            } else {
                pendingMode = 0
                phase = byte == newline ? .seekingBegin(matched: 0) : .skippingLine
            }
        case .name:
            if byte == newline {
                beginData()
            } else if nameBytes.count < Self.maxNameLength {
                nameBytes.append(byte)
            }
        case .lineStart:
            lineOffset = offset
            switch byte {
            case newline, UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "e"):
                phase = .matchingEnd(matched: 1)
            case 0x20...0x60:
                lineLength = Int(byte &- 0x20) & 0x3F
                lineWritten = 0
                group = 0
                groupCount = 0
                phase = .data
            default:
                issues.record(.malformedLine, at: offset)
                phase = .skippingLine
            }
        case .data:
            switch byte {
            case newline:
                let written = endDataLine(into: target)
                phase = .lineStart
                return written
            case UInt8(ascii: "\r"):
                break
            case 0x20...0x60:
                return addCharacter(byte, into: target)
            default:
                issues.record(.invalidByte, at: offset)
            }
        case .matchingEnd(let matched):
            if matched < Self.endLine.count && byte == Self.endLine[matched] {
                phase = .matchingEnd(matched: matched + 1)
            } else if matched == Self.endLine.count && (byte == newline || byte == UInt8(ascii: "\r")
                                                || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) {
                phase = .done
            } else {
                issues.record(.malformedLine, at: lineOffset)
                phase = byte == newline ? .lineStart : .skippingLine
            }
        case .skippingLine:
            if byte == newline { phase = begun ? .lineStart : .seekingBegin(matched: 0) }
        case .done:
            break
        }
        return 0
    }

    /// Publishes the `begin` line's mode and name and starts reading data lines.
    private mutating func beginData() {
        begun = true
        mode = pendingMode
        var name = nameBytes[...]
        while let last = name.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            name = name.dropLast()
        }
        fileName = String(decoding: name, as: UTF8.self)
        nameBytes = []
        phase = .lineStart
    }

    /// Adds one character to the current group and writes the group's bytes once it is whole.
    private mutating func addCharacter(_ byte: UInt8, into target: UnsafeMutableRawPointer) -> Int {
        guard lineWritten < lineLength else { return 0 }
        group = group << 6 | UInt32(byte &- 0x20) & 0x3F
        groupCount += 1
        guard groupCount == 4 else { return 0 }
        return writeGroup(bytes: 3, into: target)
    }

    /// Writes what a data line's last, partial group holds and checks the line's length.
    private mutating func endDataLine(into target: UnsafeMutableRawPointer) -> Int {
        var written = 0
        if groupCount >= 2 {
            // Align the partial group as if the missing characters were zeros.
            let missing = 4 - groupCount
            group <<= UInt32(6 * missing)
            written = writeGroup(bytes: groupCount - 1, into: target)
        }
        if lineWritten < lineLength { issues.record(.shortLine, at: lineOffset) }
        group = 0
        groupCount = 0
        return written
    }

    /// Writes up to `bytes` bytes of the group, no more than the line still announces, and
    /// empties the group.
    private mutating func writeGroup(bytes: Int, into target: UnsafeMutableRawPointer) -> Int {
        let count = min(bytes, lineLength - lineWritten)
        for index in 0..<count {
            target.storeBytes(of: UInt8(truncatingIfNeeded: group >> UInt32(16 - 8 * index)),
                              toByteOffset: index, as: UInt8.self)
        }
        lineWritten += count
        group = 0
        groupCount = 0
        return count
    }
}

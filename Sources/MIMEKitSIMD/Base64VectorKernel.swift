#if arch(x86_64)
/// The AVX2 inner loop of `Base64Decoder`: 32 input bytes a step, all of them in the alphabet
/// of RFC 2045 table 1, become 24 output bytes; line breaks between quanta are skipped, and
/// once a line has been seen, lines of its length are decoded a whole line at a time (two at
/// a time for 76 and other lengths that end a little past a whole step).
///
/// This module is compiled with `-mavx2` and holds nothing else, so that no other code of the
/// package is built for a CPU it may not run on; `Base64Decoder` calls it only after checking
/// that the CPU has AVX2 and the OS saves its registers.
///
/// Swift has no variable byte shuffle, so bytes are classified by range compares rather than
/// by table lookups: A–Z, a–z, 0–9, `+` and `/` each get the offset that turns them into their
/// sextet. Every other byte (`=`, blanks, garbage, a line break inside a quantum) ends the
/// run and is left to the scalar decoder, which also keeps the state between quanta.
///
/// The shapes below were chosen by reading the assembly: the stdlib's generic SIMD paths
/// compile to per-lane loops for the scalar-operand operators, for `replacing(with:where:)`,
/// for `all` and for bitwise operators on 32 lanes, so this code uses vector operands, mask
/// operators, bitwise operators on 8 lanes of 32 bits, and an OR of four 64-bit lanes (one
/// `vptest`).
/// A 64-bit target and little-endian lanes are assumed: this file is x86-64 only.
package enum Base64VectorKernel {
    private typealias Bytes = SIMD32<Int8>
    private typealias Mask = SIMDMask<SIMD32<Int8>>
    private typealias Words = SIMD8<UInt32>

    /// Decodes steps of 32 bytes from `source` (`count` bytes) into `target` (`room` bytes) for
    /// as long as each step is alphabet bytes, or whole quanta of them followed by a line
    /// break (LF or CRLF) that ends a line of at least 32 bytes, which it skips; stops before
    /// anything else (the step's whole quanta decoded), or at too little input or room.
    /// Returns the input bytes read and the output bytes written (3 for every 4 alphabet bytes).
    @inline(never)
    package static func decode(_ source: UnsafeRawPointer, count: Int,
                               into target: UnsafeMutableRawPointer, room: Int) -> (read: Int, written: Int) {
        var read = 0
        var written = 0
        // Where the line being read began, -1 until a line break has been skipped (the call may
        // start in the middle of a line), and the length and line break of the last whole
        // line, 0 until one has been seen.
        var lineStart = -1
        var lineLength = 0
        var breakLength = 0
        while true {
            // Lines like the last one, each checked whole: its steps at 0, 32, ... and one
            // ending at its end (overlapping the one before, unless two lines share it: see
            // below), then its line break. The next line's address does not wait for this
            // line's bytes to be classified, as it does when a step looks for the line break
            // (below): that wait halved the speed on 76-column base64.
            if lineLength != 0 {
                // A line that ends 8 to 16 bytes after its last whole step (76 = 64 + 12) is
                // taken with the next one (see `decodePairs`); single lines follow: the last
                // one, or the rest after a pair that failed.
                if lineLength & 31 >= 8 && lineLength & 31 <= 16 {
                    (read, written) = decodePairs(source, count: count, into: target, room: room, read: read,
                                                  written: written, lineLength: lineLength, breakLength: breakLength)
                }
                // The sums are left in the loop: with them hoisted, LLVM placed this loop's
                // registers otherwise and lines of 60 and 64 ran 4% slower in the cache, with
                // fewer instructions.
                while read &+ lineLength &+ breakLength <= count && written &+ lineLength >> 2 &* 3 &+ 4 <= room {
                    var outside = Words()
                    var offset = 0
                    while offset &+ 32 < lineLength {
                        outside |= step(source + (read &+ offset), into: target + (written &+ offset >> 2 &* 3))
                        offset &+= 32
                    }
                    offset = lineLength &- 32
                    outside |= step(source + (read &+ offset), into: target + (written &+ offset >> 2 &* 3))
                    guard isZero(outside), isLineBreak(source + (read &+ lineLength), length: breakLength) else { break }
                    read &+= lineLength &+ breakLength
                    written &+= lineLength >> 2 &* 3
                }
                lineStart = read
                lineLength = 0
            }
            guard read &+ 32 <= count && written &+ 28 <= room else { break }
            let outside = step(source + read, into: target + written)
            if isZero(outside) {
                read &+= 32
                written &+= 24
                continue
            }
            // Keep the whole quanta before the first other byte and, if it is a line break at
            // a quantum boundary, go on after it.
            let first = firstSet(unsafeBitCast(outside, to: SIMD4<UInt64>.self))
            let whole = first & ~3
            read &+= whole
            written &+= whole >> 2 &* 3
            guard first == whole else { break }
            let skipped: Int
            if isLineBreak(source + read, length: 1) {
                skipped = 1
            } else if read &+ 1 < count && isLineBreak(source + read, length: 2) {
                skipped = 2
            } else {
                break
            }
            // A line shorter than a step costs a step and the wait for its classification, more
            // than the tables take for it: stop before its line break and leave such lines to
            // them. A longer one is learned: every length is a multiple of 4 (each step keeps
            // whole quanta), so a line can be decoded as steps at multiples of 4 from its start.
            if lineStart >= 0 {
                guard read &- lineStart >= 32 else { break }
                lineLength = read &- lineStart
                breakLength = skipped
            }
            read &+= skipped
            lineStart = read
        }
        return (read, written)
    }

    /// Decodes pairs of lines of `lineLength` bytes, whose last whole step leaves 8 to 16 bytes of
    /// each, followed by line breaks of `breakLength` bytes, from `read` in `source` and
    /// `written` in `target`, for as long as both lines of a pair are whole and there is input
    /// and room for them; returns where it stopped. The 16 bytes ending each of the two lines
    /// make one step, where one line would take an overlapping step of its own.
    ///
    /// Not inlined: in the caller's loops its code made LLVM keep fewer constants in registers
    /// in the loop for single lines, which then cost lines of 64 8% more instructions.
    @inline(never)
    private static func decodePairs(_ source: UnsafeRawPointer, count: Int, into target: UnsafeMutableRawPointer,
                                    room: Int, read: Int, written: Int,
                                    lineLength: Int, breakLength: Int) -> (read: Int, written: Int) {
        let stride = lineLength &+ breakLength
        let lineOutput = lineLength >> 2 &* 3
        var read = read
        var written = written
        while read &+ 2 &* stride <= count && written &+ 2 &* lineOutput &+ 4 <= room {
            let second = read &+ stride
            let secondOutput = written &+ lineOutput
            // Lines of 76 (RFC 2045's limit) get code of their own, without loops.
            let outside = lineLength == 76
                ? pair(source + read, source + second, lineLength: 76, into: target + written, target + secondOutput)
                : pair(source + read, source + second, lineLength: lineLength,
                       into: target + written, target + secondOutput)
            guard isZero(outside), isLineBreak(source + (read &+ lineLength), length: breakLength),
                  isLineBreak(source + (second &+ lineLength), length: breakLength) else { break }
            read = second &+ stride
            written = secondOutput &+ lineOutput
        }
        return (read, written)
    }

    /// Decodes two lines of `lineLength` bytes, whose last whole step leaves 8 to 16 bytes of
    /// each, at `first` and `second` into `firstTarget` (the output of the first line, 4 bytes
    /// past it written) and `secondTarget` (4 bytes past its output written); returns a mask of
    /// the bytes outside the alphabet.
    @inline(__always)
    private static func pair(_ first: UnsafeRawPointer, _ second: UnsafeRawPointer, lineLength: Int,
                             into firstTarget: UnsafeMutableRawPointer,
                             _ secondTarget: UnsafeMutableRawPointer) -> Words {
        // The two lines' steps in one loop, so that its constants stay in registers. A step's
        // four spare bytes land in its own line's output (a tail of 8 or more bytes has 6 or
        // more), rewritten by a later step or by the tail.
        var outside = step(first, into: firstTarget) | step(second, into: secondTarget)
        var offset = 32
        while offset &+ 32 <= lineLength {
            let output = offset >> 2 &* 3
            outside |= step(first + offset, into: firstTarget + output)
            outside |= step(second + offset, into: secondTarget + output)
            offset &+= 32
        }
        let tails = decoded(Bytes(lowHalf: (first + (lineLength &- 16)).loadUnaligned(as: SIMD16<Int8>.self),
                                  highHalf: (second + (lineLength &- 16)).loadUnaligned(as: SIMD16<Int8>.self)))
        outside |= tails.outside
        // The first line's tail is stored as its 12 bytes exactly, since the second line's
        // output follows it.
        let tailOutput = (lineLength &- 16) >> 2 &* 3
        let firstTail = firstTwelve(tails.quanta.lowHalf)
        (firstTarget + tailOutput).storeBytes(of: unsafeBitCast(firstTail, to: SIMD2<UInt64>.self)[0], as: UInt64.self)
        (firstTarget + (tailOutput &+ 8))
            .storeBytes(of: unsafeBitCast(firstTail, to: SIMD4<UInt32>.self)[2], as: UInt32.self)
        (secondTarget + tailOutput).storeBytes(of: firstTwelve(tails.quanta.highHalf), as: SIMD16<UInt8>.self)
        return outside
    }

    /// Decodes the 32 bytes at `source` as if they were all in the alphabet, writes 28 bytes at
    /// `target` of which the first 24 are the output, and returns a mask of the bytes that are
    /// not in the alphabet (0xFF bytes).
    @inline(__always)
    private static func step(_ source: UnsafeRawPointer, into target: UnsafeMutableRawPointer) -> Words {
        let step = decoded(source.loadUnaligned(as: Bytes.self))
        // Constant indices: one `vpshufb` a half. The second store overlaps the first's four
        // spare bytes.
        target.storeBytes(of: firstTwelve(step.quanta.lowHalf), as: SIMD16<UInt8>.self)
        (target + 12).storeBytes(of: firstTwelve(step.quanta.highHalf), as: SIMD16<UInt8>.self)
        return step.outside
    }

    /// `bytes` decoded as if they were all in the alphabet, as four bytes a quantum of which
    /// `firstTwelve` takes the output; and a mask of the bytes that are not in the alphabet
    /// (0xFF bytes).
    @inline(__always)
    private static func decoded(_ bytes: Bytes) -> (quanta: SIMD32<UInt8>, outside: Words) {
        let upper = inRange(bytes, from: UInt8(ascii: "A"), count: 26)
        let lower = inRange(bytes, from: UInt8(ascii: "a"), count: 26)
        let digit = inRange(bytes, from: UInt8(ascii: "0"), count: 10)
        let plus = bytes .== Bytes(repeating: Int8(UInt8(ascii: "+")))
        let slash = bytes .== Bytes(repeating: Int8(UInt8(ascii: "/")))
        // Each byte is in at most one class: the OR of the masked offsets is its offset, and
        // no offset is 0, so a 0 marks a byte outside the alphabet.
        let offsets = unsafeBitCast(offset(upper, -65) | offset(lower, -71) | offset(digit, 4)
                                        | offset(plus, 19) | offset(slash, 16),
                                    to: Bytes.self)
        let sextets = unsafeBitCast(bytes &+ offsets, to: SIMD16<UInt16>.self)
        // Sextets a, b, c, d (in memory order) → a << 6 | b and c << 6 | d in 16-bit lanes →
        // a << 18 | b << 12 | c << 6 | d in 32-bit lanes, whose bytes 2, 1, 0 are the output,
        // in that order.
        let pairs = unsafeBitCast((sextets & SIMD16<UInt16>(repeating: 0x00FF)) &<< SIMD16<UInt16>(repeating: 6)
                                      | sextets &>> SIMD16<UInt16>(repeating: 8),
                                  to: Words.self)
        let quanta = unsafeBitCast((pairs & Words(repeating: 0xFFFF)) &<< Words(repeating: 12)
                                       | pairs &>> Words(repeating: 16),
                                   to: SIMD32<UInt8>.self)
        return (quanta, unsafeBitCast(offsets .== Bytes(repeating: 0), to: Words.self))
    }

    /// Whether a mask is all zero: an OR of four 64-bit lanes, one `vptest`.
    @inline(__always)
    private static func isZero(_ mask: Words) -> Bool {
        let lanes = unsafeBitCast(mask, to: SIMD4<UInt64>.self)
        return lanes[0] | lanes[1] | lanes[2] | lanes[3] == 0
    }

    /// Whether the `length` bytes at `bytes` are LF (1) or CRLF (2).
    @inline(__always)
    private static func isLineBreak(_ bytes: UnsafeRawPointer, length: Int) -> Bool {
        length == 1 ? bytes.load(as: UInt8.self) == UInt8(ascii: "\n")
                    : bytes.loadUnaligned(as: UInt16.self) == UInt16(0x0A0D).littleEndian
    }

    /// The index of the first byte of `lanes` that is not zero; `lanes` is not all zero.
    @inline(__always)
    private static func firstSet(_ lanes: SIMD4<UInt64>) -> Int {
        if lanes[0] != 0 { return lanes[0].trailingZeroBitCount >> 3 }
        if lanes[1] != 0 { return 8 &+ lanes[1].trailingZeroBitCount >> 3 }
        if lanes[2] != 0 { return 16 &+ lanes[2].trailingZeroBitCount >> 3 }
        return 24 &+ lanes[3].trailingZeroBitCount >> 3
    }

    /// The lanes of `bytes` (read unsigned) from `start` to `start + count - 1`: shifted so
    /// that range starts at -128, one signed compare (`vpcmpgtb`) finds them.
    @inline(__always)
    private static func inRange(_ bytes: Bytes, from start: UInt8, count: Int8) -> Mask {
        (bytes &- Bytes(repeating: Int8(truncatingIfNeeded: Int(start) &+ 128)))
            .< Bytes(repeating: Int8.min &+ count)
    }

    /// `value` in the lanes of `mask`, zero elsewhere.
    @inline(__always)
    private static func offset(_ mask: Mask, _ value: Int8) -> Words {
        unsafeBitCast(mask, to: Words.self) & unsafeBitCast(Bytes(repeating: value), to: Words.self)
    }

    /// The three output bytes of each of the four quanta of `lane`, then four zeros.
    @inline(__always)
    private static func firstTwelve(_ lane: SIMD16<UInt8>) -> SIMD16<UInt8> {
        SIMD16<UInt8>(lane[2], lane[1], lane[0], lane[6], lane[5], lane[4],
                      lane[10], lane[9], lane[8], lane[14], lane[13], lane[12], 0, 0, 0, 0)
    }
}
#endif

#if arch(x86_64)
/// The AVX2 inner loop of `Base64Decoder`: 32 input bytes a step, all of them in the alphabet
/// of RFC 2045 table 1, become 24 output bytes.
///
/// This module is compiled with `-mavx2` and holds nothing else, so that no other code of the
/// package is built for a CPU it may not run on; `Base64Decoder` calls it only after checking
/// that the CPU has AVX2 and the OS saves its registers.
///
/// Swift has no variable byte shuffle, so bytes are classified by range compares rather than
/// by table lookups: A–Z, a–z, 0–9, `+` and `/` each get the offset that turns them into their
/// sextet. Every other byte (line breaks, `=`, garbage) ends the run and is left to the scalar
/// decoder, which also keeps the state between quanta. The shapes below were chosen by
/// reading the assembly: the stdlib's generic SIMD paths compile to per-lane loops for the
/// scalar-operand operators, for `replacing(with:where:)`, for `all` and for bitwise
/// operators on 32 lanes, so this code uses vector operands, mask operators, bitwise
/// operators on 8 lanes of 32 bits, and an OR of four 64-bit lanes (one `vptest`).
package enum Base64VectorKernel {
    private typealias Bytes = SIMD32<Int8>
    private typealias Mask = SIMDMask<SIMD32<Int8>>
    private typealias Words = SIMD8<UInt32>

    /// Decodes whole steps of 32 alphabet bytes from `source` (`count` bytes) into `target`
    /// (`room` bytes), stopping at the first step with another byte or at too little input or
    /// room, and returns the input bytes read: a multiple of 32, of which every 4 gave 3
    /// output bytes. A step writes 28 bytes and keeps 24.
    @inline(never)
    package static func decode(_ source: UnsafeRawPointer, count: Int,
                               into target: UnsafeMutableRawPointer, room: Int) -> Int {
        var read = 0
        var written = 0
        while read &+ 32 <= count && written &+ 28 <= room {
            let bytes = source.loadUnaligned(fromByteOffset: read, as: Bytes.self)
            let upper = inRange(bytes, from: UInt8(ascii: "A"), count: 26)
            let lower = inRange(bytes, from: UInt8(ascii: "a"), count: 26)
            let digit = inRange(bytes, from: UInt8(ascii: "0"), count: 10)
            let plus = bytes .== Bytes(repeating: Int8(UInt8(ascii: "+")))
            let slash = bytes .== Bytes(repeating: Int8(UInt8(ascii: "/")))
            let outside = unsafeBitCast(.!(upper .| lower .| digit .| plus .| slash), to: SIMD4<UInt64>.self)
            if outside[0] | outside[1] | outside[2] | outside[3] != 0 { break }
            // Each byte is in one class: the OR of the masked offsets is its offset.
            let offsets = offset(upper, -65) | offset(lower, -71) | offset(digit, 4) | offset(plus, 19) | offset(slash, 16)
            let sextets = unsafeBitCast(bytes &+ unsafeBitCast(offsets, to: Bytes.self), to: SIMD16<UInt16>.self)
            // Sextets a, b, c, d (in memory order) → a << 6 | b and c << 6 | d in 16-bit
            // lanes → a << 18 | b << 12 | c << 6 | d in 32-bit lanes, whose bytes 2, 1, 0 are
            // the output, in that order.
            let pairs = unsafeBitCast((sextets & SIMD16<UInt16>(repeating: 0x00FF)) &<< SIMD16<UInt16>(repeating: 6)
                                          | sextets &>> SIMD16<UInt16>(repeating: 8),
                                      to: Words.self)
            let quanta = unsafeBitCast((pairs & Words(repeating: 0xFFFF)) &<< Words(repeating: 12)
                                           | pairs &>> Words(repeating: 16),
                                       to: SIMD32<UInt8>.self)
            // Constant indices: one `vpshufb` a half. The second store overlaps the first's
            // four spare bytes.
            (target + written).storeBytes(of: firstTwelve(quanta.lowHalf), as: SIMD16<UInt8>.self)
            (target + (written &+ 12)).storeBytes(of: firstTwelve(quanta.highHalf), as: SIMD16<UInt8>.self)
            read &+= 32
            written &+= 24
        }
        return read
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

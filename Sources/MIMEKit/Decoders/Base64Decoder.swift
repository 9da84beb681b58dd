#if canImport(Glibc)
import Glibc
#endif
#if arch(x86_64)
import MIMEKitSIMD
#endif
import Synchronization

/// A streaming base64 decoder (RFC 2045 section 6.8), tolerant of what mail really carries.
///
/// RFC 2045 section 6.8 gives the rules it follows: the encoding "represents 24-bit groups of
/// input bits as output strings of 4 encoded characters"; a final quantum of 8 bits gives "two
/// characters followed by two "=" padding characters", one of 16 bits "three characters
/// followed by one "=" padding character"; and "All line breaks or other characters not found
/// in Table 1 must be ignored by decoding software". So:
/// - CR, LF, space and tab are skipped silently; any other byte outside the alphabet is
///   skipped and counted in `issues.invalidBytes` (the RFC: such characters "probably
///   indicate a transmission error").
/// - `=` ends the quantum it closes (two sextets give one byte, three give two) and decoding
///   goes on after it. The RFC allows stopping there ("the occurrence of any "=" characters
///   may be taken as evidence that the end of the data has been reached"); GMime and MimeKit
///   keep decoding, but read `=` as a zero sextet and trim output only at the end of each
///   chunk. Ending the quantum at the `=` and going on decodes concatenated base64 streams
///   exactly, loses nothing a stray `=` is followed by, and does not depend on chunk
///   boundaries. A `=` that closes nothing is skipped and counted in
///   `issues.misplacedPadding`; a lone sextet before `=` is dropped and counted in
///   `issues.incompleteQuanta`.
/// - A final quantum without its padding is flushed by `finish` as far as it is meaningful
///   (two or three sextets) and counted in `issues.incompleteQuanta`; a lone final sextet
///   carries no whole byte and is dropped.
///
/// Four input bytes become three output bytes through four lookups in tables of 256 entries,
/// one per position in the quantum; once a process has given its base64 decoders 8 MiB, or
/// from the start for an input known to be that long (`init(expectedInputCount:)`), through
/// two lookups, one per pair of positions, in tables indexed by the pair's two bytes
/// (2 × 65,536 entries, 512 KiB: built then, once, since building them costs a program that
/// decodes one message more than they save it). The fast path reads four quanta a step; the
/// slow path runs only where a step meets a byte outside the alphabet (other than a line
/// break), then hands back to the fast one at the next quantum boundary.
///
/// On a CPU with AVX2, the fast path first hands each run of alphabet bytes to
/// `Base64VectorKernel` (module MIMEKitSIMD), which decodes 32 bytes a step, skips line
/// breaks between quanta and decodes lines of a length it has seen a whole line at a time; the
/// tables decode what it leaves (the end of the input, bytes around a `=` or garbage). Setting
/// `MIMEKIT_SIMD=0` in the environment keeps a process on the tables.
public struct Base64Decoder: TransferDecoder {
    /// The sextets of the quantum being read, the newest in the low bits.
    private var quantum: UInt32 = 0
    /// How many sextets `quantum` holds, 0 to 3.
    private var held = 0
    /// Whether the `==` of a quantum of two sextets is still missing its second `=`.
    private var expectsSecondPad = false
    /// Input bytes seen in earlier calls, for issue offsets.
    private var consumed = 0
    /// Which tables the fast path uses: nil to decide by how much the process has decoded.
    let forcedPairTables: Bool?
    /// Whether the fast path starts each run with `Base64VectorKernel`.
    let usesVectorKernel: Bool

    /// The malformed input met so far, each already worked around.
    public private(set) var issues = DecoderIssues()

    /// A decoder at the start of its input.
    public init() {
        forcedPairTables = nil
        usesVectorKernel = Self.vectorKernelChosen
    }

    /// A decoder for an input of about `expectedInputCount` bytes, such as a body whose range
    /// the parser has found: one long enough to pay for the pair tables on its own
    /// (`pairTablesThreshold`) uses them from its first byte, rather than once the process
    /// has decoded that much, and so do all decoders after it. A shorter one decides as
    /// `init()` does, so a program that decodes a few small parts never builds them.
    public init(expectedInputCount: Int) {
        usesVectorKernel = Self.vectorKernelChosen
        guard expectedInputCount >= Self.pairTablesThreshold else {
            forcedPairTables = nil
            return
        }
        forcedPairTables = true
        Self.pairTablesInUse.store(true, ordering: .relaxed)
    }

    /// A decoder that always (or never) uses the pair tables, and uses the vector kernel if
    /// this process does, for tests.
    init(pairTables: Bool) {
        self.init(pairTables: pairTables, vectorKernel: Self.vectorKernelChosen)
    }

    /// A decoder whose tables and use of the vector kernel are chosen by the caller, for
    /// tests: `vectorKernel` must be false unless `CPUFeatures.avx2`.
    init(pairTables: Bool?, vectorKernel: Bool) {
        precondition(!vectorKernel || CPUFeatures.avx2, "the vector kernel needs AVX2")
        forcedPairTables = pairTables
        usesVectorKernel = vectorKernel
    }

    /// Whether decoders use the vector kernel: where the CPU can run it, unless the
    /// environment says `MIMEKIT_SIMD=0` (read once, so tests and benchmarks can compare the
    /// two paths on one machine).
    static let vectorKernelChosen: Bool = {
        guard CPUFeatures.avx2 else { return false }
        guard let setting = getenv("MIMEKIT_SIMD") else { return true }
        return String(cString: setting) != "0"
    }()

    /// At most three bytes for every four input bytes, plus the partial quantum held back,
    /// plus room for the fast path's wide stores, which write a little past what they keep.
    public static func maxOutputCount(forInputCount inputCount: Int) -> Int {
        inputCount / 4 * 3 + 6
    }

    /// Decodes the next chunk of the input into `output`, which must have room for
    /// `maxOutputCount(forInputCount: input.count)` bytes, and returns the bytes written.
    public mutating func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        precondition(output.count >= Self.maxOutputCount(forInputCount: input.count), "output buffer too small")
        guard let source = input.baseAddress, let target = output.baseAddress else { return 0 }
        // The choice holds for the whole call. One copy of the loop per kind of table, so the
        // step does not test which at every quantum (and keeps its pointers in registers).
        let written: Int
        if forcedPairTables ?? Self.pairTablesPayOff(adding: input.count) {
            written = decode(source, input.count, into: target, output.count,
                             PairLookup(tables: base64PairTables.baseAddress.unsafelyUnwrapped))
        } else {
            written = decode(source, input.count, into: target, output.count,
                             StepLookup(tables: base64StepTables.baseAddress.unsafelyUnwrapped))
        }
        consumed += input.count
        return written
    }

    /// `decode(_:into:)` with the tables of `lookup`.
    @inline(__always)
    private mutating func decode<Lookup: QuantumLookup>(_ source: UnsafeRawPointer, _ inCount: Int,
                                                        into target: UnsafeMutableRawPointer, _ outCount: Int,
                                                        _ lookup: Lookup) -> Int {
        var position = 0
        var written = 0
        // Where the vector kernel may next be called: see below.
        var vectorFrom = 0
        while position < inCount {
            if held == 0 && !expectsSecondPad {
                // Four quanta a step, each stored as four bytes of which three are kept (each
                // over the previous one's spare byte), so a step needs sixteen bytes of input
                // and thirteen of room. Output grows by at most twelve bytes for sixteen of
                // input (skipped line breaks add none), so one bound on the position, set
                // here, covers both.
                let stop = position &+ min(inCount &- position, (outCount &- written &- 2) / 12 &* 16) &- 16
                while position <= stop {
                    #if arch(x86_64)
                    if usesVectorKernel && position >= vectorFrom {
                        // Runs over line breaks between quanta; returns at anything else.
                        let run = Base64VectorKernel.decode(source + position, count: inCount &- position,
                                                            into: target + written, room: outCount &- written)
                        position &+= run.read
                        written &+= run.written
                        // A call that did not get through two steps met a line shorter than a
                        // step (after the end of the line it started in), or garbage: calling
                        // it again at every step would cost base64 in short lines more than the
                        // kernel saves, so the tables take the next bytes.
                        if run.read < 64 { vectorFrom = position &+ Self.vectorPause }
                        if position > stop { break }
                    }
                    #endif
                    let q0 = lookup.bits(source + position)
                    let q1 = lookup.bits(source + (position &+ 4))
                    let q2 = lookup.bits(source + (position &+ 8))
                    let q3 = lookup.bits(source + (position &+ 12))
                    if (q0 | q1 | q2 | q3) & base64InvalidMark == 0 {
                        (target + written).storeBytes(of: q0.littleEndian, as: UInt32.self)
                        (target + (written &+ 3)).storeBytes(of: q1.littleEndian, as: UInt32.self)
                        (target + (written &+ 6)).storeBytes(of: q2.littleEndian, as: UInt32.self)
                        (target + (written &+ 9)).storeBytes(of: q3.littleEndian, as: UInt32.self)
                        position &+= 16
                        written &+= 12
                        continue
                    }
                    // Keep the whole quanta before the one that failed: with lines of 76
                    // characters, the step that meets a line break completes the line.
                    if q0 & base64InvalidMark == 0 {
                        (target + written).storeBytes(of: q0.littleEndian, as: UInt32.self)
                        position &+= 4
                        written &+= 3
                        if q1 & base64InvalidMark == 0 {
                            (target + written).storeBytes(of: q1.littleEndian, as: UInt32.self)
                            position &+= 4
                            written &+= 3
                            if q2 & base64InvalidMark == 0 {
                                (target + written).storeBytes(of: q2.littleEndian, as: UInt32.self)
                                position &+= 4
                                written &+= 3
                            }
                        }
                    }
                    // Line breaks end most steps that fail, so skip them here.
                    let next = source.load(fromByteOffset: position, as: UInt8.self)
                    if next == UInt8(ascii: "\n") {
                        position &+= 1
                    } else if next == UInt8(ascii: "\r")
                                && source.load(fromByteOffset: position &+ 1, as: UInt8.self) == UInt8(ascii: "\n") {
                        position &+= 2
                    } else {
                        break
                    }
                }
                while position &+ 4 <= inCount && written &+ 4 <= outCount {
                    let bits = lookup.bits(source + position)
                    if bits & base64InvalidMark != 0 { break }
                    (target + written).storeBytes(of: bits.littleEndian, as: UInt32.self)
                    position &+= 4
                    written &+= 3
                }
                if position == inCount { break }
            }
            written += slowStep(source.load(fromByteOffset: position, as: UInt8.self),
                                at: consumed + position, into: target + written)
            position += 1
        }
        return written
    }

    /// How many input bytes the tables decode after a call of the vector kernel that did not get
    /// through two steps.
    static let vectorPause = 4096

    /// Input given to base64 decoders in this process, counted until the pair tables pay off.
    private static let inputSeen = Atomic<Int>(0)
    /// Set once the pair tables are in use; read without contention from then on.
    private static let pairTablesInUse = Atomic<Bool>(false)
    /// Building the pair tables writes 512 KiB (128 page faults, ~1–2 ms here); each MiB
    /// decoded with them saves ~0.05 ms.
    static let pairTablesThreshold = 8 << 20

    /// Whether to use the pair tables, counting `inputCount` more bytes decoded.
    private static func pairTablesPayOff(adding inputCount: Int) -> Bool {
        if pairTablesInUse.load(ordering: .relaxed) { return true }
        guard inputSeen.add(inputCount, ordering: .relaxed).newValue >= pairTablesThreshold else { return false }
        pairTablesInUse.store(true, ordering: .relaxed)
        return true
    }

    /// Flushes a final quantum that lacks its padding; writes at most two bytes.
    public mutating func finish(into output: UnsafeMutableRawBufferPointer) -> Int {
        precondition(output.count >= Self.maxOutputCount(forInputCount: 0), "output buffer too small")
        guard held > 0, let target = output.baseAddress else { return 0 }
        issues.record(.incompleteQuantum, at: consumed)
        return closeQuantum(into: target)
    }

    /// Reads one byte outside the fast path and returns the bytes it completed.
    private mutating func slowStep(_ byte: UInt8, at offset: Int, into target: UnsafeMutableRawPointer) -> Int {
        let rank = base64Ranks[Int(byte)]
        switch rank {
        case ..<64:
            expectsSecondPad = false
            quantum = quantum << 6 | UInt32(rank)
            held += 1
            guard held == 4 else { return 0 }
            target.storeBytes(of: UInt8(truncatingIfNeeded: quantum >> 16), as: UInt8.self)
            target.storeBytes(of: UInt8(truncatingIfNeeded: quantum >> 8), toByteOffset: 1, as: UInt8.self)
            target.storeBytes(of: UInt8(truncatingIfNeeded: quantum), toByteOffset: 2, as: UInt8.self)
            quantum = 0
            held = 0
            return 3
        case base64PadRank:
            switch held {
            case 0:
                if expectsSecondPad {
                    expectsSecondPad = false
                } else {
                    issues.record(.misplacedPadding, at: offset)
                }
                return 0
            case 1:
                issues.record(.incompleteQuantum, at: offset)
                quantum = 0
                held = 0
                return 0
            default:
                expectsSecondPad = held == 2
                return closeQuantum(into: target)
            }
        case base64SpaceRank:
            return 0
        default:
            issues.record(.invalidByte, at: offset)
            return 0
        }
    }

    /// Writes the whole bytes of a quantum of two or three sextets and empties it.
    private mutating func closeQuantum(into target: UnsafeMutableRawPointer) -> Int {
        defer {
            quantum = 0
            held = 0
        }
        switch held {
        case 2:
            target.storeBytes(of: UInt8(truncatingIfNeeded: quantum >> 4), as: UInt8.self)
            return 1
        case 3:
            target.storeBytes(of: UInt8(truncatingIfNeeded: quantum >> 10), as: UInt8.self)
            target.storeBytes(of: UInt8(truncatingIfNeeded: quantum >> 2), toByteOffset: 1, as: UInt8.self)
            return 2
        default:
            return 0
        }
    }
}

/// How the fast path turns a quantum's four bytes into the bits of its three output bytes
/// (laid out little-endian), with `base64InvalidMark` set if a byte is outside the alphabet.
private protocol QuantumLookup {
    func bits(_ quantum: UnsafeRawPointer) -> UInt32
}

/// Four lookups, one per byte, in `base64StepTables`.
private struct StepLookup: QuantumLookup {
    /// Four tables of 256 entries indexed by bytes: every index is in bounds.
    let tables: UnsafePointer<UInt32>

    @inline(__always)
    func bits(_ quantum: UnsafeRawPointer) -> UInt32 {
        let word = quantum.loadUnaligned(as: UInt32.self).littleEndian
        return tables[Int(truncatingIfNeeded: word & 0xFF)]
            | tables[256 &+ Int(truncatingIfNeeded: word >> 8 & 0xFF)]
            | tables[512 &+ Int(truncatingIfNeeded: word >> 16 & 0xFF)]
            | tables[768 &+ Int(truncatingIfNeeded: word >> 24)]
    }
}

/// Two lookups, one per pair of bytes, in `base64PairTables`.
private struct PairLookup: QuantumLookup {
    /// Two tables of 65,536 entries indexed by 16-bit halves: every index is in bounds.
    let tables: UnsafePointer<UInt32>

    /// One 32-bit load split in two, not two 16-bit loads: those ran fewer instructions (2.25
    /// rather than 2.5 a byte) but more loads, and took ~10% longer (`mimekit-bench base64`).
    @inline(__always)
    func bits(_ quantum: UnsafeRawPointer) -> UInt32 {
        let word = quantum.loadUnaligned(as: UInt32.self).littleEndian
        return tables[Int(truncatingIfNeeded: word & 0xFFFF)] | tables[65536 &+ Int(truncatingIfNeeded: word >> 16)]
    }
}

private let base64PadRank: UInt8 = 0xFE
private let base64SpaceRank: UInt8 = 0xFD
private let base64InvalidRank: UInt8 = 0xFF

/// The value of each byte: 0 to 63 for the alphabet of RFC 2045 table 1, or a mark.
private let base64Ranks: [UInt8] = {
    var ranks = [UInt8](repeating: base64InvalidRank, count: 256)
    for (value, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
        ranks[Int(byte)] = UInt8(value)
    }
    ranks[Int(UInt8(ascii: "="))] = base64PadRank
    for space in [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")] {
        ranks[Int(space)] = base64SpaceRank
    }
    return ranks
}()

/// Set in the fourth byte of a table entry for a byte, or a pair, outside the alphabet.
private let base64InvalidMark: UInt32 = 0xFF00_0000

/// Four tables of 256 entries, one per position in a quantum: each places its sextet's bits
/// where they land in the three output bytes, laid out little-endian, so OR-ing the four
/// entries gives the bytes to store, and any invalid byte sets `base64InvalidMark`.
nonisolated(unsafe) private let base64StepTables: UnsafeBufferPointer<UInt32> = {
    let tables = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 1024)
    tables.initialize(repeating: base64InvalidMark)
    for byte in 0..<256 {
        let rank = UInt32(base64Ranks[byte])
        guard rank < 64 else { continue }
        // Output byte 0 = r0 << 2 | r1 >> 4, byte 1 = r1 << 4 | r2 >> 2, byte 2 = r2 << 6 | r3.
        tables[byte] = rank << 2
        tables[256 + byte] = rank >> 4 | (rank & 0x0F) << 12
        tables[512 + byte] = (rank >> 2) << 8 | (rank & 0x03) << 22
        tables[768 + byte] = rank << 16
    }
    return UnsafeBufferPointer(tables)
}()

/// Two tables of 65,536 entries, for the first and the second pair of bytes of a quantum,
/// each indexed by its pair read as a little-endian 16-bit word: an entry is the OR of the
/// pair's two step-table entries, so OR-ing the two gives the bytes to store, and a pair with
/// a byte outside the alphabet gives `base64InvalidMark`.
///
/// One look-up per two input bytes instead of one per byte: under `mimekit stat` (callgrind),
/// the decoder runs 2.5 instructions per input byte on `large.eml` (76-column base64) with
/// them, 4.1 on a 6 MB slice of it without. Built once, when a process has decoded enough for
/// them to pay off, or is about to; never freed.
nonisolated(unsafe) private let base64PairTables: UnsafeBufferPointer<UInt32> = {
    let tables = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 2 << 16)
    tables.initialize(repeating: base64InvalidMark)
    for first in 0..<256 where base64Ranks[first] < 64 {
        for second in 0..<256 where base64Ranks[second] < 64 {
            let index = first | second << 8
            tables[index] = base64StepTables[first] | base64StepTables[256 + second]
            tables[65536 + index] = base64StepTables[512 + first] | base64StepTables[768 + second]
        }
    }
    return UnsafeBufferPointer(tables)
}()

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The start of a base64 leaf's body, decoded while the parser read it, for
/// `MIMEEntity.decodedBodyReport` to finish (see `MIMEParser.parseMessages(...decodingAhead:...)`).
///
/// A body longer than the last level-2 cache is otherwise read from memory twice: once by the
/// parser looking for the boundary, once by the decoder. Decoding each piece just before the
/// parser reads it makes the parser's pass a cheap one over cached bytes (on `large.eml`,
/// `mimekit stat` saved about a fifth of its time).
///
/// It decodes only what is surely body: bytes up to the start of a line break, so never the
/// line break before a boundary, and never past a line that holds a `-` (a boundary line
/// starts with `--`; base64 has no `-`). The decoder's output does not depend on how its
/// input is split, so finishing from `decodedUpTo` gives exactly the report of a decode
/// from the body's start: the same size, the same issues at the same offsets.
struct Base64HeadStart: Sendable {
    /// The leaf's index in its message's entities.
    let entity: Int
    /// The decoder after `bodyStart..<decodedUpTo`.
    private(set) var decoder: Base64Decoder
    /// The bytes it wrote so far.
    private(set) var decodedSize = 0
    /// Where decoding stopped (an absolute offset): the body's start, or the start of a line break.
    private(set) var decodedUpTo: Int
    /// Set once a line holding a byte that may begin a boundary was met: the rest of the body is
    /// left to `decodedBodyReport`.
    private(set) var stopped = false

    init(entity: Int, bodyStart: Int, expectedInputCount: Int) {
        self.entity = entity
        self.decoder = Base64Decoder(expectedInputCount: expectedInputCount)
        self.decodedUpTo = bodyStart
    }

    /// The output room `advance` needs.
    static let scratchCount = Base64Decoder.maxOutputCount(forInputCount: chunk)
    /// Input decoded per call into the scratch buffer: its output (48 KiB) stays in the level-1
    /// and level-2 caches.
    private static let chunk = 1 << 16

    /// Decodes the body on from `decodedUpTo` as far as the last line break before `end`, into
    /// `scratch` (at least `scratchCount` bytes, overwritten), or to the line before the first
    /// that holds a `-`. `all` is the whole storage; offsets are absolute.
    mutating func advance(_ all: UnsafeRawBufferPointer, to end: Int, scratch: UnsafeMutableRawBufferPointer) {
        guard !stopped, end > decodedUpTo, let base = all.baseAddress else { return }
        // The last line break is looked for in the last `chunk` bytes only, so that a line
        // longer than that is not searched again at every call (it is decoded once a later
        // call finds a line break after it).
        guard let cut = Self.lineBreakStart(base, from: max(decodedUpTo, end - Self.chunk), before: end) else { return }
        let saved = decoder
        let savedSize = decodedSize
        decode(base, decodedUpTo..<cut, scratch)
        // '-' is outside the alphabet: a region without a new invalid byte has none, and needs
        // no search. One that has (once per leaf, at its end) is searched while still cached.
        if decoder.issues.invalidBytes == saved.issues.invalidBytes {
            decodedUpTo = cut
            return
        }
        guard let dash = memchr(base + decodedUpTo, 0x2D, cut - decodedUpTo) else {
            decodedUpTo = cut
            return
        }
        // Back to the line break before the line of the dash, and stop there.
        let dashOffset = base.distance(to: UnsafeRawPointer(dash))
        decoder = saved
        decodedSize = savedSize
        stopped = true
        guard let before = Self.lineBreakStart(base, from: decodedUpTo, before: dashOffset) else { return }
        decode(base, decodedUpTo..<before, scratch)
        decodedUpTo = before
    }

    /// Decodes `range` of `base` in chunks into `scratch`, counting the output.
    private mutating func decode(_ base: UnsafeRawPointer, _ range: Range<Int>, _ scratch: UnsafeMutableRawBufferPointer) {
        var start = range.lowerBound
        while start < range.upperBound {
            let stop = min(range.upperBound, start + Self.chunk)
            decodedSize += decoder.decode(UnsafeRawBufferPointer(start: base + start, count: stop - start), into: scratch)
            start = stop
        }
    }

    /// The start of the last line break (its CR, or its LF) in `from..<before`, if any.
    private static func lineBreakStart(_ base: UnsafeRawPointer, from start: Int, before end: Int) -> Int? {
        var index = end - 1
        while index >= start && base.load(fromByteOffset: index, as: UInt8.self) != 0x0A { index -= 1 }
        guard index >= start else { return nil }
        if index > start && base.load(fromByteOffset: index - 1, as: UInt8.self) == 0x0D { index -= 1 }
        return index
    }
}

// Shared by every fuzz target in Tests/Fuzz (compiled into each target by Tests/Fuzz/fuzz.sh;
// not part of the SwiftPM package).

#if canImport(Glibc)
import Glibc
#endif
import MIMEKit

/// Stops the run with a message when an invariant does not hold; libFuzzer then saves the
/// input as a crash file.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        fputs("invariant failed: \(message())\n", stderr)
        abort()
    }
}

/// A SplitMix64 generator: the same input always makes the same choices, so a saved crash
/// reproduces.
struct FuzzRandom {
    private var state: UInt64

    /// A generator seeded from the first eight bytes of `bytes` and its length: the chunk
    /// sizes come from the input, and the input is still used whole as the message.
    init(seededBy bytes: UnsafeRawBufferPointer) {
        var seed = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        for (i, byte) in bytes.prefix(8).enumerated() { seed ^= UInt64(byte) << (8 * UInt64(i)) }
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }

    /// Offsets at which to cut `count` bytes: mostly small chunks (1 to 16 bytes), some
    /// large, so both the carried-line path and the in-chunk path run.
    mutating func cuts(count: Int) -> [Int] {
        var result: [Int] = []
        var position = 0
        let small = next() & 1 == 0
        while position < count {
            position += small ? 1 + below(16) : 1 + below(max(count / 3, 1))
            if position < count { result.append(position) }
        }
        return result
    }
}

/// Parser options chosen from the input's first byte, so the limits are small enough for
/// the fuzzer to reach them: mbox mode, a short `maxLineLength`, a shallow `maxDepth`,
/// few parts, few header fields.
func fuzzOptions(_ bytes: UnsafeRawBufferPointer) -> MIMEParserOptions {
    var options = MIMEParserOptions()
    guard let first = bytes.first else { return options }
    options.mbox = first & 0x01 != 0
    if first & 0x02 != 0 { options.maxLineLength = 8 + Int(first >> 4) }
    if first & 0x04 != 0 { options.maxDepth = 1 + Int(first >> 5) }
    if first & 0x08 != 0 { options.maxParts = 1 + Int(first >> 4) }
    if first & 0x10 != 0 { options.maxHeaderFields = 1 + Int(first >> 6) }
    if first & 0x20 != 0 { options.maxHeaderBytes = 16 + Int(first >> 6) * 16 }
    return options
}

/// The events of `bytes` fed in pieces ending at `cuts`, with adjacent body, preamble and
/// epilogue pieces joined (their split depends on the chunking, by design).
func parseEvents(_ bytes: UnsafeRawBufferPointer, cuts: [Int], options: MIMEParserOptions) -> [MIMEEvent] {
    var parser = MIMEStreamParser(options: options)
    var events: [MIMEEvent] = []
    let emit: (MIMEEvent) -> Void = { event in
        if let last = events.last, let joined = joined(last, event) {
            events[events.count - 1] = joined
        } else {
            events.append(event)
        }
    }
    var start = 0
    for cut in cuts + [bytes.count] where cut > start {
        parser.feed(UnsafeRawBufferPointer(rebasing: bytes[start..<cut]), emit)
        start = cut
    }
    parser.finish(emit)
    return events
}

private func joined(_ a: MIMEEvent, _ b: MIMEEvent) -> MIMEEvent? {
    switch (a, b) {
    case (.body(let x), .body(let y)) where x.upperBound == y.lowerBound: .body(x.lowerBound..<y.upperBound)
    case (.preamble(let x), .preamble(let y)) where x.upperBound == y.lowerBound: .preamble(x.lowerBound..<y.upperBound)
    case (.epilogue(let x), .epilogue(let y)) where x.upperBound == y.lowerBound: .epilogue(x.lowerBound..<y.upperBound)
    default: nil
    }
}

/// Checks that the byte ranges the events name cover `0..<count` exactly once, in order.
func requireTiling(_ events: [MIMEEvent], count: Int) {
    var position = 0
    for event in events {
        let range: Range<Int>
        switch event {
        case .mboxSeparator(let r), .headerJunk(let r), .body(let r), .preamble(let r), .epilogue(let r),
             .boundary(let r, _):
            range = r
        case .headerField(let field, let name, let value):
            require(name.lowerBound == field.lowerBound && name.upperBound <= value.lowerBound
                        && value.upperBound <= field.upperBound, "field parts outside the field at \(field)")
            range = field
        case .headersEnd(let info): range = info.blankLine
        case .messageEnd(_, let trailer): range = trailer
        case .messageBegin, .entityBegin, .entityEnd, .diagnostic: continue
        }
        if range.isEmpty { continue }
        require(range.lowerBound == position, "gap or overlap at \(position): next range \(range)")
        position = range.upperBound
    }
    require(position == count, "events cover \(position) of \(count) bytes")
}

/// Runs `Decoder` over `input` whole and in the pieces `cuts` gives, with output buffers of
/// exactly the size the decoder asks for (so AddressSanitizer sees any write past them),
/// and checks that both give the same bytes and issues and that the output stays within
/// `maxOutputCount` and a small multiple of the input.
func checkDecoder<Decoder: TransferDecoder>(_: Decoder.Type, _ input: UnsafeRawBufferPointer, cuts: [Int]) {
    func run(_ cuts: [Int]) -> ([UInt8], DecoderIssues) {
        var decoder = Decoder()
        var out: [UInt8] = []
        var start = 0
        for cut in cuts + [input.count] where cut > start {
            let piece = UnsafeRawBufferPointer(rebasing: input[start..<cut])
            let room = Decoder.maxOutputCount(forInputCount: piece.count)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: room, alignment: 1)
            let written = decoder.decode(piece, into: buffer)
            require(written >= 0 && written <= room, "\(Decoder.self) wrote \(written) into \(room)")
            out.append(contentsOf: buffer[0..<written])
            buffer.deallocate()
            start = cut
        }
        let room = Decoder.maxOutputCount(forInputCount: 0)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: room, alignment: 1)
        let written = decoder.finish(into: buffer)
        require(written >= 0 && written <= room, "\(Decoder.self).finish wrote \(written) into \(room)")
        out.append(contentsOf: buffer[0..<written])
        buffer.deallocate()
        return (out, decoder.issues)
    }
    let (whole, wholeIssues) = run([])
    let (chunked, chunkedIssues) = run(cuts)
    require(whole == chunked, "\(Decoder.self): chunked output differs (\(whole.count) vs \(chunked.count) bytes)")
    require(wholeIssues == chunkedIssues, "\(Decoder.self): chunked issues differ: \(wholeIssues) vs \(chunkedIssues)")
    require(whole.count <= input.count + 8, "\(Decoder.self) made \(whole.count) bytes of \(input.count)")
}

// Fuzz target: UUDecoder gives the same bytes and issues fed whole and in random chunks
// (sizes from the input's first bytes), with output buffers of exactly the size it asks
// for, and never more bytes than the input (plus a held-back quantum). Built and run by
// Tests/Fuzz/fuzz.sh.

import MIMEKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUUDecoding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    var random = FuzzRandom(seededBy: input)
    checkDecoder(UUDecoder.self, input, cuts: random.cuts(count: size))
    return 0
}

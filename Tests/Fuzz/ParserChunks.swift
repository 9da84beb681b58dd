// Fuzz target: the event parser fed in random chunks gives the same events as fed whole,
// and the events tile the input. Limits and mbox mode come from the input's first byte,
// chunk sizes from its first eight bytes. Built and run by Tests/Fuzz/fuzz.sh.

import MIMEKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParserChunks(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let options = fuzzOptions(input)
    var random = FuzzRandom(seededBy: input)
    let whole = parseEvents(input, cuts: [], options: options)
    requireTiling(whole, count: size)
    let chunked = parseEvents(input, cuts: random.cuts(count: size), options: options)
    require(whole == chunked, "chunked events differ from whole: \(firstDifference(whole, chunked))")
    if size <= 512 {
        let bytewise = parseEvents(input, cuts: Array(0..<size), options: options)
        require(whole == bytewise, "byte-by-byte events differ from whole: \(firstDifference(whole, bytewise))")
    }
    return 0
}

private func firstDifference(_ a: [MIMEEvent], _ b: [MIMEEvent]) -> String {
    let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    return "event \(i): \(i < a.count ? "\(a[i])" : "none") vs \(i < b.count ? "\(b[i])" : "none")"
}

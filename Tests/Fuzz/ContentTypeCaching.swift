// Fuzz target: the event layer's Content-Type cache. The input is cut at NUL bytes into
// values, read in turn through one cache; every answer must be what a fresh parse gives,
// whether it came from an exact entry, from a multipart template with another boundary, or
// from a parse. Each value is also read a second time, now that the cache has seen it.
// Built and run by Tests/Fuzz/fuzz.sh.

import MIMEKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContentTypeCaching(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    var cache = ContentTypeCache()
    for piece in input.split(separator: 0, omittingEmptySubsequences: false) {
        let raw = Array(piece)
        let fresh = ContentType(parsing: raw)
        for _ in 0..<2 {
            let answer = raw.withUnsafeBytes { cache.answer($0) }
            let cached = answer?.contentType
            require(cached == fresh, "cache gave \(cached?.description ?? "nothing") for \(fresh?.description ?? "nothing")")
            require(answer?.nature == fresh.map(ContentTypeCache.Nature.init), "nature of \(fresh?.description ?? "nothing")")
            if let range = answer?.boundary {
                require(Array(raw[range]) == fresh?.boundary, "boundary range of \(fresh?.description ?? "nothing")")
            }
        }
    }
    return 0
}

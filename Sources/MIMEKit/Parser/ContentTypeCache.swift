#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last few Content-Type values the event layer parsed, by their raw bytes.
///
/// Mail repeats a handful of values (`text/plain; charset=utf-8`, `text/html; ...`) in entity
/// after entity; parsing one builds several strings and arrays. A hit costs a length check and
/// a `memcmp` per entry instead. Multiparts are not kept: their boundaries differ every time.
/// Bounded: `capacity` entries, replaced in turn.
struct ContentTypeCache: Sendable {
    static let capacity = 16
    private var keys: [[UInt8]] = []
    private var values: [ContentType] = []
    private var nextSlot = 0

    /// `ContentType(parsing: raw)`, from the cache when the same bytes were seen lately.
    mutating func parse(_ raw: [UInt8]) -> ContentType? {
        let hit: Int? = raw.withUnsafeBytes { wanted in
            for i in keys.indices where keys[i].count == wanted.count {
                let equal = keys[i].withUnsafeBytes { key in
                    wanted.isEmpty || memcmp(key.baseAddress!, wanted.baseAddress!, wanted.count) == 0
                }
                if equal { return i }
            }
            return nil
        }
        if let hit { return values[hit] }
        guard let parsed = ContentType(parsing: raw) else { return nil }
        if !parsed.isMultipart && raw.count <= 256 {
            if keys.count < Self.capacity {
                keys.append(raw)
                values.append(parsed)
            } else {
                keys[nextSlot] = raw
                values[nextSlot] = parsed
                nextSlot = (nextSlot + 1) % Self.capacity
            }
        }
        return parsed
    }
}

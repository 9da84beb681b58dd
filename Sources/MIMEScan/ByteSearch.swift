#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-string searches the rules share: `memmem` for exact needles, and an ASCII
/// case-insensitive search for markup.
enum ByteSearch {
    /// Whether `needle` occurs in `haystack`.
    static func contains(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Bool {
        needle.withUnsafeBytes { first(of: $0, in: haystack, from: 0) } != nil
    }

    /// The first offset at or after `start` where `needle` occurs: `memchr` for its first
    /// byte, `memcmp` for the rest (`memmem` is not visible through Swift's Glibc module).
    static func first(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = haystack.baseAddress, let pattern = needle.baseAddress, !needle.isEmpty else { return nil }
        let lead = Int32(needle[0])
        var position = start
        while position + needle.count <= haystack.count {
            guard let hit = memchr(base + position, lead, haystack.count - needle.count + 1 - position) else { return nil }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + offset, pattern, needle.count) == 0 { return offset }
            position = offset + 1
        }
        return nil
    }

    /// The bytes with ASCII letters lowered (markup is matched case-insensitively).
    static func lowered(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// Every start offset of `needle` in `haystack` (both already lowered when needed).
    static func offsets(of needle: String, in haystack: [UInt8]) -> [Int] {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, haystack.count >= pattern.count else { return [] }
        var result: [Int] = []
        haystack.withUnsafeBytes { raw in
            pattern.withUnsafeBytes { p in
                var start = 0
                while let offset = first(of: p, in: raw, from: start) {
                    result.append(offset)
                    start = offset + 1
                }
            }
        }
        return result
    }

    /// The first offset at or after `start` where `needle` occurs in `haystack`.
    static func firstOffset(of needle: String, in haystack: [UInt8], from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        return haystack.withUnsafeBytes { raw in pattern.withUnsafeBytes { first(of: $0, in: raw, from: start) } }
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ needle: String, in haystack: [UInt8]) -> Bool {
        haystack.withUnsafeBytes { contains(Array(needle.utf8), in: $0) }
    }

    /// Up to `limit` bytes of `bytes` from `offset`, printable, for evidence text.
    static func excerpt(_ bytes: [UInt8], at offset: Int, limit: Int = 60) -> String {
        let end = min(bytes.count, offset + limit)
        let slice = bytes[max(0, offset)..<end].map { $0 < 0x20 || $0 >= 0x7F ? UInt8(ascii: " ") : $0 }
        return String(decoding: slice, as: UTF8.self)
    }
}

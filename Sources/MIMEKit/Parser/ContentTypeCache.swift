#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last few Content-Type values the event layer parsed, by their raw bytes.
///
/// Mail repeats a handful of values (`text/plain; charset=utf-8`, `text/html; ...`) in entity
/// after entity; parsing one builds several strings and arrays. A hit costs a length check and
/// a `memcmp` per entry instead. Bounded: `capacity` entries, replaced in turn.
///
/// Multiparts repeat too, but with a new boundary every time: `multipart/alternative;
/// boundary="b1_..."`. For them the cache keeps a few templates: a value that parsed the
/// simple way (`ContentType.parseSimple`), with where its boundary value is. A value that has
/// the same bytes before and after its boundary value, and a boundary value of bytes that
/// the simple parser reads the same way, parses to the template's result with the new
/// boundary; that costs two `memcmp`s and a scan of the boundary instead of a parse.
package struct ContentTypeCache: Sendable {
    static let capacity = 16
    static let templateCapacity = 4

    /// What the event layer does with an entity of a content type, decided once per cache
    /// entry rather than by comparing the type's strings for every entity.
    package enum Nature: Sendable, Equatable {
        case other, multipart, digest, enclosedMessage

        package init(_ contentType: ContentType) {
            if contentType.isMultipart {
                self = contentType.subtype == "digest" ? .digest : .multipart
            } else {
                self = contentType.isEnclosedMessage ? .enclosedMessage : .other
            }
        }
    }

    /// An answer: the value, its nature, and for a template's answer where its boundary
    /// value is in the bytes asked about (the boundary's bytes, as `ContentType.boundary`
    /// gives them), so the event layer need not look the parameter up.
    package struct Answer: Sendable {
        package var contentType: ContentType
        package var nature: Nature
        package var boundary: Range<Int>?
    }

    /// The keys are held in `keyStore`, entry `i`'s in the `keySlot` bytes from `i * keySlot`
    /// (values longer are not kept), so a look-up reads one buffer: an array per key cost a
    /// retain and a release of it for every compare.
    static let keySlot = 256
    private struct Entry {
        var keyLength: Int
        var value: ContentType
        var nature: Nature
    }
    private var entries: [Entry] = []
    private var keyStore: [UInt8] = []
    private var nextSlot = 0

    /// A template's bytes are in `templateStore`, template `i`'s in the `keySlot` bytes from
    /// `i * keySlot`, for the same reason as the keys: an array per template cost two retains
    /// and releases of it for every multipart.
    private struct Template {
        var count: Int
        /// The boundary value's bytes in the template's, inside the quotes if quoted.
        var value: Range<Int>
        var isQuoted: Bool
        /// The boundary's index among the parameters.
        var parameterIndex: Int
        var parsed: ContentType
        var nature: Nature
    }
    private var templates: [Template] = []
    private var templateStore: [UInt8] = []
    /// The boundary bytes of the last answer a template gave. When nothing else holds them any
    /// more (a reader that keeps no events) a boundary of the same length is copied into them,
    /// so a multipart costs no allocation and no free; when the answer is still held (a tree
    /// keeps it), writing makes new bytes, as a new array did.
    private var lastBoundary: [UInt8] = []
    private var nextTemplate = 0
    /// How many answers came from a template (for tests).
    package private(set) var templateHits = 0

    package init() {}

    /// `ContentType(parsing: raw)`, from the cache when the same bytes, or the same bytes
    /// but for a multipart's boundary, were seen lately.
    package mutating func parse(_ raw: [UInt8]) -> ContentType? {
        raw.withUnsafeBytes { answer($0)?.contentType }
    }

    /// `ContentType(parsing:)` of the bytes `wanted`, as `parse(_:)` for an array.
    mutating func parse(_ wanted: UnsafeRawBufferPointer) -> ContentType? {
        answer(wanted)?.contentType
    }

    /// `ContentType(parsing:)` of the bytes `wanted` with its nature, and where its boundary
    /// is when a template gave it.
    package mutating func answer(_ wanted: UnsafeRawBufferPointer) -> Answer? {
        let count = wanted.count
        let hit = keyStore.withUnsafeBytes { store -> Int in
            for i in 0..<entries.count where entries[i].keyLength == count {
                if count == 0 || memcmp(store.baseAddress! + i * Self.keySlot, wanted.baseAddress!, count) == 0 { return i }
            }
            return -1
        }
        if hit >= 0 { return Answer(contentType: entries[hit].value, nature: entries[hit].nature, boundary: nil) }
        let fromTemplate = templateStore.withUnsafeBytes { store -> (index: Int, boundary: Range<Int>)? in
            for i in templates.indices {
                if let boundary = Self.boundary(in: wanted, like: UnsafeRawBufferPointer(
                    rebasing: store[i * Self.keySlot..<i * Self.keySlot + templates[i].count]),
                    value: templates[i].value, isQuoted: templates[i].isQuoted) {
                    return (i, boundary)
                }
            }
            return nil
        }
        if let (i, boundary) = fromTemplate {
            templateHits &+= 1
            let bytes = UnsafeRawBufferPointer(rebasing: wanted[boundary])
            if lastBoundary.count == bytes.count {
                lastBoundary.withUnsafeMutableBytes { _ = memcpy($0.baseAddress!, bytes.baseAddress!, bytes.count) }
            } else {
                lastBoundary = Array(bytes)
            }
            var parsed = templates[i].parsed
            parsed.parameters.replaceBoundaryValue(at: templates[i].parameterIndex, with: lastBoundary)
            return Answer(contentType: parsed, nature: templates[i].nature, boundary: boundary)
        }
        var boundaryValue: Range<Int>?
        if let parsed = ContentType.parseSimple(wanted, boundaryValue: &boundaryValue) {
            return remember(wanted, parsed, boundaryValue: boundaryValue)
        }
        guard let parsed = ContentType(parsingGenerally: Array(wanted)) else { return nil }
        return remember(wanted, parsed, boundaryValue: nil)
    }

    private mutating func remember(_ bytes: UnsafeRawBufferPointer, _ parsed: ContentType,
                                   boundaryValue: Range<Int>?) -> Answer {
        let nature = Nature(parsed)
        let answer = Answer(contentType: parsed, nature: nature, boundary: nil)
        guard bytes.count <= Self.keySlot else { return answer }
        if !parsed.isMultipart {
            let entry = Entry(keyLength: bytes.count, value: parsed, nature: nature)
            let slot: Int
            if entries.count < Self.capacity {
                slot = entries.count
                entries.append(entry)
            } else {
                slot = nextSlot
                entries[nextSlot] = entry
                nextSlot = (nextSlot + 1) % Self.capacity
            }
            if keyStore.isEmpty { keyStore = Array(repeating: 0, count: Self.capacity * Self.keySlot) }
            keyStore.withUnsafeMutableBytes { store in
                if let source = bytes.baseAddress { _ = memcpy(store.baseAddress! + slot * Self.keySlot, source, bytes.count) }
            }
            return answer
        }
        guard let value = boundaryValue, value.lowerBound > 0,
              let index = parsed.parameters.firstIndex(where: { asciiCaseInsensitiveEqual($0.name, "boundary") })
        else { return answer }
        let template = Template(count: bytes.count, value: value,
                                isQuoted: bytes[value.lowerBound - 1] == UInt8(ascii: "\""),
                                parameterIndex: index, parsed: parsed, nature: nature)
        let slot: Int
        if templates.count < Self.templateCapacity {
            slot = templates.count
            templates.append(template)
        } else {
            slot = nextTemplate
            templates[nextTemplate] = template
            nextTemplate = (nextTemplate + 1) % Self.templateCapacity
        }
        if templateStore.isEmpty { templateStore = Array(repeating: 0, count: Self.templateCapacity * Self.keySlot) }
        templateStore.withUnsafeMutableBytes { store in
            _ = memcpy(store.baseAddress! + slot * Self.keySlot, bytes.baseAddress!, bytes.count)
        }
        return answer
    }

    /// Where the boundary value of `raw` is, if `raw` is a template's bytes `known`, whose
    /// boundary value is `value`, with another boundary value that `ContentType.parseSimple`
    /// reads the same way: US-ASCII but controls and DEL, no `\\` and no `=?` (which make a
    /// value not simple), no `"` (which ends a quoted value), and unquoted, nothing that ends
    /// a token.
    private static func boundary(in raw: UnsafeRawBufferPointer, like known: UnsafeRawBufferPointer,
                                 value: Range<Int>, isQuoted: Bool) -> Range<Int>? {
        let start = value.lowerBound
        let suffix = known.count - value.upperBound
        guard raw.count > start + suffix,
              memcmp(raw.baseAddress!, known.baseAddress!, start) == 0 else { return nil }
        let base = raw.baseAddress!
        var end = start
        var previous = base.load(fromByteOffset: start - 1, as: UInt8.self)
        while end < raw.count {
            let byte = base.load(fromByteOffset: end, as: UInt8.self)
            let ends = isQuoted
                ? byte == UInt8(ascii: "\"")
                : byte <= 0x20 || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "(")
            if ends { break }
            if byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\")
                || (byte == UInt8(ascii: "?") && previous == UInt8(ascii: "=")) {
                return nil
            }
            previous = byte
            end += 1
        }
        guard end > start, raw.count - end == suffix,
              suffix == 0 || memcmp(base + end, known.baseAddress! + value.upperBound, suffix) == 0
        else { return nil }
        return start..<end
    }
}

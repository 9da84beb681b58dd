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
    private var keys: [[UInt8]] = []
    private var values: [ContentType] = []
    private var nextSlot = 0

    private struct Template {
        var raw: [UInt8]
        /// The boundary value's bytes in `raw`, inside the quotes if quoted.
        var value: Range<Int>
        var isQuoted: Bool
        /// The boundary's index among the parameters.
        var parameterIndex: Int
        var parsed: ContentType
    }
    private var templates: [Template] = []
    private var nextTemplate = 0
    /// How many answers came from a template (for tests).
    package private(set) var templateHits = 0

    package init() {}

    /// `ContentType(parsing: raw)`, from the cache when the same bytes, or the same bytes
    /// but for a multipart's boundary, were seen lately.
    package mutating func parse(_ raw: [UInt8]) -> ContentType? {
        raw.withUnsafeBytes { parse($0) }
    }

    /// `ContentType(parsing:)` of the bytes `wanted`, as `parse(_:)` for an array.
    mutating func parse(_ wanted: UnsafeRawBufferPointer) -> ContentType? {
        for i in keys.indices where keys[i].count == wanted.count {
            let equal = keys[i].withUnsafeBytes { key in
                wanted.isEmpty || memcmp(key.baseAddress!, wanted.baseAddress!, wanted.count) == 0
            }
            if equal { return values[i] }
        }
        for i in templates.indices {
            if let parsed = Self.instantiate(templates[i], with: wanted) {
                templateHits &+= 1
                return parsed
            }
        }
        var boundaryValue: Range<Int>?
        if let parsed = ContentType.parseSimple(wanted, boundaryValue: &boundaryValue) {
            remember(wanted, parsed, boundaryValue: boundaryValue)
            return parsed
        }
        guard let parsed = ContentType(parsingGenerally: Array(wanted)) else { return nil }
        remember(wanted, parsed, boundaryValue: nil)
        return parsed
    }

    private mutating func remember(_ bytes: UnsafeRawBufferPointer, _ parsed: ContentType, boundaryValue: Range<Int>?) {
        guard bytes.count <= 256 else { return }
        let raw = Array(bytes)
        if !parsed.isMultipart {
            if keys.count < Self.capacity {
                keys.append(raw)
                values.append(parsed)
            } else {
                keys[nextSlot] = raw
                values[nextSlot] = parsed
                nextSlot = (nextSlot + 1) % Self.capacity
            }
            return
        }
        guard let value = boundaryValue, value.lowerBound > 0,
              let index = parsed.parameters.firstIndex(where: { asciiCaseInsensitiveEqual($0.name, "boundary") })
        else { return }
        let template = Template(raw: raw, value: value, isQuoted: raw[value.lowerBound - 1] == UInt8(ascii: "\""),
                                parameterIndex: index, parsed: parsed)
        if templates.count < Self.templateCapacity {
            templates.append(template)
        } else {
            templates[nextTemplate] = template
            nextTemplate = (nextTemplate + 1) % Self.templateCapacity
        }
    }

    /// The template's result with the boundary of `raw`, if `raw` is the template's bytes
    /// with another boundary value that `ContentType.parseSimple` reads the same way:
    /// US-ASCII but controls and DEL, no `\` and no `=?` (which make a value not simple),
    /// no `"` (which ends a quoted value), and unquoted, nothing that ends a token.
    private static func instantiate(_ template: Template, with raw: UnsafeRawBufferPointer) -> ContentType? {
        template.raw.withUnsafeBytes { known in
            let start = template.value.lowerBound
            let suffix = known.count - template.value.upperBound
            guard raw.count > start + suffix,
                  memcmp(raw.baseAddress!, known.baseAddress!, start) == 0 else { return nil }
            let base = raw.baseAddress!
            var end = start
            var previous = base.load(fromByteOffset: start - 1, as: UInt8.self)
            while end < raw.count {
                let byte = base.load(fromByteOffset: end, as: UInt8.self)
                let ends = template.isQuoted
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
                  suffix == 0 || memcmp(base + end, known.baseAddress! + template.value.upperBound, suffix) == 0
            else { return nil }
            var parsed = template.parsed
            parsed.parameters.replaceBoundaryValue(at: template.parameterIndex,
                                                   with: UnsafeRawBufferPointer(rebasing: raw[start..<end]))
            return parsed
        }
    }
}

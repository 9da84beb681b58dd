import Testing
@testable import MIMEKit

/// mail-parser's `content_type.json` vectors. mail-parser also uses this parser for
/// `Content-Disposition`, so an entry without a subtype is checked with
/// ``ContentDisposition`` (our `ContentType` needs `type/subtype`, and callers use the RFC 2045
/// section 5.2 default otherwise).
@Suite struct ContentTypeVectorTests {
    /// Entries where we differ from mail-parser on purpose: index, why.
    static let exceptions: [Int: String] = [
        34: "RFC 2047 section 6.2: white space between adjacent encoded-words is dropped, inside quotes too "
            + "(we decode quoted words leniently, as MimeKit does); mail-parser keeps it here but drops it in entry 35",
        47: "`=` has no type token: there is neither a content type nor a disposition",
        48: "`name=value` is not a disposition type: we read the token `name` and a valueless parameter",
        49: "a parameter whose value is empty is kept (with an empty value) so callers can see it was given",
        55: "an unterminated quoted-string runs to the end of the field, and the white space that ends a field "
            + "is not part of its value (RFC 5322 2.2), so the value is empty",
        56: "as entry 55",
        58: "as entry 48",
        59: "`*=test` has no RFC 2231 base name, so it stays a plain parameter named `*` instead of being dropped",
        61: "malformed RFC 2231 names (`3**`, `*5**6*`, `15*x***fff*`, a 18-digit section) are kept as plain "
            + "parameters under their written names; mail-parser guesses base names and joins `1*2*` with a "
            + "section number beyond 999,999",
        76: "a subtype is a token (RFC 2045 5.1) and `/` ends it: `text/plain/format` is text/plain with junk "
            + "(read as a valueless `format` parameter), so `mimeType == \"text/plain\"` still matches",
        77: "as entry 76",
        78: "as entry 76",
    ]

    /// Our view of a value, in mail-parser's terms: type, subtype, sorted attribute pairs.
    private struct View: Equatable {
        var type: String
        var subtype: String?
        var attributes: [[String]]
    }

    private static func attributes(_ parameters: MIMEParameters) -> [[String]] {
        var pairs: [[String]] = []
        for parameter in parameters {
            if let language = parameter.language { pairs.append([parameter.name.lowercased() + "-language", language]) }
            pairs.append([parameter.name.lowercased(), parameter.value])
        }
        return pairs.sorted { $0.joined(separator: "\u{0}") < $1.joined(separator: "\u{0}") }
    }

    private static func ours(_ header: String) -> View? {
        let bytes = FieldVectors.bytes(header)
        if let type = ContentType(parsing: bytes) {
            return View(type: type.type, subtype: type.subtype, attributes: attributes(type.parameters))
        }
        if let disposition = ContentDisposition(parsing: bytes) {
            return View(type: disposition.type, subtype: nil, attributes: attributes(disposition.parameters))
        }
        return nil
    }

    private static func expected(_ value: Any) -> View? {
        guard let object = value as? [String: Any], let type = object["c_type"] as? String else { return nil }
        let pairs = (object["attributes"] as? [[String]] ?? []).map { [$0[0].lowercased(), $0[1]] }
        return View(type: type.lowercased(), subtype: (object["c_subtype"] as? String)?.lowercased(),
                    attributes: pairs.sorted { $0.joined(separator: "\u{0}") < $1.joined(separator: "\u{0}") })
    }

    @Test(.enabled(if: FieldVectors.isAvailable || FieldVectors.isCI, FieldVectors.missingMessage))
    func contentTypeVectors() throws {
        let entries = try FieldVectors.load("content_type.json")
        var agreed = 0
        for (index, entry) in entries.enumerated() {
            let ours = Self.ours(entry.header)
            let expected = Self.expected(entry.expected)
            if let reason = Self.exceptions[index] {
                #expect(ours != expected, "entry \(index) now agrees; remove the exception: \(reason)")
                continue
            }
            #expect(ours == expected, "entry \(index): \(entry.header.debugDescription)")
            if ours == expected { agreed += 1 }
        }
        #expect(agreed + Self.exceptions.count == entries.count)
        print("content_type.json: \(agreed) of \(entries.count) agree, \(Self.exceptions.count) exceptions")
    }
}

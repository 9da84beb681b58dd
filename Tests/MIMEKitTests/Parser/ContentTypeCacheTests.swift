import Testing
@testable import MIMEKit

/// The cache gives, for every value, what a fresh parse gives, whether it answers from an
/// exact entry, from a multipart template with another boundary, or by parsing.
@Suite struct ContentTypeCacheTests {
    @Test func answersAreThoseOfAFreshParse() {
        var generator = SplitMix(seed: 2046)
        func pick(_ choices: [String]) -> String { choices[Int(generator.next() % UInt64(choices.count))] }
        // Boundary bytes, with those that end a token or a quoted string, or make a value
        // not simple (`\`, `=?`, 8-bit, controls).
        let boundaryBytes = ["a", "Z", "0", "-", "_", ".", "=", "?", "/", "'", "+", ":", " ", ";", "(", ")", "\"",
                             "\\", "é", "\u{7F}", "\u{1}", "\t", "=?", "=?utf-8?q?a?="]
        let shapes = [
            "multipart/mixed; boundary=\"%\"", "multipart/alternative; boundary=%", "Multipart/Related; type=\"text/html\"; boundary=\"%\"",
            "multipart/signed; micalg=pgp-sha256; protocol=\"application/pgp-signature\"; boundary=%",
            "multipart/mixed;\n boundary=\"%\"", "multipart/mixed; boundary=\"%\" (comment)", "multipart/mixed; BOUNDARY=%; charset=x",
            "text/plain; charset=%", "multipart/mixed; boundary=\"%\"; boundary=\"x\"",
        ]
        var cache = ContentTypeCache()
        var multiparts = 0
        for _ in 0..<20000 {
            var boundary = ""
            let length = generator.next() % 8 == 0 ? 0 : 1 + Int(generator.next() % 20)
            for _ in 0..<length {
                boundary += generator.next() % 6 == 0 ? pick(boundaryBytes) : pick(["a", "b", "1", "-", "_", "="])
            }
            let text = pick(shapes).replacingOccurrences(of: "%", with: boundary)
            let raw = Array(text.utf8)
            let fresh = ContentType(parsing: raw)
            let cached = cache.parse(raw)
            #expect(cached == fresh, "\(text.debugDescription)")
            if fresh?.isMultipart == true { multiparts += 1 }
        }
        // About a fifth of the values cannot come from a template (odd bytes, no boundary).
        #expect(cache.templateHits > 3000)
        #expect(multiparts > 10000)
    }

    @Test func aSecondMultipartTakesTheFirstOnesResultWithItsOwnBoundary() throws {
        var cache = ContentTypeCache()
        let firstParse = cache.parse(Array("multipart/mixed; boundary=\"=_a1\"; x=y".utf8))
        let secondParse = cache.parse(Array("multipart/mixed; boundary=\"b2-longer\"; x=y".utf8))
        let first = try #require(firstParse)
        let second = try #require(secondParse)
        #expect(cache.templateHits == 1)
        #expect(first.boundary == Array("=_a1".utf8))
        #expect(second.boundary == Array("b2-longer".utf8))
        #expect(second.parameters["boundary"] == "b2-longer")
        #expect(second.parameters["x"] == "y")
        // Another subtype, or other bytes around the boundary, is parsed afresh.
        _ = cache.parse(Array("multipart/related; boundary=\"c3\"; x=y".utf8))
        _ = cache.parse(Array("multipart/mixed; boundary=\"d4\"; x=z".utf8))
        #expect(cache.templateHits == 1)
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

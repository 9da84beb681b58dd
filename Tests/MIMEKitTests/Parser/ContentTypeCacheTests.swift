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
            let answer = raw.withUnsafeBytes { cache.answer($0) }
            let cached = answer?.contentType
            #expect(cached == fresh, "\(text.debugDescription)")
            #expect(cached?.hashValue == fresh?.hashValue, "\(text.debugDescription)")
            #expect(cached?.description == fresh?.description, "\(text.debugDescription)")
            // What the event layer reads beside the value: the nature its strings give, and
            // a template's boundary range holding the bytes of `boundary`.
            #expect(answer?.nature == fresh.map(ContentTypeCache.Nature.init), "\(text.debugDescription)")
            if let range = answer?.boundary {
                #expect(Array(raw[range]) == fresh?.boundary, "\(text.debugDescription)")
            }
            if fresh?.isMultipart == true { multiparts += 1 }
        }
        // About a fifth of the values cannot come from a template (odd bytes, no boundary).
        #expect(cache.templateHits > 3000)
        #expect(multiparts > 10000)
    }

    /// The nature decided once per entry is the one the type's strings give.
    @Test func naturesFollowTheTypes() {
        var cache = ContentTypeCache()
        let cases: [(String, ContentTypeCache.Nature)] = [
            ("text/plain", .other), ("Multipart/Mixed; boundary=a", .multipart), ("multipart/digest; boundary=b", .digest),
            ("MULTIPART/DIGEST; boundary=c", .digest), ("message/rfc822", .enclosedMessage), ("message/global", .enclosedMessage),
            ("message/partial; id=x", .other), ("multipart/x-digest; boundary=d", .multipart), ("multipart/mixed", .multipart),
        ]
        for _ in 0..<2 {
            for (text, nature) in cases {
                let answer = Array(text.utf8).withUnsafeBytes { cache.answer($0) }
                #expect(answer?.nature == nature, "\(text)")
            }
        }
        // A template's answer: another boundary, the same nature, the boundary's place.
        let raw = Array("multipart/digest; boundary=zz-9".utf8)
        let answer = raw.withUnsafeBytes { cache.answer($0) }
        #expect(answer?.nature == .digest)
        #expect(answer?.boundary.map { Array(raw[$0]) } == Array("zz-9".utf8))
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

    /// The cache writes a template's next boundary of the same length over the bytes of the
    /// last one when no answer holds them any more; an answer that is still held keeps its own.
    @Test func boundariesOfTheSameLengthDoNotOverwriteAHeldAnswer() throws {
        var cache = ContentTypeCache()
        _ = cache.parse(Array("multipart/alternative; boundary=\"alt-0\"".utf8))
        let heldParse = cache.parse(Array("multipart/alternative; boundary=\"alt-1\"".utf8))
        let held = try #require(heldParse)
        for index in 2..<6 {
            let next = cache.parse(Array("multipart/alternative; boundary=\"alt-\(index)\"".utf8))
            #expect(next?.boundary == Array("alt-\(index)".utf8))
        }
        #expect(held.boundary == Array("alt-1".utf8))
        #expect(held.parameters["boundary"] == "alt-1")
        #expect(cache.templateHits == 5)
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

import Testing
@testable import MIMEKit

@Suite struct HeaderFieldNameTests {
    /// The rule of RFC 5322 3.6.8 and 4.5 read one byte at a time: the reference the word-wise
    /// reader must agree with.
    private func reference(_ line: [UInt8]) -> Int? {
        var i = 0
        while i < line.count {
            let byte = line[i]
            if byte == 0x3A { break }
            if byte < 0x21 || byte > 0x7E {
                guard byte == 0x20 || byte == 0x09, i > 0 else { return nil }
                var j = i
                while j < line.count && (line[j] == 0x20 || line[j] == 0x09) { j += 1 }
                return j < line.count && line[j] == 0x3A ? j : nil
            }
            i += 1
        }
        return i > 0 && i < line.count ? i : nil
    }

    private func nameEnd(_ line: [UInt8]) -> Int? {
        line.withUnsafeBytes { raw in raw.baseAddress.flatMap { headerFieldNameEnd($0, count: raw.count) } }
    }

    @Test(arguments: [
        ("Subject: hi", 7),
        ("Content-Transfer-Encoding: base64", 25),
        ("X-A-Rather-Long-Header-Field-Name-Here:x", 38),
        ("Subject : obsolete white space", 8),
        ("Subject\t \t:tabs", 10),
        (": no name", nil),
        (" folded continuation", nil),
        ("no colon at all", nil),
        ("Subject", nil),
        ("Subj ect: space inside", nil),
        ("Subject\u{7F}: delete", nil),
        ("Sübject: non-ASCII", nil),
        ("From me@example.org Mon Jan  1 00:00:00 2024", nil),
        ("abcdefgh:", 8),
        ("abcdefg:", 7),
        ("abcdefghijklmnop", nil),
    ] as [(String, Int?)])
    func findsTheColon(line: String, expected: Int?) {
        #expect(nameEnd(Array(line.utf8)) == expected)
    }

    @Test func agreesWithTheByteByByteRuleOnRandomLines() {
        // Lines from an alphabet weighted toward the bytes that matter (colon, space, tab,
        // the edges 0x20/0x21 and 0x7E/0x7F, controls, 8-bit), at every length up to 40, so
        // each stop falls at every place in and across the 8-byte words.
        let alphabet: [UInt8] = [0x3A, 0x20, 0x09, 0x21, 0x7E, 0x7F, 0x80, 0xFF, 0x00, 0x0D, 0x41, 0x61, 0x2D, 0x30]
        var random = SplitMix64(state: 5322)
        var mismatches: [[UInt8]] = []
        for length in 0...40 {
            for _ in 0..<400 {
                let line = (0..<length).map { _ in
                    random.next() % 3 == 0 ? alphabet[Int(random.next() % UInt64(alphabet.count))] : UInt8(0x61)
                }
                if nameEnd(line) != reference(line) { mismatches.append(line) }
            }
        }
        #expect(mismatches.count == 0, "first: \(mismatches.first ?? [])")
        // And every single byte value, at every place in a word.
        for value in 0...255 {
            for place in 0..<16 {
                var line = [UInt8](repeating: 0x61, count: 20)
                line[place] = UInt8(value)
                #expect(nameEnd(line) == reference(line), "byte \(value) at \(place)")
            }
        }
    }
}

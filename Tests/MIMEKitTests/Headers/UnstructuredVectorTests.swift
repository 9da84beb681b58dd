import Testing
@testable import MIMEKit

/// mail-parser's `unstructured.json` and `list.json` vectors.
@Suite struct UnstructuredVectorTests {
    /// Entries where we differ from mail-parser on purpose: index, our value, why.
    static let unstructuredExceptions: [Int: (ours: String, reason: String)] = [
        2: ("Fwd: \tSaying  Hello",
            "RFC 5322 2.2.3: unfolding removes only CRLF and keeps the folding white space; mail-parser also collapses it"),
        3: ("FWD:  Saying Hello",
            "RFC 5322 2.2.3 unfolding keeps the space before and after the fold"),
        4: ("from x.y.test      by example.net      via TCP      with ESMTP      id ABC12345      for <mary@example.net>;  21 Nov 1997 10:05:43 -0600",
            "RFC 5322 2.2.3 unfolding keeps the indentation of each continuation line"),
        21: ("[SUSPECTED SPAM]This is the original subject",
             "a word glued to text is decoded without inventing a space (MimeKit, GMime); mail-parser adds one"),
        19: ("let's = try =?iso-8859-1? to break =? the  parser",
             "RFC 5322 2.2.3 unfolding keeps the space before the fold and the one after it"),
        22: ("Some text here",
             "the empty word is removed and `here` glued to it follows without an invented space"),
        27: ("[SUSPECTED SPAM]This is the original subject", "as entry 21"),
        28: ("[SUSPECTED SPAM]This is the original subject", "as entry 21"),
    ]

    @Test(.enabled(if: FieldVectors.isAvailable || FieldVectors.isCI, FieldVectors.missingMessage))
    func unstructuredVectors() throws {
        let entries = try FieldVectors.load("unstructured.json")
        var agreed = 0
        for (index, entry) in entries.enumerated() {
            let ours = HeaderText.decodeUnstructured(FieldVectors.bytes(entry.header))
            if let exception = Self.unstructuredExceptions[index] {
                #expect(ours == exception.ours, "entry \(index): \(exception.reason)")
            } else {
                #expect(ours == entry.expected as? String, "entry \(index): \(entry.header.debugDescription)")
                if ours == entry.expected as? String { agreed += 1 }
            }
        }
        #expect(agreed + Self.unstructuredExceptions.count == entries.count)
        print("unstructured.json: \(agreed) of \(entries.count) agree, \(Self.unstructuredExceptions.count) exceptions")
    }

    @Test(.enabled(if: FieldVectors.isAvailable || FieldVectors.isCI, FieldVectors.missingMessage))
    func listVectors() throws {
        let entries = try FieldVectors.load("list.json")
        var agreed = 0
        for (index, entry) in entries.enumerated() {
            let ours = HeaderText.decodeList(FieldVectors.bytes(entry.header))
            #expect(ours == entry.expected as? [String], "entry \(index): \(entry.header.debugDescription)")
            if ours == entry.expected as? [String] { agreed += 1 }
        }
        print("list.json: \(agreed) of \(entries.count) agree")
    }
}

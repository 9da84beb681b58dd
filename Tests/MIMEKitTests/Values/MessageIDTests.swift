import Testing
@testable import MIMEKit

@Suite struct MessageIDTests {
    private func list(_ text: String) -> [String] { MessageID.parseList(Array(text.utf8)) }

    @Test func singleAndListedIds() {
        #expect(MessageID.parse(Array("<1234@local.machine.example>".utf8)) == "1234@local.machine.example")
        #expect(list("<a@b>\r\n <c@d>") == ["a@b", "c@d"])
    }

    @Test func commentsAndJunkBetweenIdsAreSkipped() {
        #expect(list("<a@b> (John's message of Tue) your message <c@d>, <e@f>") == ["a@b", "c@d", "e@f"])
    }

    @Test func obsoleteWhiteSpaceAndCommentsInsideAreRemoved() {
        #expect(list("<1234   @   local(blah)  .machine .example>") == ["1234@local.machine.example"])
    }

    @Test func quotedLeftSideKeepsQuotes() {
        #expect(list("<\"a b\"@c>") == ["\"a b\"@c"])
    }

    @Test func missingBrackets() {
        #expect(list("  malformed@id.example  ") == ["malformed@id.example"])
        #expect(list("m") == ["m"])
        #expect(list("your message of yesterday") == [])
        #expect(list("a@b c@d") == ["a@b", "c@d"])
    }

    @Test func unclosedBracket() {
        #expect(list("<a@b <c@d>") == ["a@b", "c@d"])
        #expect(list("<a@b") == ["a@b"])
    }

    @Test func emptyIdsAreSkipped() {
        #expect(list("<>").isEmpty)
        #expect(MessageID.parse([UInt8]()) == nil)
    }
}

/// mail-parser's `id.json` vectors.
@Suite struct MessageIDVectorTests {
    /// Entries where we differ from mail-parser on purpose: index, our value, why.
    static let exceptions: [Int: (ours: [String], reason: String)] = [
        6: (["1234@local.machine.example"],
            "obs-id-left/obs-id-right (RFC 5322 4.5.4) allow CFWS, which is not part of the id; ids are compared "
                + "for threading, so `<1234 @ local(blah) .machine .example>` must equal `<1234@local.machine.example>`"),
    ]

    @Test func idVectors() throws {
        guard FieldVectors.isAvailable else { Issue.record(Comment(rawValue: FieldVectors.missingMessage)); return }
        let entries = try FieldVectors.load("id.json")
        var agreed = 0
        for (index, entry) in entries.enumerated() {
            let ours = MessageID.parseList(FieldVectors.bytes(entry.header))
            if let exception = Self.exceptions[index] {
                #expect(ours == exception.ours, "entry \(index): \(exception.reason)")
                continue
            }
            let expected = entry.expected as? [String] ?? []
            #expect(ours == expected, "entry \(index): \(entry.header.debugDescription)")
            if ours == expected { agreed += 1 }
        }
        #expect(agreed + Self.exceptions.count == entries.count)
        print("id.json: \(agreed) of \(entries.count) agree, \(Self.exceptions.count) exceptions")
    }
}

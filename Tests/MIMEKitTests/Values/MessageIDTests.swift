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

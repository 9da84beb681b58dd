import Testing
@testable import MIMEKit

@Suite struct AddressTests {
    private func parse(_ text: String) -> InternetAddressList { InternetAddressList.parse(Array(text.utf8)) }
    private func mailbox(_ text: String) throws -> MailboxAddress { try #require(parse(text).mailboxes.first) }

    @Test func nameAddrAndAddrSpec() throws {
        let list = parse("Mary Smith <mary@x.test>, jdoe@example.org")
        #expect(list.mailboxes.map(\.address) == ["mary@x.test", "jdoe@example.org"])
        #expect(list.mailboxes.map(\.name) == ["Mary Smith", nil])
        #expect(list.mailboxes[0].localPart == "mary")
        #expect(list.mailboxes[0].domain == "x.test")
    }

    @Test func quotedDisplayNameWithSpecials() throws {
        let m = try mailbox("\"Giant; \\\"Big\\\" Box\" <sysservices@example.net>")
        #expect(m.name == "Giant; \"Big\" Box")
    }

    @Test func groupsIncludingEmptyOnes() throws {
        let list = parse("A Group:Ed Jones <c@a.test>,joe@where.test;, undisclosed-recipients:;, x@y.test")
        #expect(list.count == 3)
        guard case .group(let group) = list[0], case .group(let empty) = list[1], case .mailbox(let last) = list[2] else {
            Issue.record("wrong shape: \(list)")
            return
        }
        #expect(group.name == "A Group")
        #expect(group.members.map(\.address) == ["c@a.test", "joe@where.test"])
        #expect(empty.name == "undisclosed-recipients")
        #expect(empty.members.isEmpty)
        #expect(last.address == "x@y.test")
    }

    @Test func commentsAreKeptAndNameFallsBackToThem() throws {
        let m = try mailbox("jdoe@example.org (John Doe)")
        #expect(m.name == "John Doe")
        #expect(m.comments == ["John Doe"])
        let pete = try mailbox("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>")
        #expect(pete.name == "Pete")
        #expect(pete.address == "pete@silly.test")
        #expect(pete.comments == ["A nice ) chap", "his account", "his host"])
    }

    @Test func encodedWordDisplayNames() throws {
        #expect(try mailbox("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>").name == "Keld Jørn Simonsen")
        #expect(try mailbox("\"=?utf-8?q?J=C3=BCrgen?= M.\" <j@x.test>").name == "Jürgen M.")
        #expect(try mailbox("=?utf-8?q?Doe,_John?= <j@x.test>").name == "Doe, John")
    }

    @Test func obsoleteRoute() throws {
        let m = try mailbox("<@a.example,@b.example:u@d.example>")
        #expect(m.route == ["a.example", "b.example"])
        #expect(m.address == "u@d.example")
    }

    @Test func unquotedCommaInDisplayName() throws {
        let list = parse("Doe, John <j@x.example>, root, <a@b.example>")
        #expect(list.mailboxes.map(\.name) == ["Doe, John", nil, nil])
        #expect(list.mailboxes.map(\.address) == ["j@x.example", "root", "a@b.example"])
    }

    @Test func unquotedDotsInDisplayName() throws {
        #expect(try mailbox("Joe Q. Public <john.q.public@example.com>").name == "Joe Q. Public")
    }

    @Test func missingAngleBrackets() throws {
        let m = try mailbox("John Doe j@x.example")
        #expect(m.name == "John Doe")
        #expect(m.address == "j@x.example")
    }

    @Test func bareDisplayNameWithoutAddress() throws {
        let m = try mailbox("John Doe")
        #expect(m.name == "John Doe")
        #expect(!m.hasAddress)
        #expect(try mailbox("root").address == "root")
    }

    @Test func addressInsideDisplayNameIsExposed() throws {
        let m = try mailbox("\"ceo@bank.example\" <a@evil.example>")
        #expect(m.addressInDisplayName == "ceo@bank.example")
        #expect(m.address == "a@evil.example")
        #expect(try mailbox("Jane <j@x.example>").addressInDisplayName == nil)
    }

    @Test func quotedLocalPartKeepsQuotes() throws {
        let m = try mailbox("<\"john doe\"@example.com>")
        #expect(m.localPart == "\"john doe\"")
        #expect(m.address == "\"john doe\"@example.com")
    }

    @Test func utf8AddressesAndIDN() throws {
        let m = try mailbox("Jörg <jörg@bücher.example>")
        #expect(m.name == "Jörg")
        #expect(m.localPart == "jörg")
        #expect(m.domain == "bücher.example")
        #expect(m.asciiDomain == "xn--bcher-kva.example")
        let puny = try mailbox("x@xn--bcher-kva.example")
        #expect(puny.unicodeDomain == "bücher.example")
    }

    @Test func domainLiteral() throws {
        #expect(try mailbox("a@[192.0.2.1]").domain == "[192.0.2.1]")
    }

    @Test func missingClosingBracketAndEndOfField() throws {
        let list = parse("A <a@x.test, B <b@y.test>\r\nX-Next: c@z.test")
        #expect(list.mailboxes.map(\.address) == ["a@x.test", "b@y.test"])
    }

    @Test func deeplyNestedCommentIsBounded() throws {
        let raw = String(repeating: "(", count: 200_000) + "x" + String(repeating: ")", count: 200_000) + " a@b.test"
        #expect(parse(raw).mailboxes.map(\.address) == ["a@b.test"])
    }

    /// A hundred thousand entries all come back. How the time grows with their number is
    /// measured by `Benchmarks/hostile/linearity.sh address-list`, not here: no timed
    /// assertion in tests (shared machines make them flaky).
    @Test func hundredThousandEntriesAllParse() {
        let raw = (0..<100_000).map { "User \($0) <u\($0)@example.com>" }.joined(separator: ", ")
        let list = parse(raw)
        #expect(list.count == 100_000)
        #expect(list.mailboxes.last?.address == "u99999@example.com")
    }

    @Test func controlCharactersStayInAtoms() {
        let list = InternetAddressList.parse([0x00, 0x1B] + Array("x@y.test".utf8))
        #expect(list.mailboxes.map(\.address) == ["\u{0}\u{1B}x@y.test"])
    }

    @Test func emptyAndGarbageInputs() {
        #expect(parse("").isEmpty)
        #expect(parse(" , ,, ").isEmpty)
        #expect(parse("<>").isEmpty)
        #expect(parse("\"unterminated").mailboxes.first?.name == "unterminated")
    }
}

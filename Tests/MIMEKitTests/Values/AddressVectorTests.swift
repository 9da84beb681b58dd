import Testing
@testable import MIMEKit

/// mail-parser's `address.json` vectors, compared in mail-parser's shape: a `List` of
/// `{name, address}` or, when there is a group, a list of groups where top-level mailboxes
/// form nameless groups.
@Suite struct AddressVectorTests {
    /// Entries where we differ from mail-parser on purpose: index, why.
    static let exceptions: [Int: String] = [
        8: "comments are not part of the display name (RFC 5322 3.2.2: they are CFWS); we give the name `Pete` and "
            + "the comments in `comments`; mail-parser appends all comments of the mailbox to the name",
        9: "after unfolding (RFC 5322 2.2.3) `\\` + fold is the quoted-pair `\\ `, so the first `)` closes the "
            + "comment and ` chap)` is display-name text: `Pete chap)`; mail-parser reads the `)` as escaped",
        10: "as entry 8 for group and member names, and `(the end of the group)` after `;` is a comment, not a "
            + "mailbox (RFC 5322 3.4 `group`'s trailing [CFWS])",
        11: "a group whose only member is the comment `(nobody(that I know))` is empty (RFC 5322 3.4 `group-list` "
            + "may be CFWS); mail-parser makes the comment a nameless member",
        13: "the obsolete route is kept in `route`, not in the address (RFC 5322 4.4 says to ignore it), and CFWS "
            + "around the dots of `test  . example` is not part of the domain (obs-domain, 4.4): `jdoe@test.example`",
        14: "CFWS inside the addr-spec is not part of it (RFC 5322 4.4): `jdoe@machine.example`, comment in `comments`",
        22: "as entry 8: the RFC 2047 comment is decoded into `comments`, the name is `Nathaniel Borenstein`",
        56: "as entry 8: the name is `Name Doe`, the comment in `comments`",
    ]

    private struct Entry: Equatable {
        var name: String?
        var address: String?
    }

    private struct Group: Equatable {
        var name: String?
        var members: [Entry]
    }

    private static func entry(_ mailbox: MailboxAddress) -> Entry {
        Entry(name: mailbox.name, address: mailbox.hasAddress ? mailbox.address : nil)
    }

    /// Ours as groups (nil when there is no group in the list, so it compares as a `List`).
    private static func oursGroups(_ list: InternetAddressList) -> [Group] {
        var groups: [Group] = []
        for element in list {
            switch element {
            case .group(let group):
                groups.append(Group(name: group.name, members: group.members.map(entry)))
            case .mailbox(let mailbox):
                if let last = groups.last, last.name == nil {
                    groups[groups.count - 1].members.append(entry(mailbox))
                } else {
                    groups.append(Group(name: nil, members: [entry(mailbox)]))
                }
            }
        }
        return groups
    }

    private static func entries(_ value: Any?) -> [Entry] {
        (value as? [[String: Any]] ?? []).map { Entry(name: $0["name"] as? String, address: $0["address"] as? String) }
    }

    private static func agrees(_ list: InternetAddressList, _ expected: Any) -> Bool {
        guard let object = expected as? [String: Any] else { return list.isEmpty }
        if let flat = object["List"] {
            return !list.contains { if case .group = $0 { true } else { false } }
                && list.mailboxes.map(entry) == entries(flat)
        }
        let groups = (object["Group"] as? [[String: Any]] ?? []).map {
            Group(name: $0["name"] as? String, members: entries($0["addresses"]))
        }
        return oursGroups(list) == groups
    }

    @Test(.enabled(if: FieldVectors.isAvailable || FieldVectors.isCI, FieldVectors.missingMessage))
    func addressVectors() throws {
        let entries = try FieldVectors.load("address.json")
        var agreed = 0
        for (index, entry) in entries.enumerated() {
            let list = InternetAddressList.parse(FieldVectors.bytes(entry.header))
            let same = Self.agrees(list, entry.expected)
            if let reason = Self.exceptions[index] {
                #expect(!same, "entry \(index) now agrees; remove the exception: \(reason)")
                continue
            }
            #expect(same, "entry \(index): \(entry.header.debugDescription) → \(list.addresses.map { "\($0)" }) \(list.mailboxes.map(\.name))")
            if same { agreed += 1 }
        }
        #expect(agreed + Self.exceptions.count == entries.count)
        print("address.json: \(agreed) of \(entries.count) agree, \(Self.exceptions.count) exceptions")
    }
}

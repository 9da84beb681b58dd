import Testing
@testable import MIMEKit

/// mail-parser's `id.json` vectors.
@Suite struct MessageIDVectorTests {
    /// Entries where we differ from mail-parser on purpose: index, our value, why.
    static let exceptions: [Int: (ours: [String], reason: String)] = [
        6: (["1234@local.machine.example"],
            "obs-id-left/obs-id-right (RFC 5322 4.5.4) allow CFWS, which is not part of the id; ids are compared "
                + "for threading, so `<1234 @ local(blah) .machine .example>` must equal `<1234@local.machine.example>`"),
    ]

    @Test(.enabled(if: FieldVectors.isAvailable || FieldVectors.isCI, FieldVectors.missingMessage))
    func idVectors() throws {
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

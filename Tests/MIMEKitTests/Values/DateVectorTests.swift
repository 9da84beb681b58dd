import Testing
@testable import MIMEKit

/// mail-parser's `date.json` vectors.
@Suite struct DateVectorTests {
    /// Entries where we differ from mail-parser on purpose: index, why. Our value is `nil`.
    static let exceptions: [Int: String] = [
        12: "` 4 8 15 16 23 42, ...` has no `h:m` time anywhere; mail-parser reads the digits as a date, "
            + "time and +0004 zone, which is a guess on garbage, not a date",
    ]

    @Test(.enabled(if: FieldVectors.isAvailable || FieldVectors.isCI, FieldVectors.missingMessage))
    func dateVectors() throws {
        let entries = try FieldVectors.load("date.json")
        var agreed = 0
        for (index, entry) in entries.enumerated() {
            let ours = MailDate(parsing: FieldVectors.bytes(entry.header))
            if let reason = Self.exceptions[index] {
                #expect(ours == nil, "entry \(index): \(reason)")
                continue
            }
            let expected = entry.expected as? [String: Any]
            let same: Bool
            if let expected, let ours {
                let sign = (expected["tz_before_gmt"] as? Bool ?? false) ? -1 : 1
                let offset = sign * ((expected["tz_hour"] as? Int ?? 0) * 60 + (expected["tz_minute"] as? Int ?? 0))
                same = ours.year == expected["year"] as? Int && ours.month == expected["month"] as? Int
                    && ours.day == expected["day"] as? Int && ours.hour == expected["hour"] as? Int
                    && ours.minute == expected["minute"] as? Int && ours.second == expected["second"] as? Int
                    && ours.offsetMinutes == offset
            } else {
                same = expected == nil && ours == nil
            }
            #expect(same, "entry \(index): \(entry.header.debugDescription) → \(String(describing: ours))")
            if same { agreed += 1 }
        }
        #expect(agreed + Self.exceptions.count == entries.count)
        print("date.json: \(agreed) of \(entries.count) agree, \(Self.exceptions.count) exceptions")
    }
}

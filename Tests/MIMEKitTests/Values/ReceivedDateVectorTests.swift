import Testing
@testable import MIMEKit

/// The dates at the end of mail-parser's `received.json` vectors (the rest of a `Received`
/// field is not parsed here).
@Suite struct ReceivedDateVectorTests {
    /// Entries where mail-parser's date is wrong: index, our ISO 8601 value, why.
    static let exceptions: [Int: (ours: String, reason: String)] = [
        13: ("2003-02-07T10:18:12-08:00", "asctime order `Fri Feb 07 10:18:12 2003 -0800`; mail-parser reads year 1910, second 211"),
        67: ("2003-02-12T14:22:21-08:00", "PST is -0800 (RFC 5322 4.3); mail-parser gives -0000"),
        89: ("2003-03-26T20:43:24-06:00", "two-digit year 03 is 2003 (RFC 5322 4.3); mail-parser gives 1903"),
        90: ("2004-02-27T14:16:56-08:00", "two-digit year 04 is 2004; mail-parser gives 1904"),
        117: ("2005-11-13T14:50:12-00:00", "asctime `Sun Nov 13 14:50:12 2005` without zone; mail-parser gives month 13, hour 50"),
        118: ("2005-11-13T15:38:52-00:00", "as entry 117"),
        128: ("2003-03-20T10:06:43+01:00", "two-digit year 03 is 2003; mail-parser gives 1903"),
        144: ("2020-04-02T07:53:55+00:00", "fractional seconds `55.516`: the second is 55; mail-parser gives 0"),
        151: ("2018-09-14T14:36:56-04:00", "asctime with zone `Fri Sep 14 14:36:56 EDT 2018`; mail-parser gives month 14, hour 36"),
        163: ("2006-06-02T08:15:21-07:00", "PDT is -0700 (RFC 5322 4.3); mail-parser gives -0000"),
    ]

    @Test(.enabled(if: FieldVectors.isAvailable || FieldVectors.isCI, FieldVectors.missingMessage))
    func receivedDates() throws {
        let entries = try FieldVectors.load("received.json")
        var agreed = 0
        var total = 0
        for (index, entry) in entries.enumerated() {
            guard let expected = (entry.expected as? [String: Any])?["date"] as? [String: Any] else { continue }
            total += 1
            let ours = MailDate(parsing: FieldVectors.bytes(entry.header))
            if let exception = Self.exceptions[index] {
                #expect(ours?.iso8601 == exception.ours, "entry \(index): \(exception.reason)")
                continue
            }
            let sign = (expected["tz_before_gmt"] as? Bool ?? false) ? -1 : 1
            let offset = sign * ((expected["tz_hour"] as? Int ?? 0) * 60 + (expected["tz_minute"] as? Int ?? 0))
            let same = ours?.year == expected["year"] as? Int && ours?.month == expected["month"] as? Int
                && ours?.day == expected["day"] as? Int && ours?.hour == expected["hour"] as? Int
                && ours?.minute == expected["minute"] as? Int && ours?.second == expected["second"] as? Int
                && ours?.offsetMinutes == offset
            #expect(same, "entry \(index): \(entry.header.debugDescription) → \(String(describing: ours))")
            if same { agreed += 1 }
        }
        #expect(agreed + Self.exceptions.count == total)
        print("received.json dates: \(agreed) of \(total) agree, \(Self.exceptions.count) exceptions")
    }
}

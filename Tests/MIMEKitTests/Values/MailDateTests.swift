import Testing
@testable import MIMEKit

@Suite struct MailDateTests {
    private func date(_ text: String) -> MailDate? { MailDate(parsing: Array(text.utf8)) }

    // Instants checked with Python's email.utils.parsedate_to_datetime(...).timestamp().
    @Test func rfc5322DateWithOffset() throws {
        let d = try #require(date("Fri, 21 Nov 1997 09:55:06 -0600"))
        #expect(d.secondsSinceEpoch == 880_127_706)
        #expect(d.offsetMinutes == -360)
        #expect(d.diagnostics.isEmpty)
        #expect(d.iso8601UTC == "1997-11-21T15:55:06Z")
        #expect(d.iso8601 == "1997-11-21T09:55:06-06:00")
    }

    @Test func iso8601Formatting() throws {
        let d = try #require(date("Fri, 23 Aug 2002 08:32:53 +0200"))
        #expect(d.iso8601UTC == "2002-08-23T06:32:53Z")
        #expect(d.iso8601 == "2002-08-23T08:32:53+02:00")
    }

    @Test func obsoleteZonesAndTrailingComment() throws {
        let d = try #require(date("Fri, 14 Jun 1991 19:13:14 -0400 (EDT)"))
        #expect(d.offsetMinutes == -240)
        let est = try #require(date("Sun, 27 Oct 2002 23:57:07 EST"))
        #expect(est.offsetMinutes == -300)
        #expect(est.diagnostics.contains(.obsoleteZone))
        #expect(try #require(date("21 Nov 97 09:55:06 GMT")).secondsSinceEpoch == 880_106_106)
        #expect(try #require(date("1 Jan 2000 00:00:00 PDT")).offsetMinutes == -420)
    }

    @Test func militaryZoneIsUnknown() throws {
        let d = try #require(date("Thu, 10 Jul 1997 14:53:31 A"))
        #expect(d.offsetMinutes == 0)
        #expect(d.diagnostics.contains(.militaryZone))
        #expect(d.isZoneUnknown)
        #expect(d.iso8601.hasSuffix("-00:00"))
    }

    @Test func missingZoneIsMinusZeroWithDiagnostic() throws {
        let d = try #require(date("1 Jul 2003 10:52:37"))
        #expect(d.offsetMinutes == 0)
        #expect(d.diagnostics.contains(.missingZone))
    }

    @Test func twoAndThreeDigitYears() throws {
        let a = try #require(date("1 Jan 49 00:00 +0000"))
        #expect(a.year == 2049)
        #expect(a.diagnostics.contains(.twoDigitYear))
        #expect(try #require(date("1 Jan 50 00:00 +0000")).year == 1950)
        let c = try #require(date("1 Jan 103 00:00 +0000"))
        #expect(c.year == 2003)
        #expect(c.diagnostics.contains(.threeDigitYear))
    }

    @Test func missingDayOfWeekAndSeconds() throws {
        let d = try #require(date("27 Jun 99 04:11 +0900"))
        #expect(d.second == 0)
        #expect(d.diagnostics.contains(.missingSeconds))
        #expect(d.iso8601UTC == "1999-06-26T19:11:00Z")
    }

    @Test func wrongDayOfWeekIsFlagged() throws {
        #expect(try #require(date("Mon, 1 Jul 2003 10:52:37 +0200")).diagnostics.contains(.wrongDayOfWeek))
        #expect(try #require(date("Tue, 1 Jul 2003 10:52:37 +0200")).diagnostics.isEmpty)
    }

    @Test func monthNamesInAnyCase() throws {
        #expect(try #require(date("1 JAN 2021 09:55:06 +0200")).month == 1)
        #expect(try #require(date("1 december 2021 09:55:06 +0200")).month == 12)
    }

    @Test func iso8601Input() throws {
        let d = try #require(date("2002-08-23T06:32:53Z"))
        #expect(d.iso8601UTC == "2002-08-23T06:32:53Z")
        let e = try #require(date("2002-08-23 08:32:53+02:00"))
        #expect(e.iso8601UTC == "2002-08-23T06:32:53Z")
    }

    @Test func asctimeOrder() throws {
        let d = try #require(date("Mon Jan  2 15:04:05 2006"))
        #expect((d.year, d.month, d.day, d.hour) == (2006, 1, 2, 15))
        #expect(d.diagnostics.contains(.nonStandardForm))
    }

    @Test func hyphenatedDate() throws {
        let d = try #require(date("21-Nov-1997 09:55:06 +0000"))
        #expect((d.year, d.month, d.day) == (1997, 11, 21))
    }

    @Test func receivedValueUsesDateAfterSemicolon() throws {
        let d = try #require(date("from a by b with SMTP id 12:34; Mon, 10 Oct 2022 10:31:15 -0700 (PDT)"))
        #expect(d.iso8601UTC == "2022-10-10T17:31:15Z")
    }

    @Test func invalidDatesAreNil() {
        #expect(date("") == nil)
        #expect(date("not a date") == nil)
        #expect(date("31 Feb 2021 10:00:00 +0000") == nil)
        #expect(date("1 Jan 2021 24:00:00 +0000") == nil)
        #expect(date("13 zzz 2021 09:55:06 +0200") == nil)
    }

    @Test func leapDayAndPreEpoch() throws {
        #expect(try #require(date("29 Feb 2000 12:00:00 +0000")).secondsSinceEpoch == 951_825_600)
        #expect(date("29 Feb 1900 12:00:00 +0000") == nil)
        #expect(try #require(date("Tue, 30 Dec 1969 23:32:54 -0330")).secondsSinceEpoch == -75_426)
    }

    @Test func deeplyNestedCommentIsBounded() {
        let raw = String(repeating: "(", count: 100_000) + "1 Jan 2000 00:00:00 +0000"
        #expect(date(raw) == nil)
    }
}

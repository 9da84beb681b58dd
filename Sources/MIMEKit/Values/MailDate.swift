/// A date and time from a mail header (`Date`, `Resent-Date`, `Received`, RFC 2183 dates).
///
/// ```
/// date-time = [ day-of-week "," ] date time [CFWS]       ; RFC 5322 section 3.3
/// date      = day month year
/// time      = hour ":" minute [ ":" second ] FWS zone
/// zone      = ("+" / "-") 4DIGIT / obs-zone               ; obs-zone: section 4.3
/// ```
///
/// The parser is tolerant, in the spirit of RFC 5322 section 4.3 and of what MimeKit and
/// mail-parser accept: comments anywhere, a missing day-of-week or seconds, two- and
/// three-digit years (00–49 → 20xx, 50–99 → 19xx, three digits + 1900), month names in any
/// case (or spelt out), a numeric month (`20 11 79`), `asctime` order (`Jan 2 15:04:05 2006`),
/// AM/PM, ISO 8601 (`2002-08-23T06:32:53Z`), a `Received`-style value (the date after the
/// last `;`), the obsolete zones (`UT`, `GMT`, `EST`...`PDT`), common zone abbreviations
/// (`CET`, `JST`, ...), and trailing junk (`-0400 (EDT)`, `EST5EDT`). Military zone letters
/// other than `Z`, unknown zone names and a missing zone become `-0000` ("no information",
/// RFC 5322 section 3.3), with a diagnostic. When no date and time can be found, or a field
/// is out of range, the initializer returns `nil`.
public struct MailDate: Sendable, Hashable, CustomStringConvertible {
    /// What was not RFC 5322 about the value (empty for a well-formed one).
    public struct Diagnostics: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// No zone at all: taken as `-0000`.
        public static let missingZone = Diagnostics(rawValue: 1 << 0)
        /// A zone name that is not known: taken as `-0000`.
        public static let unknownZone = Diagnostics(rawValue: 1 << 1)
        /// An RFC 822 zone name (`UT`, `GMT`, `EST`, ...), RFC 5322 section 4.3.
        public static let obsoleteZone = Diagnostics(rawValue: 1 << 2)
        /// A military zone letter: taken as `-0000` as RFC 5322 section 4.3 says.
        public static let militaryZone = Diagnostics(rawValue: 1 << 3)
        /// A zone abbreviation that no RFC defines (`CET`, `JST`, ...).
        public static let nonStandardZoneName = Diagnostics(rawValue: 1 << 4)
        /// An offset whose minutes are 60 or more: taken as `-0000`.
        public static let invalidOffset = Diagnostics(rawValue: 1 << 5)
        /// A two-digit year.
        public static let twoDigitYear = Diagnostics(rawValue: 1 << 6)
        /// A three-digit year.
        public static let threeDigitYear = Diagnostics(rawValue: 1 << 7)
        /// No seconds.
        public static let missingSeconds = Diagnostics(rawValue: 1 << 8)
        /// A day-of-week that does not match the date.
        public static let wrongDayOfWeek = Diagnostics(rawValue: 1 << 9)
        /// Not the RFC 5322 order: ISO 8601, `asctime`, numeric month, AM/PM.
        public static let nonStandardForm = Diagnostics(rawValue: 1 << 10)
    }

    /// The year, with two- and three-digit years already expanded.
    public var year: Int
    /// The month, 1–12.
    public var month: Int
    /// The day of the month.
    public var day: Int
    /// The hour, 0–23, in the original zone.
    public var hour: Int
    /// The minute, 0–59.
    public var minute: Int
    /// The second, 0–60 (60 for a leap second).
    public var second: Int
    /// The original offset from UTC in minutes (east positive); 0 when unknown.
    public var offsetMinutes: Int
    /// What was unusual about the value.
    public var diagnostics: Diagnostics

    /// Whether the zone carries no information (`-0000`, missing, unknown or military).
    public var isZoneUnknown: Bool {
        !diagnostics.isDisjoint(with: [.missingZone, .unknownZone, .militaryZone, .invalidOffset])
    }

    /// A date from its fields; `nil` when a field is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                 offsetMinutes: Int, diagnostics: Diagnostics = []) {
        guard (0...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysInMonth(year: year, month: month),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              abs(offsetMinutes) < 100 * 60 else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.offsetMinutes = offsetMinutes
        self.diagnostics = diagnostics
    }

    /// Parses a raw header value; `nil` when it holds no usable date and time.
    public init?(parsing raw: some Collection<UInt8>) {
        guard let parsed = MailDateParser.parse(HeaderText.fieldValue(Array(raw))) else { return nil }
        self = parsed
    }

    /// The instant in seconds since 1970-01-01T00:00:00Z (leap seconds count as the next second).
    public var secondsSinceEpoch: Int64 {
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return local - Int64(offsetMinutes * 60)
    }

    /// ISO 8601 / RFC 3339 in UTC: `2002-08-23T06:32:53Z`.
    public var iso8601UTC: String {
        let instant = secondsSinceEpoch
        let days = instant >= 0 ? instant / 86_400 : (instant - 86_399) / 86_400
        let rest = Int(instant - days * 86_400)
        let (y, m, d) = Self.civilFromDays(days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))Z"
    }

    /// ISO 8601 / RFC 3339 with the original offset: `2002-08-23T08:32:53+02:00`. An unknown
    /// zone is written `-00:00`, RFC 3339 section 4.3's "unknown local offset".
    public var iso8601: String {
        let sign = offsetMinutes < 0 || (offsetMinutes == 0 && isZoneUnknown) ? "-" : "+"
        let offset = abs(offsetMinutes)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
            + "\(sign)\(pad(offset / 60, 2)):\(pad(offset % 60, 2))"
    }

    /// The day of the week, 0 (Sunday) to 6 (Saturday), of the date as written.
    public var weekday: Int {
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        return Int(((days % 7) + 11) % 7)
    }

    public var description: String { iso8601 }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civilFromDays(_ days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yearOfEra + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in time with the UTC offset to show it in, for a built message's Date field.
public struct MIMETimestamp: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64
    /// The offset from UTC, in minutes, the date is written in (`+0100` is 60).
    public var utcOffsetMinutes: Int

    /// A timestamp from its parts.
    public init(secondsSince1970: Int64, utcOffsetMinutes: Int = 0) {
        precondition(abs(utcOffsetMinutes) < 100 * 60, "UTC offset out of range")
        self.secondsSince1970 = secondsSince1970
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// The current time, in the system's local offset.
    public static var now: MIMETimestamp {
        var seconds = time(nil)
        var local = tm()
        let offset = localtime_r(&seconds, &local) != nil ? Int(local.tm_gmtoff) / 60 : 0
        return MIMETimestamp(secondsSince1970: Int64(seconds), utcOffsetMinutes: offset)
    }

    /// The date as RFC 5322 section 3.3 writes it, day of month in two digits:
    /// `Sun, 01 Nov 2026 15:44:00 +0100`.
    public var rfc5322: String {
        let local = secondsSince1970 + Int64(utcOffsetMinutes) * 60
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = Int(local - days * 86_400)
        let (year, month, day) = MailDate.civilFromDays(days)
        let weekday = Int(((days % 7) + 11) % 7)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let offset = abs(utcOffsetMinutes)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[weekday]), \(two(Int(day))) \(months[Int(month) - 1]) \(year) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) "
            + "\(utcOffsetMinutes < 0 ? "-" : "+")\(two(offset / 60))\(two(offset % 60))"
    }
}

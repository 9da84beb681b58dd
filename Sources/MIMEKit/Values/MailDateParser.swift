/// The tolerant date parser behind ``MailDate/init(parsing:)``.
///
/// It reads the value as a list of tokens (numbers, words, `h:m[:s]` times, `±hhmm`
/// offsets), comments and punctuation left out, then picks the date, time and zone from
/// them. Every loop moves forward, so it is linear and cannot hang.
enum MailDateParser {
    private enum Token: Equatable {
        case number(value: Int, digits: Int)
        case word(String)
        case time(hour: Int, minute: Int, second: Int?)
        case offset(minutes: Int, valid: Bool)
    }

    static func parse(_ value: ArraySlice<UInt8>) -> MailDate? {
        let bytes = afterLastSemicolon(Array(value))
        if let iso = parseISO(bytes) { return iso }
        return parseTokens(tokenize(bytes))
    }

    /// A `Received` value ends with `";" date-time` (RFC 5322 section 3.6.7).
    private static func afterLastSemicolon(_ bytes: [UInt8]) -> [UInt8] {
        var scanner = HeaderValueScanner(bytes)
        var cut = 0
        while let byte = scanner.peek {
            if byte == UInt8(ascii: "(") {
                scanner.skipCFWS()
            } else {
                scanner.skipByte()
                if byte == UInt8(ascii: ";") { cut = scanner.position }
            }
        }
        return Array(bytes[cut...])
    }

    private static func tokenize(_ bytes: [UInt8], afterTime: Bool = false) -> [Token] {
        var scanner = HeaderValueScanner(bytes)
        var tokens: [Token] = []
        var sawTime = afterTime
        func number() -> (value: Int, digits: Int)? {
            var value = 0
            var digits = 0
            while let byte = scanner.peek, isDigit(byte) {
                if digits < 9 { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
                digits += 1
                scanner.skipByte()
            }
            return digits > 0 ? (value, digits) : nil
        }
        while let byte = scanner.peek {
            if isDigit(byte) {
                let first = number()!
                if scanner.peek == UInt8(ascii: ":") {
                    scanner.skipByte()
                    guard let minute = number() else { continue }
                    var second: Int?
                    if scanner.peek == UInt8(ascii: ":") {
                        scanner.skipByte()
                        second = number()?.value
                    }
                    tokens.append(.time(hour: first.value, minute: minute.value, second: second))
                    sawTime = true
                } else {
                    tokens.append(.number(value: first.value, digits: first.digits))
                }
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                // A sign is an offset only after the time: `21-Nov-1997` has a year there.
                scanner.skipByte()
                guard sawTime else { continue }
                let start = scanner.position
                guard let hours = number() else { continue }
                var minutes: Int
                var total: Int
                if hours.digits == 4 {
                    minutes = hours.value % 100
                    total = hours.value / 100
                } else if hours.digits <= 2, scanner.consume(UInt8(ascii: ":")), let m = number(), m.digits == 2 {
                    minutes = m.value
                    total = hours.value
                } else {
                    scanner.position = start
                    continue
                }
                let valid = minutes < 60
                total = total * 60 + minutes
                tokens.append(.offset(minutes: byte == UInt8(ascii: "-") ? -total : total, valid: valid))
            } else if isLetter(byte) {
                let start = scanner.position
                while let next = scanner.peek, isLetter(next) { scanner.skipByte() }
                let word = String(decoding: bytes[start..<scanner.position], as: UTF8.self).lowercased()
                tokens.append(.word(word))
            } else if byte == UInt8(ascii: "(") {
                scanner.skipCFWS()
            } else {
                scanner.skipByte()
            }
        }
        return tokens
    }

    private static func parseTokens(_ tokens: [Token]) -> MailDate? {
        var diagnostics: MailDate.Diagnostics = []
        guard let timeIndex = tokens.firstIndex(where: { if case .time = $0 { true } else { false } }),
              case .time(var hour, let minute, let second) = tokens[timeIndex] else { return nil }
        if second == nil { diagnostics.insert(.missingSeconds) }

        var weekday: Int?
        var month: Int?
        var monthIndex = 0
        var numbers: [(value: Int, digits: Int, index: Int)] = []
        for (index, token) in tokens.enumerated() {
            switch token {
            case .word(let word):
                if month == nil, let m = monthNumber(word) {
                    month = m
                    monthIndex = index
                } else if weekday == nil, month == nil, numbers.isEmpty, let w = weekdayNumber(word) {
                    weekday = w
                }
            case .number(let value, let digits):
                numbers.append((value, digits, index))
            default:
                break
            }
        }

        var day: Int
        var year: (value: Int, digits: Int)
        if let month {
            guard numbers.count >= 2 else { return nil }
            if numbers[0].index > monthIndex { diagnostics.insert(.nonStandardForm) }
            day = numbers[0].value
            year = (numbers[1].value, numbers[1].digits)
            if day > 31 && numbers[1].value <= 31 {
                (day, year) = (numbers[1].value, (numbers[0].value, numbers[0].digits))
            }
            return finish(day: day, month: month, year: year, hour: &hour, minute: minute, second: second,
                          tokens: tokens, timeIndex: timeIndex, weekday: weekday, diagnostics: diagnostics)
        }
        let beforeTime = numbers.filter { $0.index < timeIndex }
        guard beforeTime.count >= 3 else { return nil }
        diagnostics.insert(.nonStandardForm)
        return finish(day: beforeTime[0].value, month: beforeTime[1].value,
                      year: (beforeTime[2].value, beforeTime[2].digits), hour: &hour, minute: minute,
                      second: second, tokens: tokens, timeIndex: timeIndex, weekday: weekday,
                      diagnostics: diagnostics)
    }

    private static func finish(day: Int, month: Int, year: (value: Int, digits: Int), hour: inout Int,
                               minute: Int, second: Int?, tokens: [Token], timeIndex: Int, weekday: Int?,
                               diagnostics: MailDate.Diagnostics) -> MailDate? {
        var diagnostics = diagnostics
        var fullYear = year.value
        switch year.digits {
        case 1, 2:
            fullYear += year.value < 50 ? 2000 : 1900
            diagnostics.insert(.twoDigitYear)
        case 3:
            fullYear += 1900
            diagnostics.insert(.threeDigitYear)
        case 4:
            break
        default:
            return nil
        }
        var offset = 0
        var next = timeIndex + 1
        if next < tokens.count, case .word(let word) = tokens[next], word == "am" || word == "pm" {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (word == "pm" ? 12 : 0)
            diagnostics.insert(.nonStandardForm)
            next += 1
        }
        // `asctime` puts the year after the time, and some servers add fractional seconds:
        // the zone may follow one number.
        if next + 1 < tokens.count, case .number = tokens[next] { next += 1 }
        switch next < tokens.count ? tokens[next] : nil {
        case .offset(let minutes, let valid)?:
            if valid { offset = minutes } else { diagnostics.insert(.invalidOffset) }
        case .word(let word)?:
            let zone = zoneOffset(word)
            offset = zone.minutes
            diagnostics.formUnion(zone.diagnostics)
        default:
            diagnostics.insert(.missingZone)
        }
        guard let date = MailDate(year: fullYear, month: month, day: day, hour: hour, minute: minute,
                                  second: second ?? 0, offsetMinutes: offset, diagnostics: diagnostics) else {
            return nil
        }
        var result = date
        if let weekday, weekday != date.weekday { result.diagnostics.insert(.wrongDayOfWeek) }
        return result
    }

    /// `YYYY-MM-DD[T| ]hh:mm[:ss[.fraction]][Z|±hh[:]mm| zone]`.
    private static func parseISO(_ bytes: [UInt8]) -> MailDate? {
        var scanner = HeaderValueScanner(bytes)
        scanner.skipCFWS()
        func digits(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let byte = scanner.peek, isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                scanner.skipByte()
            }
            return value
        }
        guard let year = digits(4), scanner.consume(UInt8(ascii: "-")), let month = digits(2),
              scanner.consume(UInt8(ascii: "-")), let day = digits(2) else { return nil }
        guard scanner.consume(UInt8(ascii: "T")) || scanner.consume(UInt8(ascii: "t"))
                || scanner.consume(0x20) else { return nil }
        guard let hour = digits(2), scanner.consume(UInt8(ascii: ":")), let minute = digits(2) else { return nil }
        var diagnostics: MailDate.Diagnostics = [.nonStandardForm]
        var second = 0
        if scanner.consume(UInt8(ascii: ":")), let s = digits(2) {
            second = s
            if scanner.consume(UInt8(ascii: ".")) || scanner.consume(UInt8(ascii: ",")) {
                while let byte = scanner.peek, isDigit(byte) { scanner.skipByte() }
            }
        } else {
            diagnostics.insert(.missingSeconds)
        }
        scanner.skipCFWS()
        var offset = 0
        if scanner.consume(UInt8(ascii: "Z")) || scanner.consume(UInt8(ascii: "z")) {
            offset = 0
        } else {
            let rest = tokenize(Array(scanner.bytes[scanner.position...]), afterTime: true)
            switch rest.first {
            case .offset(let minutes, let valid)?:
                if valid { offset = minutes } else { diagnostics.insert(.invalidOffset) }
            case .word(let word)?:
                let zone = zoneOffset(word)
                offset = zone.minutes
                diagnostics.formUnion(zone.diagnostics)
            default:
                diagnostics.insert(.missingZone)
            }
        }
        return MailDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                        offsetMinutes: offset, diagnostics: diagnostics)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                                     "september", "october", "november", "december"]
    private static let weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    private static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    private static func monthNumber(_ word: String) -> Int? {
        if let index = months.firstIndex(of: word) ?? monthNames.firstIndex(of: word) { return index + 1 }
        if word == "sept" { return 9 }
        return nil
    }

    private static func weekdayNumber(_ word: String) -> Int? {
        weekdays.firstIndex(of: word) ?? weekdayNames.firstIndex(of: word)
    }

    /// RFC 822's names (RFC 5322 section 4.3) and common abbreviations, in minutes.
    private static let obsoleteZones: [String: Int] = [
        "ut": 0, "gmt": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
    ]
    private static let otherZones: [String: Int] = [
        "utc": 0, "wet": 0, "west": 60, "bst": 60, "cet": 60, "cest": 120, "met": 60, "mest": 120,
        "eet": 120, "eest": 180, "msk": 180, "jst": 540, "kst": 540, "hkt": 480, "sgt": 480,
        "aest": 600, "aedt": 660, "acst": 570, "awst": 480, "nzst": 720, "nzdt": 780,
        "hst": -600, "akst": -540, "akdt": -480, "ast": -240, "adt": -180, "nst": -210, "ndt": -150,
    ]

    private static func zoneOffset(_ word: String) -> (minutes: Int, diagnostics: MailDate.Diagnostics) {
        if word == "z" { return (0, [.obsoleteZone]) }
        if let minutes = obsoleteZones[word] { return (minutes, [.obsoleteZone]) }
        if let minutes = otherZones[word] { return (minutes, [.nonStandardZoneName]) }
        if word.utf8.count == 1 { return (0, [.militaryZone]) }
        return (0, [.unknownZone])
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isLetter(_ byte: UInt8) -> Bool { asciiLower(byte) >= UInt8(ascii: "a") && asciiLower(byte) <= UInt8(ascii: "z") }
}

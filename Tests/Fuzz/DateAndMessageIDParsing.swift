// Fuzz target: Date values (MailDate, MailDateParser) and message ids (MessageID). A parsed
// date has every field in range and is deterministic; written again as RFC 5322 (by
// MIMETimestamp, as the builder writes Date) and as ISO 8601 UTC it reads back as the same
// instant and offset. Message ids are deterministic, non-empty, bounded by the input, and
// the plain ones written again in angle brackets read back unchanged. Built and run by
// Tests/Fuzz/fuzz.sh.

import MIMEKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDateAndMessageIDParsing(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeRawBufferPointer(start: data, count: size))
    checkDate(input)
    checkMessageIDs(input)
    return 0
}

private func checkDate(_ input: [UInt8]) {
    guard let date = MailDate(parsing: input) else { return }
    require(MailDate(parsing: input) == date, "date parsing not deterministic")
    require((0...9999).contains(date.year) && (1...12).contains(date.month) && (0...23).contains(date.hour)
                && (0...59).contains(date.minute) && (0...60).contains(date.second) && abs(date.offsetMinutes) < 6000,
            "field out of range: \(date)")
    let monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][date.month - 1]
    require(date.day >= 1 && date.day <= monthDays, "day \(date.day) in month \(date.month)")
    require((0...6).contains(date.weekday), "weekday \(date.weekday)")
    _ = (date.iso8601, date.isZoneUnknown)

    // Two-digit and three-digit years are read as 20xx/19xx, so only four-digit years
    // (in the zone written and in UTC) can come back unchanged.
    guard date.year >= 1001 && date.year <= 9998 else { return }
    let written = MIMETimestamp(secondsSince1970: date.secondsSinceEpoch, utcOffsetMinutes: date.offsetMinutes).rfc5322
    let again = MailDate(parsing: Array(written.utf8))
    require(again?.secondsSinceEpoch == date.secondsSinceEpoch && again?.offsetMinutes == date.offsetMinutes,
            "\(date) written as \(written) reads back as \(again.map(\.description) ?? "nothing")")
    let utc = date.iso8601UTC
    let fromUTC = MailDate(parsing: Array(utc.utf8))
    require(fromUTC?.secondsSinceEpoch == date.secondsSinceEpoch && fromUTC?.offsetMinutes == 0,
            "\(date) written as \(utc) reads back as \(fromUTC.map(\.description) ?? "nothing")")
}

private func checkMessageIDs(_ input: [UInt8]) {
    let ids = MessageID.parseList(input)
    require(MessageID.parseList(input) == ids, "message-id parsing not deterministic")
    require(MessageID.parse(input) == ids.first, "parse is not the first of parseList")
    require(ids.allSatisfy { !$0.isEmpty }, "an empty id")
    let scalars = ids.reduce(0) { $0 + $1.unicodeScalars.count }
    require(scalars <= input.count, "ids of \(scalars) scalars from \(input.count) bytes")

    let plain = ids.filter { id in
        id.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !"()<>\"\\,".unicodeScalars.contains($0) }
    }
    guard !plain.isEmpty else { return }
    let written = plain.map { "<\($0)>" }.joined(separator: "\r\n ")
    let again = MessageID.parseList(Array(written.utf8))
    require(again == plain, "ids \(plain) written as \(written.debugDescription) read back as \(again)")
}

import Testing
@testable import MIMEKit

/// Inside content the event layer jumps with `memchr` from one `-` or `F` to the next, and
/// reads dense stretches (base64, where `F` is common) line by line; neither looks at every
/// line. Fed one byte at a time, every line takes the general path, so all must give the same
/// events, and so must chunks cut anywhere.
@Suite struct ContentRunTests {
    private static let lines = [
        "plain text", "utf-8 and e-mail and Fine", "Fxx", "F", "-", "--", "--b", "--b--", "--b  ", "--bx", "--c", "--c--",
        "From a@b Sun Nov 29 10:00:00 2026", "From", ">From quoted", "", "\r", " ", "-- \r",
        "QUJDRkZGRkYtRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZG",
        "RkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZG",
        String(repeating: "a-F", count: 60), String(repeating: "x", count: 300),
    ]

    private func message(_ generator: inout SplitMix) -> [UInt8] {
        func body(_ generator: inout SplitMix) -> String {
            var text = ""
            for _ in 0..<Int(generator.next() % 40) {
                let line = Self.lines[Int(generator.next() % UInt64(Self.lines.count))]
                text += line + (generator.next() % 4 == 0 ? "\r\n" : "\n")
            }
            return text
        }
        var text = ""
        switch generator.next() % 3 {
        case 0:
            text = "Subject: a\n\n" + body(&generator)
        case 1:
            text = "Content-Type: multipart/mixed; boundary=b\n\npre\n--b\n\n" + body(&generator)
                + "--b\nContent-Type: multipart/alternative; boundary=c\n\n--c\n\n" + body(&generator)
                + "--c--\n" + body(&generator) + "--b--\n" + body(&generator)
        default:
            text = "Content-Type: multipart/mixed; boundary=b\n\n" + body(&generator) + "--b\n\n" + body(&generator)
        }
        if generator.next() % 3 == 0 { text += "\nFrom b@c Sun Nov 29 10:00:00 2026\nX: y\n\n" + body(&generator) }
        if generator.next() % 2 == 0 { text = "From a@b Sun Nov 29 10:00:00 2026\n" + text }
        if generator.next() % 4 == 0 { text.removeLast() }
        return Array(text.utf8)
    }

    @Test func wholeAndCutChunksGiveTheEventsOfTheLineByLinePath() {
        var generator = SplitMix(seed: 2046)
        for round in 0..<2000 {
            let bytes = message(&generator)
            var options = MIMEParserOptions()
            options.mbox = round % 2 == 0
            let byteByByte = collectEvents(bytes, cuts: bytes.isEmpty ? [] : Array(1..<bytes.count), options: options)
            let whole = collectEvents(bytes, cuts: [], options: options)
            #expect(whole == byteByByte ? true : false, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            let cuts = bytes.isEmpty ? [] : (0..<3).map { _ in Int(generator.next() % UInt64(bytes.count)) }.sorted()
            let cut = collectEvents(bytes, cuts: cuts, options: options)
            #expect(cut == byteByByte ? true : false, "\(cuts) \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }
}

import Testing
@testable import MIMEKit

/// The header run (`MIMEStreamParser.headerRun`) reads the plain lines of a header block in
/// a tight loop and leaves the rest to the general line path. Fed one byte at a time, every
/// line takes the general path, so both must give the same events.
@Suite struct HeaderRunTests {
    private static let lines = [
        "Subject: hi", "From: a@b.example", "FROM: x", "From : a field and a separator", "From a@b Sun Nov 29 10:00:00 2026", "From x", "Fro",
        "Content-Type: text/plain; charset=utf-8", "content-type: multipart/mixed; boundary=b",
        "CONTENT-TRANSFER-ENCODING: base64", "Content-Transfer-Encoding: (c) 8bit", "Content-Typf: x",
        " folded", "\tfolded too", "Name : obsolete space", "Name\t:tab", "no colon here", ": empty name",
        "X-Long: " + String(repeating: "y", count: 50), "--b", "--b--", "-not", "\r", "", "é: 8-bit name",
        ">From quoted", "X:", "X:\r",
        // Blank lines end the block in the run too; an enclosed message's headers follow its own.
        "Content-Type: message/rfc822", "", "\r",
        // Transfer encodings the run reads in line, and near misses it leaves to the general reader.
        "Content-Transfer-Encoding: quoted-printable", "Content-Transfer-Encoding: 7bit ", "Content-Transfer-Encoding: Base64",
        "Content-Transfer-Encoding: binaryx", "Content-Transfer-Encoding:8bit", "Content-Transfer-Encoding:  7bit",
        "Content-Transfer-Encoding: base64;", "Content-Transfer-Encoding: x-uuencode", "Content-Transfer-Encoding: ",
    ]

    private func block(_ generator: inout SplitMix) -> [UInt8] {
        var text = ""
        let count = Int(generator.next() % 12)
        for _ in 0..<count {
            let line = Self.lines[Int(generator.next() % UInt64(Self.lines.count))]
            text += line + (generator.next() % 4 == 0 ? "\r\n" : "\n")
        }
        // Sometimes inside a multipart, so that `-` lines may be boundaries.
        if generator.next() % 3 == 0 {
            text = "Content-Type: multipart/mixed; boundary=b\n\n--b\n" + text + "\nbody\n--b--\n"
        }
        if generator.next() % 3 == 0 { text = "From a@b Sun Nov 29 10:00:00 2026\n" + text }
        return Array(text.utf8)
    }

    @Test func wholeChunksGiveTheEventsOfTheLineByLinePath() {
        var generator = SplitMix(seed: 5322)
        for round in 0..<3000 {
            let bytes = block(&generator)
            var options = MIMEParserOptions()
            options.mbox = round % 2 == 0
            if round % 5 == 0 { options.maxLineLength = 24 }
            if round % 7 == 0 { options.maxHeaderFields = 3 }
            let whole = collectEvents(bytes, cuts: [], options: options)
            let byteByByte = collectEvents(bytes, cuts: bytes.isEmpty ? [] : Array(1..<bytes.count), options: options)
            #expect(whole == byteByByte ? true : false, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    /// The run reads the Content-Type and Content-Transfer-Encoding values where they are in
    /// the chunk, and copies them out when a chunk ends inside the header block. Chunks cut
    /// anywhere, each fed from its own buffer that is overwritten once fed (so that a value
    /// read after its chunk shows), give the events of the line-by-line path.
    @Test func valuesReadInPlaceSurviveTheirChunk() {
        var generator = SplitMix(seed: 2045)
        for round in 0..<3000 {
            var bytes = block(&generator)
            // Blocks whose kept values are read by the run: several of each field, folded too.
            if round % 2 == 0 {
                bytes = Array(("Content-Transfer-Encoding: 8bit\nX: y\nContent-Type: multipart/mixed; boundary=q\n"
                    + "Content-Type: text/html\n\n--q\nContent-Type: text/plain; charset=\"a\"\n"
                    + "Content-Transfer-Encoding: base64\n\nbody\n--q--\n").utf8) + bytes
            }
            var options = MIMEParserOptions()
            options.mbox = round % 3 == 0
            let cutCount = 1 + Int(generator.next() % 4)
            let cuts = bytes.isEmpty ? [] : (0..<cutCount).map { _ in Int(generator.next() % UInt64(bytes.count)) }.sorted()
            let scribbled = scribbledChunkEvents(bytes, cuts: cuts, options: options)
            let byteByByte = collectEvents(bytes, cuts: bytes.isEmpty ? [] : Array(1..<bytes.count), options: options)
            #expect(scribbled == byteByByte ? true : false, "\(cuts) \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    /// `collectEvents`, but each chunk copied to a buffer of its own that is overwritten
    /// after it is fed.
    private func scribbledChunkEvents(_ bytes: [UInt8], cuts: [Int], options: MIMEParserOptions) -> [MIMEEvent] {
        var parser = MIMEStreamParser(options: options)
        var events: [MIMEEvent] = []
        // Pieces of bodies, preambles and epilogues joined, as `collectEvents` joins them.
        let emit: (MIMEEvent) -> Void = { event in
            if let last = events.last {
                switch (last, event) {
                case (.body(let x), .body(let y)) where x.upperBound == y.lowerBound:
                    events[events.count - 1] = .body(x.lowerBound..<y.upperBound); return
                case (.preamble(let x), .preamble(let y)) where x.upperBound == y.lowerBound:
                    events[events.count - 1] = .preamble(x.lowerBound..<y.upperBound); return
                case (.epilogue(let x), .epilogue(let y)) where x.upperBound == y.lowerBound:
                    events[events.count - 1] = .epilogue(x.lowerBound..<y.upperBound); return
                default: break
                }
            }
            events.append(event)
        }
        var start = 0
        for cut in cuts + [bytes.count] where cut >= start {
            var chunk = Array(bytes[start..<cut])
            chunk.withUnsafeBytes { parser.feed($0, emit) }
            for i in chunk.indices { chunk[i] = UInt8(ascii: "~") }
            start = cut
        }
        parser.finish(emit)
        return events
    }

    /// The reference: names compared one byte at a time, lower-cased.
    private func reference(_ name: [UInt8]) -> MIMEStreamParser.Interest {
        let lowered = String(decoding: name.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
        switch lowered {
        case "content-type": return .contentType
        case "content-transfer-encoding": return .transferEncoding
        default: return .none
        }
    }

    private func interest(_ name: [UInt8]) -> MIMEStreamParser.Interest {
        name.withUnsafeBytes { MIMEStreamParser.interestOf($0.baseAddress!, count: $0.count) }
    }

    /// Every field-name byte (RFC 5322 3.6.8: 0x21-0x7E but the colon) at every position of
    /// both names, and random mixes of case.
    @Test func interestingNamesAreFoundInAnyCaseAndNothingElse() {
        let nameBytes = (UInt8(0x21)...0x7E).filter { $0 != 0x3A }
        for base in ["content-type", "content-transfer-encoding"] {
            let name = Array(base.utf8)
            #expect(interest(name) != .none)
            for position in name.indices {
                for byte in nameBytes {
                    var mutated = name
                    mutated[position] = byte
                    #expect(interest(mutated) == reference(mutated), "\(String(decoding: mutated, as: UTF8.self))")
                }
            }
            var generator = SplitMix(seed: UInt64(name.count))
            for _ in 0..<500 {
                let mixed = name.map { generator.next() % 2 == 0 ? $0 : ($0 >= 97 && $0 <= 122 ? $0 - 32 : $0) }
                #expect(interest(mixed) == reference(mixed))
            }
        }
        for other in ["mime-version", "content-typ", "content-types", "Message-ID", "x"] {
            #expect(interest(Array(other.utf8)) == .none)
        }
    }

    /// The Content-Transfer-Encoding value as the scanner reads it: white space and comments
    /// skipped, then the first token, named as written.
    private func referenceEncoding(_ raw: [UInt8]) -> (String?, TransferEncoding) {
        var scanner = HeaderValueScanner(raw)
        scanner.skipCFWS()
        let token = Array(scanner.token() ?? [])
        let lowered = String(decoding: token.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
        let encoding: TransferEncoding
        switch lowered {
        case "", "7bit": encoding = .sevenBit
        case "8bit": encoding = .eightBit
        case "binary": encoding = .binary
        case "base64": encoding = .base64
        case "quoted-printable": encoding = .quotedPrintable
        case "x-uuencode", "x-uue", "uuencode", "uue": encoding = .uuencode
        default: encoding = .other(lowered)
        }
        return (String(decoding: token, as: UTF8.self), encoding)
    }

    @Test func transferEncodingValuesReadAsTheScannerReadsThem() {
        var generator = SplitMix(seed: 2045)
        let pieces = [" ", "\t", "\r\n ", "", "base64", "BASE64", "Base64", "8bit", "8BIT", "7bit", "binary", "Binary",
                      "quoted-printable", "Quoted-Printable", "x-uuencode", "uue", "x-token", "(comment)", "\"base64\"",
                      ";", "; x=y", "é", "bas", "e64", "base65", "quoted-printablf", "7bi", "\u{1}", "=", "-", "quoted-", "64", "bit"]
        for _ in 0..<5000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 4) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let raw = Array(text.utf8)
            let (name, encoding) = raw.withUnsafeBytes(MIMEStreamParser.trimmedEncoding)
            let expected = referenceEncoding(raw)
            #expect(name == expected.0 && encoding == expected.1, "\(text.debugDescription)")
        }
    }
}


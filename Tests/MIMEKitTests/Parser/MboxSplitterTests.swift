import Testing
@testable import MIMEKit

@Suite struct MboxSplitterTests {
    private func summary(_ message: MIMEMessage) -> String {
        "\(message.range) \(message.trailer) \(message.outline) \(message.entities.map { $0.decodedBody().count })"
    }

    @Test(arguments: [(MboxParsingTests.mbox, 2), ("no separator first\n\nFrom a\n\nx\n", 2),
                      ("From a\n\nFrom b\n\n\nFrom c\n\ny", 3)])
    func splittingThenParsingEachRangeGivesTheSameMessages(_ text: String, count: Int) {
        let storage = ByteStorage(Array(text.utf8))
        var whole: [String] = []
        MIMEParser.parseMessages(storage, options: .mbox) { whole.append(summary($0)) }
        var split: [String] = []
        for range in MboxSplitter(storage) {
            MIMEParser.parseMessages(storage, in: range, options: .mbox) { split.append(summary($0)) }
        }
        #expect(whole == split)
        #expect(whole.count == count)
    }

    /// Stripes of any size hold whole messages: parsed one by one they give the messages of
    /// the whole mbox, in order, and they tile it.
    @Test(arguments: [1, 5, 6, 7, 13, 40, 1 << 20])
    func stripesGiveTheSameMessages(_ size: Int) throws {
        let texts = [MboxParsingTests.mbox, "no separator first\n\nFrom a\n\nx\n", "From a\n\nFrom b\n\n\nFrom c\n\ny",
                     "From a\nX: From b\n\nFrom c\nFrom d\n\n>From e\nFrom f"]
        var storages = texts.map { ByteStorage(Array($0.utf8)) }
        var files = [TestCorpus.projectCorpus.appendingPathComponent("mbox/mboxrd.mbox")]
        if let shared = TestCorpus.shared { files += TestCorpus.files(under: shared, extensions: ["mbox"]) }
        for file in files { storages.append(try ByteStorage(contentsOfFile: file.path)) }
        for storage in storages {
            var whole: [String] = []
            MIMEParser.parseMessages(storage, options: .mbox) { whole.append(summary($0)) }
            var striped: [String] = []
            var next = 0
            for stripe in MboxSplitter.stripes(of: storage, size: size) {
                #expect(stripe.lowerBound == next)
                #expect(stripe.lowerBound == 0 || storage.withUnsafeBytes { Array($0[stripe.lowerBound..<stripe.lowerBound + 5]) } == Array("From ".utf8))
                next = stripe.upperBound
                MIMEParser.parseMessages(storage, in: stripe, options: .mbox) { striped.append(summary($0)) }
            }
            #expect(next == storage.count)
            #expect(whole == striped)
            // Asked for a different size at each stripe, as threads that taper their stripes do.
            var stripes = MboxSplitter.stripes(of: storage, size: size)
            var tapered: [String] = []
            next = 0
            var limits = [size, 1, 7, size / 2, 40].makeIterator()
            while let stripe = stripes.next(size: limits.next() ?? 1) {
                #expect(stripe.lowerBound == next)
                #expect(stripes.remainingBytes == storage.count - stripe.upperBound)
                next = stripe.upperBound
                MIMEParser.parseMessages(storage, in: stripe, options: .mbox) { tapered.append(summary($0)) }
            }
            #expect(next == storage.count)
            #expect(whole == tapered)
        }
    }

    /// The first `From ` line after `offset`, found by looking at every byte.
    static func naiveSeparator(_ bytes: [UInt8], after offset: Int, before end: Int) -> Int? {
        let from = Array("From ".utf8)
        var newline = offset
        while newline < end {
            if bytes[newline] == 0x0A && end - (newline + 1) >= 5 && Array(bytes[newline + 1..<newline + 6]) == from {
                return newline + 1
            }
            newline += 1
        }
        return nil
    }

    /// The search that cuts stripes finds the same line as the reference from every offset to
    /// every end, on text dense in line feeds, `F`s and near misses (`Fro`, `From` without its
    /// space, `From ` cut by the end, CRLF).
    @Test func separatorIsTheFirstFromLineAfterTheOffset() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["\n", "\nF", "\nFrom ", "\nFrom", "\nFro", "F", "From ", "\r\nFrom ", "x", "abcdefghijklmnopqrstuvwxyz0123", "\n\n"]
        for _ in 0..<40 {
            var text = ""
            while text.utf8.count < 120 { text += pieces.randomElement(using: &generator)! }
            let bytes = Array(text.utf8)
            let storage = ByteStorage(bytes)
            for end in [bytes.count, bytes.count - 3, bytes.count / 2, 17, 18] where end >= 0 {
                for offset in 0...end {
                    #expect(MboxSplitter.separator(in: storage, after: offset, before: end)
                            == Self.naiveSeparator(bytes, after: offset, before: end), "\(text.debugDescription) \(offset) \(end)")
                }
            }
        }
    }
}

import Foundation
import Testing
@testable import MIMEKit

@Suite struct CharsetTests {
    private func decode(_ bytes: [UInt8], _ charset: String) -> String? { Charset.decode(bytes, charset: charset) }

    @Test func utf8AndASCIIFastPaths() {
        #expect(decode(Array("héllo".utf8), "UTF-8") == "héllo")
        #expect(decode(Array("plain".utf8), "us-ascii") == "plain")
        #expect(decode(Array("plain".utf8), "ANSI_X3.4-1968") == "plain")
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        #expect(decode([0x61, 0xFF, 0x62], "utf-8") == "a\u{FFFD}b")
    }

    @Test func eightBitUnderASCIILabelIsUTF8ThenWindows1252() {
        #expect(decode(Array("é".utf8), "us-ascii") == "é")
        #expect(decode([0x93, 0x61, 0x94], "us-ascii") == "\u{201C}a\u{201D}")
    }

    @Test func latin1LabelsDecodeAsWindows1252() {
        #expect(decode([0xE9, 0x80], "ISO-8859-1") == "é€")
        #expect(decode([0xE9], "latin1") == "é")
        #expect(decode([0x80], "cp1252") == "€")
        #expect(decode([0x81], "windows-1252") == "\u{81}")
    }

    @Test func commonAliasesResolve() {
        // Each byte string checked with Python's codecs.
        #expect(decode([0xC0, 0xE1], "cp1251") == "Аб")
        #expect(decode([0xC0, 0xE1], "windows-1251") == "Аб")
        #expect(decode([0xE1, 0xC2], "KOI8-R") == "Аб")
        #expect(decode([0xA4, 0xA4], "big5") == "中")
        #expect(decode([0xD6, 0xD0], "gb2312") == "中")
        #expect(decode([0x82, 0xA0], "x-sjis") == "あ")
        #expect(decode([0x87, 0x40], "shift_jis") == "①")      // a CP932 extension
        #expect(decode([0xA4, 0xA2], "euc-jp") == "あ")
        #expect(decode([0xB0, 0xA1], "ks_c_5601-1987") == "가")
        #expect(decode([0x1B, 0x24, 0x42, 0x24, 0x22, 0x1B, 0x28, 0x42], "iso-2022-jp") == "あ")
        #expect(decode(Array("+AKM-1".utf8), "utf-7") == "£1")
        #expect(decode([0x00, 0x41, 0x00, 0xE9], "utf-16be") == "Aé")
        #expect(decode([0x41, 0x00], "UTF-16LE") == "A")
        #expect(decode([0xE1], "iso8859-7") == "α")
        #expect(decode([0xE1], "ISO_8859-2:1987") == "á")
        #expect(decode([0xA4], "latin9") == "€")
    }

    @Test func everyAliasTargetIsKnownToIconv() {
        for (alias, resolved) in Charset.aliases {
            if case .iconv(let name) = resolved {
                #expect(IconvConverter.canOpen(name), "\(alias) → \(name)")
            }
        }
        #expect(Charset.aliases.count > 150)
    }

    @Test func languageSuffixAndQuotesAreIgnored() {
        #expect(decode([0xE9], "iso-8859-1*fr") == "é")
        #expect(decode([0xE9], "\"ISO-8859-15\"") == "é")
    }

    @Test func unknownCharsetIsNil() {
        #expect(decode([0x41], "x-no-such-charset") == nil)
        #expect(decode([0x41], "") == nil)
        #expect(decode([0x41], "utf-8//TRANSLIT") == nil)
    }

    @Test func unknown8BitIsDecodedTolerantly() {
        #expect(decode(Array("ü".utf8), "unknown-8bit") == "ü")
        #expect(decode([0xFC], "x-unknown") == "ü")
    }

    @Test func invalidSequenceIsReplacedAndDecodingContinues() {
        // 0xFF is not a Shift_JIS lead byte; 0x82 0xA0 is "あ".
        #expect(decode([0x61, 0xFF, 0x82, 0xA0], "shift_jis") == "a\u{FFFD}あ")
        // A truncated multibyte character at the end.
        #expect(decode([0x61, 0xA4], "big5") == "a\u{FFFD}")
    }

    @Test func headerTextPrefersUTF8ThenFallbackThenWindows1252() {
        #expect(Charset.decodeHeaderText(Array("Grüße".utf8), fallback: "koi8-r") == "Grüße")
        #expect(Charset.decodeHeaderText([0xF0, 0xD2, 0xC9], fallback: "koi8-r") == "При")
        #expect(Charset.decodeHeaderText([0x47, 0x72, 0xFC, 0xDF, 0x65], fallback: nil) == "Grüße")
        // A fallback that cannot decode every byte is not used.
        #expect(Charset.decodeHeaderText([0xFD, 0x41], fallback: "shift_jis") == "ýA")
    }

    @Test func concurrentDecodingIsSafe() async {
        let bytes: [UInt8] = [0x1B, 0x24, 0x42, 0x24, 0x22, 0x1B, 0x28, 0x42, 0x61]
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).allSatisfy { _ in Charset.decode(bytes, charset: "iso-2022-jp") == "あa" }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }

    @Test func largeInputConvertsCompletely() {
        let bytes = [UInt8](repeating: 0xC0, count: 100_000)
        #expect(decode(bytes, "cp1251")?.count == 100_000)
    }

    // MARK: GMime's charset samples

    private static let samples: [(file: String, charset: String, reference: String)] = [
        ("chinese.big5.txt", "big5", "chinese.utf-8.txt"),
        ("cyrillic.cp1251.txt", "cp1251", "cyrillic.utf-8.txt"),
        ("cyrillic.iso-8859-5.txt", "iso-8859-5", "cyrillic.utf-8.txt"),
        ("cyrillic.koi8-r.txt", "koi8-r", "cyrillic.utf-8.txt"),
        ("japanese.iso-2022-jp.txt", "iso-2022-jp", "japanese.utf-8.txt"),
        ("japanese.shift-jis.txt", "shift-jis", "japanese.utf-8.txt"),
    ]

    @Test(.enabled(if: FieldVectors.gmimeFiltersAvailable || FieldVectors.isCI, FieldVectors.missingFiltersMessage),
          arguments: samples.map(\.file))
    func gmimeFilterSample(file: String) throws {
        let folder = FieldVectors.corpus.appendingPathComponent("gmime/filters")
        let sample = try #require(Self.samples.first { $0.file == file })
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(sample.file)))
        let reference = try String(decoding: Data(contentsOf: folder.appendingPathComponent(sample.reference)), as: UTF8.self)
        let decoded = try #require(Charset.decode(bytes, charset: sample.charset))
        #expect(!decoded.unicodeScalars.contains("\u{FFFD}"))
        if sample.charset == "big5" {
            // GMime's Big5 sample is the UTF-8 text with the 129 characters that Big5 lacks
            // (Japanese shinjitai such as 続, 学) left out (checked with Python's codecs), so
            // the decoded text must be that subsequence of the reference.
            let missing = Self.missingCharacters(decoded, from: reference)
            #expect(missing?.count == 129)
        } else {
            #expect(decoded == reference)
        }
    }

    @Test(.enabled(if: FieldVectors.gmimeFiltersAvailable || FieldVectors.isCI, FieldVectors.missingFiltersMessage))
    func frenchFableDecodesAsWindows1252() throws {
        let folder = FieldVectors.corpus.appendingPathComponent("gmime/filters")
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("french-fable.cp1252.txt")))
        let decoded = try #require(Charset.decode(bytes, charset: "cp1252"))
        #expect(decoded.contains("Maître Corbeau"))
        #expect(decoded.unicodeScalars.count == bytes.count)
    }

    /// The characters of `reference` that are not in `decoded`, if `decoded` is a
    /// subsequence of it.
    private static func missingCharacters(_ decoded: String, from reference: String) -> [Character]? {
        var missing: [Character] = []
        var iterator = decoded.makeIterator()
        var next = iterator.next()
        for character in reference {
            if character == next { next = iterator.next() } else { missing.append(character) }
        }
        return next == nil ? missing : nil
    }
}

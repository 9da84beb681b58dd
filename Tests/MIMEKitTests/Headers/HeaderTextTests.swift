import Testing
@testable import MIMEKit

@Suite struct HeaderTextTests {
    private func subject(_ text: String, fallback: String? = nil) -> String {
        HeaderText.decodeUnstructured(Array(text.utf8), fallbackCharset: fallback)
    }

    @Test func plainTextIsUnfoldedKeepingWhiteSpace() {
        #expect(subject(" Re: hello\r\n\tworld  \r\n") == "Re: hello\tworld")
    }

    @Test func lineBreakWithoutWhiteSpaceEndsTheField() {
        #expect(subject("one\r\nX-Other: two") == "one")
    }

    @Test func qAndBWordsDecode() {
        #expect(subject("=?iso-8859-1?q?caf=E9_noir?=") == "café noir")
        #expect(subject("=?UTF-8?B?4oKsIDU=?=") == "€ 5")
    }

    @Test func adjacentEncodedWordsDropWhiteSpace() {
        #expect(subject("=?utf-8?q?a?= \r\n =?utf-8?q?b?=") == "ab")
        #expect(subject("=?utf-8?q?a?= =?iso-8859-1?q?=E9?=") == "aé")
    }

    @Test func whiteSpaceBetweenWordAndTextIsKept() {
        #expect(subject("a =?utf-8?q?b?= c") == "a b c")
        #expect(subject("=?utf-8?q?b?=  c") == "b  c")
    }

    @Test func splitMultibyteCharacterJoins() {
        #expect(subject("=?utf-8?q?caf=C3?= =?utf-8?q?=A9?=") == "café")
        #expect(subject("=?utf-8?b?8J+Y?= =?UTF-8?b?gA==?=") == "😀")
        #expect(subject("=?shift_jis?b?gg==?= =?shift_jis?b?oA==?=") == "あ")
    }

    @Test func wordGluedToTextIsDecodedWithoutAddingSpace() {
        #expect(subject("foo=?utf-8?q?bar?=") == "foobar")
        #expect(subject("=?utf-8?q?bar?=baz") == "barbaz")
    }

    @Test func missingTerminatorAtEndIsDecoded() {
        #expect(subject("Hi =?utf-8?b?SGVsbG8") == "Hi Hello")
        #expect(subject("Hi =?utf-8?q?a_b") == "Hi a b")
    }

    @Test func missingTerminatorInTheMiddleStaysText() {
        #expect(subject("=?utf-8?q?abc =?utf-8?q?d?=") == "=?utf-8?q?abc d")
    }

    @Test func unknownCharsetKeepsTheRawWord() {
        #expect(subject("=?x-klingon?q?qapla?= =?utf-8?q?x?=") == "=?x-klingon?q?qapla?= x")
    }

    @Test func emptyCharsetIsReadAsUnlabelledText() {
        // From mime4j's infinite_decoded_1.txt.
        #expect(subject("=??Q?Bras=EDlia_cobre?=") == "Brasília cobre")
    }

    @Test func rawEightBitNextToEncodedWords() {
        let raw: [UInt8] = Array("Gr".utf8) + [0xFC] + Array("n =?utf-8?q?=C3=A9?=".utf8)
        #expect(HeaderText.decodeUnstructured(raw) == "Grün é")
        #expect(subject("Grün =?utf-8?q?=C3=A9?=") == "Grün é")
        let koi: [UInt8] = [0xF0, 0xD2, 0xC9] + Array(" =?utf-8?q?x?=".utf8)
        #expect(HeaderText.decodeUnstructured(koi, fallbackCharset: "koi8-r") == "При x")
    }

    @Test func languageSuffixAndLowerCaseEncoding() {
        #expect(subject("=?utf-8*en?q?Hello_World?=") == "Hello World")
        #expect(subject("=?US-ASCII*EN?b?SGk=?=") == "Hi")
    }

    @Test func underscoreIsSpaceOnlyInQ() {
        #expect(subject("=?utf-8?q?a_b=5Fc?=") == "a b_c")
        #expect(subject("a_b") == "a_b")
    }

    @Test func foldingInsideAWordIsRemoved() {
        #expect(subject("=?utf-8?Q?Hello\r\n _there!?=") == "Hello there!")
        #expect(subject("=?utf-8?B?SGVs\r\n bG8=?=") == "Hello")
    }

    @Test func malformedQEscapesStayVisible() {
        #expect(subject("=?utf-8?q?100=\u{25}_=ZZ?=") == "100=% =ZZ")
    }

    @Test func invalidBytesInWordBecomeReplacementCharacter() {
        #expect(subject("=?utf-8?q?a=FFb?=") == "a\u{FFFD}b")
    }

    @Test func notAnEncodedWordStaysAsText() {
        #expect(subject("let's = try =?iso-8859-1? to break") == "let's = try =?iso-8859-1? to break")
        #expect(subject("=?utf-8?x?abc?=") == "=?utf-8?x?abc?=")
    }

    // How the time of the next two grows with the input is measured by
    // `Benchmarks/hostile/linearity.sh encoded-words`, not asserted here.
    @Test func manyUnterminatedOpenersStayText() {
        let raw = String(repeating: "=?utf-8?q?x ", count: 50_000)
        #expect(subject(raw).hasPrefix("=?utf-8?q?x =?utf-8"))
    }

    @Test func manyWordsInAnUnknownCharsetStayAsWritten() {
        let raw = Array(repeating: "=?x-klingon?q?a?=", count: 20_000).joined(separator: " ")
        #expect(subject(raw) == raw)
    }

    @Test func encodedWordsInsideQuotesInUnstructuredText() {
        #expect(subject("Re: \"=?utf-8?q?caf=C3=A9?=\" menu") == "Re: \"café\" menu")
    }

    @Test func phraseDecodesWordsInsideQuotes() {
        #expect(HeaderText.decodePhrase(Array("\"=?utf-8?q?J=C3=BCrgen?= M.\" (comment)".utf8)) == "Jürgen M.")
        #expect(HeaderText.decodePhrase(Array("John \r\n  Q.   Public".utf8)) == "John Q. Public")
    }

    @Test func listSplitsOnCommasOutsideQuotes() {
        #expect(HeaderText.decodeList(Array("a, \"b, c\", =?utf-8?q?d=C3=A9?=,,".utf8)) == ["a", "b, c", "dé"])
    }
}

import Testing
@testable import MIMEKit

@Suite struct HeaderParsingTests {
    @Test func foldedFieldKeepsRawNameAndValue() {
        withBothLineEndings("SUBJECT: one\n two\nX-Empty:\n\nbody\n") { message, nl in
            let fields = Array(message.headers)
            #expect(fields.count == 2)
            #expect(fields[0].name == "SUBJECT")
            #expect(fields[0].hasName("subject"))
            #expect(fields[0].rawValue.utf8String == " one\(nl) two")
            #expect(fields[0].unfoldedValue == "one two")
            #expect(fields[0].raw.utf8String == "SUBJECT: one\(nl) two\(nl)")
            #expect(fields[1].rawValue.utf8String == "")
            #expect(message.root.body.utf8String == "body\(nl)")
            #expect(message.diagnostics.isEmpty)
        }
    }

    @Test func whiteSpaceBeforeColonIsTheObsoleteSyntax() {
        withBothLineEndings("Subject : obsolete\n\nbody\n") { message, _ in
            #expect(message.headers["subject"] == "obsolete")
            #expect(message.headers.first?.name == "Subject")
        }
    }

    @Test func lineWithoutColonStartsTheBody() {
        withBothLineEndings("From: a@b\nno colon here\nmore\n") { message, nl in
            #expect(message.headers.count == 1)
            #expect(message.root.body.utf8String == "no colon here\(nl)more\(nl)")
            #expect(message.codes == [.invalidHeaderLine])
        }
    }

    @Test func firstLineNotAHeaderMakesAllOfItBody() {
        withBothLineEndings("just text\nSubject: not a header\n") { message, nl in
            #expect(message.headers.isEmpty)
            #expect(message.root.body.utf8String == "just text\(nl)Subject: not a header\(nl)")
        }
    }

    @Test func foldedFirstLineIsKeptAsJunk() {
        withBothLineEndings(" junk\nSubject: s\n\nbody\n") { message, nl in
            #expect(message.headers.junk.map(\.utf8String) == [" junk\(nl)"])
            #expect(message.headers["Subject"] == "s")
            #expect(message.codes == [.continuationAtHeaderStart])
        }
    }

    @Test func eightBitBytesInHeadersAreKept() {
        let bytes: [UInt8] = Array("Subject: caf".utf8) + [0xE9] + Array("\n\nx\n".utf8)
        let message = MIMEMessage(bytes: bytes)
        #expect(message.headers.first?.rawValue.bytes == Array(" caf".utf8) + [0xE9])
    }

    @Test func bareCRIsDataNotALineEnding() {
        let message = MIMEMessage(bytes: Array("Subject: a\rb\n\nx\ry\n".utf8))
        #expect(message.headers["Subject"] == "a\rb")
        #expect(message.root.body.utf8String == "x\ry\n")
    }

    @Test func inputEndingInsideHeadersIsDiagnosed() {
        let message = MIMEMessage(bytes: Array("Subject: cut".utf8))
        #expect(message.headers["subject"] == "cut")
        #expect(message.root.body.isEmpty)
        #expect(message.codes == [.truncatedHeaders])
    }

    @Test func duplicateContentTypeUsesTheFirst() {
        withBothLineEndings("Content-Type: text/plain\nContent-Type: text/html\n\nx\n") { message, _ in
            #expect(message.root.contentType.mimeType == "text/plain")
            #expect(message.codes == [.duplicateContentType])
        }
    }

    @Test func emptyInputIsAnEmptyMessage() {
        let message = MIMEMessage(bytes: [])
        #expect(message.entities.count == 1)
        #expect(message.root.contentType == .textPlain)
        #expect(message.root.isDefaultContentType)
    }
}

@Suite struct MultipartParsingTests {
    static let nested = """
        Content-Type: multipart/mixed; boundary="outer"

        preamble
        --outer
        Content-Type: multipart/alternative; boundary=in

        --in
        Content-Type: text/plain

        plain
        --in
        Content-Type: text/html

        <p>html</p>
        --in--
        --outer
        Content-Type: message/rfc822

        Subject: inner
        Content-Type: multipart/mixed; boundary=deep

        --deep

        deep text
        --deep--

        --outer--
        epilogue

        """

    @Test func nestedTreeWithSectionNumbers() {
        withBothLineEndings(Self.nested) { message, nl in
            #expect(message.outline == [
                "TEXT multipart/mixed", "1 multipart/alternative", "1.1 text/plain", "1.2 text/html",
                "2 message/rfc822", "2.TEXT multipart/mixed", "2.1 text/plain",
            ])
            #expect(message.root.preamble?.utf8String == "preamble")
            #expect(message.root.epilogue?.utf8String == "epilogue\(nl)")
            #expect(message.entity(id: "1.1")?.body.utf8String == "plain")
            #expect(message.entity(id: "1.2")?.body.utf8String == "<p>html</p>")
            #expect(message.entity(id: "2.1")?.body.utf8String == "deep text")
            // "--deep--" ends with its line ending and the next line ending starts the outer
            // delimiter, so the inner epilogue is empty.
            #expect(message.entity(id: "2.TEXT")?.epilogue == nil)
            #expect(message.entity(id: "2")?.children.first?.headers["subject"] == "inner")
            #expect(message.diagnostics.isEmpty)
        }
    }

    @Test func lineEndingBeforeABoundaryBelongsToTheBoundary() {
        withBothLineEndings("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nline\n\n--b--\n") { message, nl in
            #expect(message.entity(id: "1")?.body.utf8String == "line\(nl)")
        }
    }

    @Test func boundaryThatIsAPrefixOfItsParents() {
        let text = """
            Content-Type: multipart/mixed; boundary="ab-outer"

            --ab-outer
            Content-Type: multipart/mixed; boundary="ab"

            --ab

            one
            --ab-outer

            two
            --ab-outer--

            """
        withBothLineEndings(text) { message, _ in
            #expect(message.outline == ["TEXT multipart/mixed", "1 multipart/mixed", "1.1 text/plain", "2 text/plain"])
            #expect(message.entity(id: "1.1")?.body.utf8String == "one")
            #expect(message.entity(id: "2")?.body.utf8String == "two")
            #expect(message.codes == [.missingCloseDelimiter])
        }
    }

    @Test func trailingWhiteSpaceAfterBoundaryIsAllowed() {
        withBothLineEndings("Content-Type: multipart/mixed; boundary=b\n\n--b \t\n\nx\n--b-- \n") { message, _ in
            #expect(message.entity(id: "1")?.body.utf8String == "x")
            #expect(message.diagnostics.isEmpty)
        }
    }

    @Test func textAfterABoundaryStillMakesItOne() {
        withBothLineEndings("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b junk\n\ny\n--b--\n") { message, _ in
            #expect(message.outline == ["TEXT multipart/mixed", "1 text/plain", "2 text/plain"])
            #expect(message.entity(id: "1")?.body.utf8String == "x")
            #expect(message.codes == [.boundaryWithTrailingText])
        }
    }

    @Test func closeDelimiterLineEndingStartsTheOuterDelimiter() {
        let text = "Content-Type: multipart/mixed; boundary=1\n\n--1\nContent-Type: multipart/mixed; boundary=2\n\n--2\n\nx\n--2--\n--1--\n"
        withBothLineEndings(text) { message, nl in
            let inner = message.entity(id: "1")!
            #expect(inner.raw.utf8String.hasSuffix("--2--"))
            #expect(inner.epilogue == nil)
            #expect(MIMEWriter.serialize(message) == Array((nl == "\n" ? text : String(decoding: crlf(Array(text.utf8)), as: UTF8.self)).utf8))
        }
    }

    @Test func closeDelimiterKeepsItsLineEndingBeforeAnEpilogue() {
        withBothLineEndings("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--\nafter\n") { message, nl in
            #expect(message.root.epilogue?.utf8String == "after\(nl)")
        }
    }

    @Test func missingCloseDelimiter() {
        withBothLineEndings("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nlast\n") { message, nl in
            #expect(message.entity(id: "1")?.body.utf8String == "last\(nl)")
            #expect(message.root.epilogue == nil)
            #expect(message.codes == [.missingCloseDelimiter])
        }
    }

    @Test(arguments: ["multipart/mixed", "multipart/mixed; boundary=\"\""])
    func multipartWithoutUsableBoundaryIsALeaf(_ type: String) {
        let message = MIMEMessage(bytes: Array("Content-Type: \(type)\n\n--b\n\nx\n--b--\n".utf8))
        #expect(message.root.isLeaf)
        #expect(message.root.contentType.mimeType == "multipart/mixed")
        #expect(message.codes == [.multipartWithoutBoundary])
    }

    @Test func boundaryNeverFoundMakesEverythingPreamble() {
        let message = MIMEMessage(bytes: Array("Content-Type: multipart/mixed; boundary=b\n\nno parts\n".utf8))
        #expect(message.root.children.isEmpty)
        #expect(message.root.preamble?.utf8String == "no parts\n")
        #expect(message.codes == [.boundaryNotFound])
    }

    @Test func digestPartsDefaultToMessageRFC822() {
        let text = "Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nbody\n--d\nContent-Type: text/plain\n\ntext\n--d--\n"
        withBothLineEndings(text) { message, _ in
            #expect(message.outline == ["TEXT multipart/digest", "1 message/rfc822", "1.1 text/plain", "2 text/plain"])
            #expect(message.entity(id: "1")?.isDefaultContentType == true)
            #expect(message.entity(id: "1.1")?.headers["subject"] == "one")
        }
    }

    @Test func messageGlobalIsParsedAsAMessage() {
        let message = MIMEMessage(bytes: Array("Content-Type: message/global\n\nSubject: ¡Hola!\n\nbody\n".utf8))
        #expect(message.outline == ["1 message/global", "1.1 text/plain"])
        #expect(message.entity(id: "1.1")?.headers["subject"] == "¡Hola!")
    }

    @Test func encodedMessageRFC822StaysALeaf() {
        let message = MIMEMessage(bytes: Array("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nU3ViamVjdDogeAoKeQo=\n".utf8))
        #expect(message.root.isLeaf)
        #expect(message.codes == [.encodedMessage])
    }

    @Test func headersEndedByABoundary() {
        withBothLineEndings("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/html\n--b\n\nx\n--b--\n") { message, _ in
            #expect(message.outline == ["TEXT multipart/mixed", "1 text/html", "2 text/plain"])
            #expect(message.entity(id: "1")?.body.isEmpty == true)
            #expect(message.codes == [.headersEndedByBoundary])
        }
    }
}

@Suite struct LimitTests {
    private func nestedMultiparts(_ depth: Int) -> String {
        var text = ""
        for level in 0..<depth { text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        text += "\ninnermost\n"
        for level in (0..<depth).reversed() { text += "--b\(level)--\n" }
        return text
    }

    @Test func tooDeepNestingBecomesALeaf() {
        var options = MIMEParserOptions()
        options.maxDepth = 5
        var messages: [MIMEMessage] = []
        let bytes = Array(nestedMultiparts(20).utf8)
        MIMEParser.parseMessages(ByteStorage(bytes), options: options) { messages.append($0) }
        let message = messages[0]
        #expect(message.entities.map(\.depth).max() == 5)
        #expect(message.codes.contains(.depthLimit))
        #expect(MIMEWriter.serialize(message) == bytes)
    }

    @Test func tooManyPartsStayInTheLastPart() {
        var options = MIMEParserOptions()
        options.maxParts = 4
        let text = "Content-Type: multipart/mixed; boundary=b\n\n" + (1...10).map { "--b\n\npart \($0)\n" }.joined() + "--b--\n"
        var messages: [MIMEMessage] = []
        MIMEParser.parseMessages(ByteStorage(Array(text.utf8)), options: options) { messages.append($0) }
        let message = messages[0]
        #expect(message.entities.count == 4)
        #expect(message.codes.first == .partLimit)
        #expect(message.entity(id: "3")?.body.utf8String.hasPrefix("part 3\n--b\n") == true)
        #expect(MIMEWriter.serialize(message) == Array(text.utf8))
    }

    @Test func headerFieldsPastTheLimitAreKeptButNotRecorded() {
        var options = MIMEParserOptions()
        options.maxHeaderFields = 3
        let text = (1...6).map { "X-\($0): v\n" }.joined() + "\nbody\n"
        var messages: [MIMEMessage] = []
        MIMEParser.parseMessages(ByteStorage(Array(text.utf8)), options: options) { messages.append($0) }
        #expect(messages[0].headers.count == 3)
        #expect(messages[0].headers.junk.map(\.utf8String) == ["X-4: v\nX-5: v\nX-6: v\n"])
        #expect(messages[0].codes == [.headerLimit])
        #expect(MIMEWriter.serialize(messages[0]) == Array(text.utf8))
    }

    @Test func aLineLongerThanTheLimitIsJudgedByItsStart() {
        var options = MIMEParserOptions()
        options.maxLineLength = 64
        let text = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b" + String(repeating: " ", count: 100) + "\n\ny\n--b--\n"
        var messages: [MIMEMessage] = []
        MIMEParser.parseMessages(ByteStorage(Array(text.utf8)), options: options) { messages.append($0) }
        // Only the first 64 bytes are looked at, so the spaces past them count as text.
        #expect(messages[0].outline == ["TEXT multipart/mixed", "1 text/plain", "2 text/plain"])
        #expect(messages[0].codes == [.boundaryWithTrailingText])
    }
}

@Suite struct MboxParsingTests {
    static let mbox = """
        From a@example.org Sun Nov 29 10:00:00 2026
        Subject: one

        body one
        >From quoted
        >>From twice

        From b@example.org Sun Nov 29 10:01:00 2026
        Subject: two

        body two

        """

    @Test func splitsOnFromLinesAndKeepsTheTrailerApart() {
        let messages = parseAll(Self.mbox, mbox: true)
        #expect(messages.count == 2)
        #expect(messages.map { $0.headers["subject"] } == ["one", "two"])
        #expect(messages[0].root.body.utf8String == "body one\n>From quoted\n>>From twice\n")
        #expect(messages[0].trailer.count == 1)
        #expect(messages[1].range.lowerBound == Self.mbox.utf8.count - "From b@example.org Sun Nov 29 10:01:00 2026\nSubject: two\n\nbody two\n".utf8.count)
        #expect(messages[1].trailer.isEmpty)
        let written = messages.flatMap(MIMEWriter.serialize)
        #expect(written == Array(Self.mbox.utf8))
    }

    /// Unquoting (which jumps from `>` to `>`) gives what a walk over every line gives.
    @Test func unquotingMatchesALineByLineWalk() {
        /// The plain reading of mboxrd: each line that is `>+From ` loses its first `>`.
        func walk(_ text: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            var lineStart = 0
            while lineStart < text.count {
                let lineEnd = text[lineStart...].firstIndex(of: 0x0A).map { $0 + 1 } ?? text.count
                let line = text[lineStart..<lineEnd]
                let rest = line.drop { $0 == 0x3E }
                out += line.first == 0x3E && rest.starts(with: Array("From ".utf8)) ? Array(line.dropFirst()) : Array(line)
                lineStart = lineEnd
            }
            return out
        }
        var generator = SystemRandomNumberGenerator()
        let pieces = [">", ">>", "From ", "From", "\n", "x", ">From ", "\n>From x\n", "\r\n", "F", " >From "]
        for round in 0..<2000 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<12, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let bytes = Array(text.utf8)
            var unquoted: [UInt8] = []
            bytes.withUnsafeBytes { forEachUnquotedPiece(of: $0) { unquoted += Array($0) } }
            #expect(unquoted == walk(bytes), "round \(round): \(text.debugDescription)")
        }
    }

    @Test func mboxrdUnquotingRemovesOneGreaterThanSign() {
        let messages = parseAll(Self.mbox, mbox: true)
        #expect(String(decoding: messages[0].root.decodedBody(), as: UTF8.self) == "body one\nFrom quoted\n>From twice\n")
    }

    @Test func mboxWithoutSeparatorStillParses() {
        let messages = parseAll("Subject: x\n\ny\n", mbox: true)
        #expect(messages.count == 1)
        #expect(messages[0].codes == [.mboxMissingSeparator])
    }

    @Test func fromLineOnASingleMessageIsJunk() {
        let message = MIMEMessage(bytes: Array("From x Sun\nSubject: s\n\nb\n".utf8))
        #expect(message.headers["subject"] == "s")
        #expect(message.headers.junk.count == 1)
        #expect(message.codes == [.fromLineInHeaders])
    }
}

@Suite struct CarriedLineTests {
    /// Found by the ParserChunks fuzz target: a line past `maxLineLength` carried over two
    /// chunks must be looked at exactly as deep as the same line in one chunk.
    @Test(arguments: [12, 64])
    func aLineSplitAcrossChunksIsReadAsWhole(_ limit: Int) {
        var options = MIMEParserOptions()
        options.maxLineLength = limit
        let bytes = [UInt8](repeating: 0x58, count: limit) + Array(":value\n\nbody\n".utf8)
        let whole = collectEvents(bytes, cuts: [], options: options)
        for cut in 1..<(limit + 3) {
            #expect(collectEvents(bytes, cuts: [cut], options: options) == whole ? true : false, "cut at \(cut)")
        }
    }
}

extension CarriedLineTests {
    /// The same at the default limit, as when a file is read in 64 KiB pieces.
    @Test func defaultLimitLineSplitAcrossChunks() {
        let limit = MIMEParserOptions().maxLineLength
        let bytes = [UInt8](repeating: 0x58, count: limit) + Array(":value\n\nbody\n".utf8)
        #expect(collectEvents(bytes, cuts: [limit / 2]) == collectEvents(bytes, cuts: []) ? true : false)
    }
}

import Testing
@testable import MIMEKit

/// The builder reuses room from one message to the next (entities, header items, boundary
/// delimiters); messages of very different shapes in a row must still come out whole.
@Suite struct MessageTreeBuilderTests {
    private func multipart(_ parts: Int, boundary: String) -> String {
        var text = "Content-Type: multipart/mixed; boundary=\(boundary)\n\npreamble\n"
        for i in 0..<parts { text += "--\(boundary)\nContent-Type: text/plain\n\npart \(i)\n" }
        return text + "--\(boundary)--\nepilogue\n"
    }

    @Test func messagesOfChangingShapesInOneMbox() {
        var messages: [String] = []
        messages.append("Subject: plain\n\nbody\n")
        messages.append(multipart(3, boundary: "b1"))
        messages.append("Subject: plain again\n\nbody\n")
        messages.append(multipart(70, boundary: "b2"))
        messages.append("""
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner

            a
            --inner

            b
            --inner--
            --outer

            c
            --outer--

            """)
        messages.append((0..<80).map { "X-Field-\($0): \($0)\n" }.joined() + "\nbody\n")
        messages.append(multipart(1, boundary: "b3"))
        var mbox = ""
        for message in messages { mbox += "From a@example.org Mon Jan  1 00:00:00 2024\n" + message + "\n" }
        let storage = ByteStorage(Array(mbox.utf8))
        var parsed: [MIMEMessage] = []
        MIMEParser.parseMessages(storage, options: .mbox) { parsed.append($0) }
        #expect(parsed.count == messages.count)
        // Entities worked out by hand: a root, plus its parts (and the nested ones).
        #expect(parsed.map(\.entityCount) == [1, 4, 1, 71, 5, 1, 2])
        #expect(parsed.map { $0.root.children.count } == [0, 3, 0, 70, 2, 0, 1])
        #expect(parsed[4].entities.map(\.id) == ["TEXT", "1", "1.1", "1.2", "2"])
        #expect(parsed[5].root.headers.count == 80)
        #expect(parsed[3].entities.last?.body.utf8String == "part 69")
        for message in parsed {
            // Writing a message walks its header items and delimiters: any one lost or
            // misplaced changes the bytes.
            var written: [UInt8] = []
            MIMEWriter.write(message) { written += $0.bytes }
            #expect(written == message.rawBytes.bytes)
        }
        #expect(parsed.map(\.rawBytes.count).reduce(0, +) == storage.count)
    }

    /// The tree keeps what the event layer said at each entity's `headersEnd`: read the same
    /// input through `MIMEStreamParser` directly and compare, entity by entity.
    @Test func keepsWhatEachHeadersEndSaid() {
        let text = """
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Transfer-Encoding: base64

            aGk=
            --b
            Content-Transfer-Encoding:\u{20}\u{20}

            empty value
            --b
            Content-Type: text/html
            Content-Transfer-Encoding: Quoted-Printable

            x=3D1
            --b
            Content-Transfer-Encoding: x-made-up

            y
            --b
            Content-Transfer-Encoding: 7bit

            a
            --b
            Content-Transfer-Encoding: 8bit

            b
            --b
            Content-Transfer-Encoding: binary

            c
            --b
            Content-Transfer-Encoding: x-uuencode

            d
            --b
            Content-Type: message/rfc822

            Subject: inner

            z
            --b--

            """
        let bytes = Array(text.utf8)
        var events: [MIMEHeadersEnd] = []
        var parser = MIMEStreamParser()
        let collect: (MIMEEvent) -> Void = { if case .headersEnd(let info) = $0 { events.append(info) } }
        parser.feed(bytes, collect)
        parser.finish(collect)
        let message = MIMEMessage(bytes: bytes)
        #expect(events.count == 11)
        #expect(message.entityCount == events.count)
        for (entity, info) in zip(message.entities, events) {
            #expect(entity.transferEncodingName == info.transferEncoding, "\(entity.id)")
            #expect(entity.transferEncoding == info.encoding)
            #expect(entity.contentType == info.contentType)
            #expect(entity.isDefaultContentType == info.isDefaultContentType)
            #expect(entity.kind == info.kind)
        }
        // By hand: no field is nil, an empty one is empty, a value keeps its case.
        #expect(message.entities.map(\.transferEncodingName) == [nil, "base64", "", "Quoted-Printable", "x-made-up", "7bit", "8bit", "binary",
                                                                   "x-uuencode", nil, nil])
        #expect(message.entities.map(\.transferEncoding) == [.sevenBit, .base64, .sevenBit, .quotedPrintable,
                                                              .other("x-made-up"), .sevenBit, .eightBit, .binary,
                                                              .uuencode, .sevenBit, .sevenBit])
    }

    /// An input may stop inside a header block. Whether or not the event layer then ends the
    /// headers, every entity must come out with the content type it said, or the default.
    @Test func inputsThatStopInsideHeaders() {
        let inputs = [
            "Subject: x",
            "Content-Type: text/html",
            "Content-Type: text/html\n",
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: image/png",
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: image/png\n",
            "Content-Type: message/rfc822\n\nContent-Type: text/html",
            "Content-Type: multipart/digest; boundary=b\n\n--b\nSubject: in a digest",
        ]
        for input in inputs {
            let bytes = Array(input.utf8)
            // Which entity each headersEnd belongs to, followed independently of the builder:
            // the innermost entity begun and not yet ended.
            var said: [Int: ContentType] = [:]
            var stack: [Int] = []
            var count = 0
            var parser = MIMEStreamParser()
            let follow: (MIMEEvent) -> Void = { event in
                switch event {
                case .entityBegin:
                    stack.append(count)
                    count += 1
                case .entityEnd:
                    stack.removeLast()
                case .headersEnd(let info):
                    said[stack[stack.count - 1]] = info.contentType
                default:
                    break
                }
            }
            parser.feed(bytes, follow)
            parser.finish(follow)
            let message = MIMEMessage(bytes: bytes)
            #expect(message.entityCount == count, "\(input.debugDescription)")
            for (index, entity) in message.entities.enumerated() {
                #expect(entity.contentType == (said[index] ?? .textPlain), "\(input.debugDescription) \(index)")
                #expect(!entity.contentType.type.isEmpty)
            }
        }
    }

    /// The event layer ends every header block it begins (the test above sees it), but the
    /// builder does not rely on it: events with no `headersEnd` still give `text/plain`.
    @Test func entityWithoutHeadersEndGetsTheDefault() {
        let bytes = Array("X: 1\nbody\n".utf8)
        var builder = MessageTreeBuilder(storage: ByteStorage(bytes))
        var delivered: [MIMEMessage] = []
        let events: [MIMEEvent] = [
            .messageBegin(offset: 0), .entityBegin(offset: 0, depth: 0),
            .headerField(field: 0..<5, name: 0..<1, value: 2..<4),
            .entityEnd(offset: bytes.count), .messageEnd(offset: bytes.count, trailer: bytes.count..<bytes.count),
        ]
        for event in events { builder.handle(event) { delivered.append($0) } }
        #expect(delivered.count == 1)
        let root = delivered[0].root
        #expect(root.contentType == .textPlain)
        #expect(root.isDefaultContentType)
        #expect(root.transferEncodingName == nil)
        #expect(root.transferEncoding == .sevenBit)
        #expect(root.headers.count == 0)
    }
}

import Testing
@testable import MIMEKit

/// Each configured limit, hit at a small scale: the diagnostic it promises, the entity
/// past it kept as an opaque leaf, and the input still written back byte for byte.
@Suite struct HostileLimitTests {
    @Test func multipartsNestedPastMaxDepthEndInALeaf() {
        var options = MIMEParserOptions()
        options.maxDepth = 3
        let bytes = nestedMultipart(levels: 6) { "b\($0)" }
        let message = expectSurvives(bytes, options: options)[0]
        #expect(message.codes.filter { $0 == .depthLimit }.count == 1)
        #expect(message.entities.map(\.depth).max() == 3)
        let deepest = message.entities.last!
        #expect(deepest.isLeaf)
        #expect(deepest.contentType.mimeType == "multipart/mixed")
        #expect(deepest.body.utf8String.hasPrefix("--b3\n"))
    }

    @Test func enclosedMessagesNestedPastMaxDepthEndInALeaf() {
        var options = MIMEParserOptions()
        options.maxDepth = 4
        let message = expectSurvives(nestedMessages(levels: 10), options: options)[0]
        #expect(message.codes == [.depthLimit])
        #expect(message.entities.count == 5)
        #expect(message.entities.last!.isLeaf)
        #expect(message.entities.last!.contentType.mimeType == "message/rfc822")
    }

    @Test func defaultDepthHoldsAgainstThousandsOfLevels() {
        let message = expectSurvives(nestedMultipart(levels: 2_000) { "level-\($0)" })[0]
        #expect(message.codes.contains(.depthLimit))
        #expect(message.entities.map(\.depth).max() == MIMEParserOptions().maxDepth)
        let messages = expectSurvives(nestedMessages(levels: 2_000))
        #expect(messages[0].entities.count == MIMEParserOptions().maxDepth + 1)
    }

    @Test func partsPastMaxPartsStayInTheLastPart() {
        var options = MIMEParserOptions()
        options.maxParts = 4
        let bytes = Array("Content-Type: multipart/mixed; boundary=x\n\n".utf8) + repeated("--x\n\npart\n", 10)
            + Array("--x--\n".utf8)
        let message = expectSurvives(bytes, options: options)[0]
        #expect(message.codes.contains(.partLimit))
        #expect(message.entities.count == 4)
        #expect(message.entities.last!.body.utf8String.contains("--x\n"))
    }

    @Test func enclosedMessagePastMaxPartsIsALeaf() {
        var options = MIMEParserOptions()
        options.maxParts = 2
        let bytes = Array("Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: message/rfc822\n\nSubject: in\n\nbody\n--x--\n".utf8)
        let message = expectSurvives(bytes, options: options)[0]
        #expect(message.codes == [.partLimit])
        #expect(message.entities.count == 2)
        #expect(message.entities[1].isLeaf)
    }

    @Test func thousandsOfEmptyPartsAreEachAnEntity() {
        let bytes = Array("Content-Type: multipart/mixed; boundary=x\n\n".utf8) + repeated("--x\n", 5_000)
            + Array("--x--\n".utf8)
        let message = expectSurvives(bytes)[0]
        #expect(message.entities.count == 5_001)
        #expect(message.root.children.allSatisfy { $0.body.count == 0 })
    }

    @Test func fieldsPastMaxHeaderFieldsAreKeptAsJunk() {
        var options = MIMEParserOptions()
        options.maxHeaderFields = 5
        let bytes = repeated("X-Field: value\n", 20) + Array("\nbody\n".utf8)
        let message = expectSurvives(bytes, options: options)[0]
        #expect(message.codes == [.headerLimit])
        #expect(message.headers.count == 5)
        // The 15 fields past the limit stay in the header block, as one kept range.
        #expect(message.headers.junk.map(\.count) == [15 * "X-Field: value\n".utf8.count])
        #expect(message.root.body.utf8String == "body\n")
    }

    @Test func headerBytesPastMaxHeaderBytesAreKeptAsJunk() {
        var options = MIMEParserOptions()
        options.maxHeaderBytes = 100
        let bytes = repeated("X-Field: value\n", 20) + Array("\nbody\n".utf8)
        let message = expectSurvives(bytes, options: options)[0]
        #expect(message.codes == [.headerLimit])
        #expect(message.headers.count == 6)
        #expect(message.root.body.utf8String == "body\n")
    }

    @Test func contentTypeLongerThanMaxLineLengthIsCutWithADiagnostic() {
        var options = MIMEParserOptions()
        options.maxLineLength = 64
        let bytes = Array("Content-Type: multipart/mixed; boundary=x; name=\"".utf8) + repeated("n", 200)
            + Array("\"\n\n--x\n\npart\n--x--\n".utf8)
        let message = expectSurvives(bytes, options: options, cuts: [])[0]
        #expect(message.codes.contains(.lineTooLong))
        #expect(message.root.kind == .multipart)
        #expect(message.entities.count == 2)
    }

    @Test func boundaryLongerThanMaxBoundaryLengthMakesALeaf() {
        let boundary = String(repeating: "b", count: 1_000)
        let bytes = Array("Content-Type: multipart/mixed; boundary=\(boundary)\n\n--\(boundary)\n\nx\n--\(boundary)--\n".utf8)
        let message = expectSurvives(bytes)[0]
        #expect(message.codes == [.multipartWithoutBoundary])
        #expect(message.root.isLeaf)
    }
}

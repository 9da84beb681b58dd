import Testing
@testable import MIMEKit

/// What every hostile input must keep, whatever limit it hits: the events tile the input,
/// feeding it in any chunks gives the same events, and the trees write back the input.
/// Returns the parsed messages for further checks.
@discardableResult
func expectSurvives(_ bytes: [UInt8], options: MIMEParserOptions = MIMEParserOptions(),
                    cuts: [Int]? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> [MIMEMessage] {
    let whole = collectEvents(bytes, cuts: [], options: options)
    var position = 0
    for range in coveredRanges(whole) {
        #expect(range.lowerBound == position, "gap or overlap at \(position)", sourceLocation: sourceLocation)
        position = range.upperBound
    }
    #expect(position == bytes.count, "events cover \(position) of \(bytes.count) bytes", sourceLocation: sourceLocation)
    let chunkCuts = cuts ?? stride(from: 7, to: bytes.count, by: 7).map { $0 }
    let chunked = collectEvents(bytes, cuts: chunkCuts, options: options)
    #expect(whole == chunked ? true : false, "chunked events differ from whole", sourceLocation: sourceLocation)
    var messages: [MIMEMessage] = []
    var written: [UInt8] = []
    MIMEParser.parseMessages(ByteStorage(bytes), options: options) { message in
        messages.append(message)
        written += MIMEWriter.serialize(message)
    }
    #expect(written == bytes, "the tree does not write back the input", sourceLocation: sourceLocation)
    return messages
}

/// `text` repeated `count` times, as bytes.
func repeated(_ text: String, _ count: Int) -> [UInt8] {
    let unit = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(unit.count * count)
    for _ in 0..<count { out += unit }
    return out
}

/// A multipart nested `levels` deep, level `i` with boundary `boundary(i)`, a text leaf at
/// the bottom; every level is closed.
func nestedMultipart(levels: Int, boundary: (Int) -> String) -> [UInt8] {
    var out: [UInt8] = []
    for level in 0..<levels {
        out += Array("Content-Type: multipart/mixed; boundary=\"\(boundary(level))\"\n\n--\(boundary(level))\n".utf8)
    }
    out += Array("Content-Type: text/plain\n\nleaf\n".utf8)
    for level in (0..<levels).reversed() {
        out += Array("--\(boundary(level))--\n".utf8)
    }
    return out
}

/// A message/rfc822 nested `levels` deep around a text message.
func nestedMessages(levels: Int) -> [UInt8] {
    repeated("Content-Type: message/rfc822\n\n", levels) + Array("Subject: inner\n\nleaf\n".utf8)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What decoding a body found.
public struct DecodedBodyReport: Sendable, Hashable {
    /// The transfer encoding that was undone.
    public var encoding: TransferEncoding
    /// How many decoded bytes were produced.
    public var decodedSize: Int
    /// Malformed input the decoder worked around.
    public var issues: DecoderIssues
    /// `issues` (and an unknown encoding) as diagnostics with absolute offsets.
    public var diagnostics: [MIMEDiagnostic]
}

extension MIMEEntity {
    /// The Content-Transfer-Encoding in force (7bit when absent).
    public var transferEncoding: TransferEncoding { message.records[index].encoding }

    /// Decodes the body's transfer encoding, streaming the result through `sink` in chunks;
    /// the raw body is never copied whole.
    ///
    /// The sink's buffer is valid only during the call. For a message that came from an
    /// mbox, `>From ` lines (any number of `>`) lose one `>` first, as mboxrd readers do.
    /// Multiparts and enclosed messages have no content of their own: their raw body is
    /// passed through. With `discardingPages`, the pages of a memory-mapped input are given
    /// back as decoding passes them (see `ByteStorage.discard`).
    @discardableResult
    public func decodeBody(chunkSize: Int = 1 << 16, discardingPages: Bool = false,
                           into sink: (UnsafeRawBufferPointer) -> Void) -> DecodedBodyReport {
        // One specialised copy per decoder: no existential, no witness call per chunk.
        let encoding = isLeaf ? transferEncoding : .sevenBit
        switch encoding {
        case .base64:
            let decoder = Base64Decoder(expectedInputCount: record.end - record.bodyStart)
            return decodeBody(decoder, encoding, chunkSize: chunkSize, discardingPages: discardingPages, into: sink)
        case .quotedPrintable:
            return decodeBody(QuotedPrintableDecoder(), encoding, chunkSize: chunkSize, discardingPages: discardingPages,
                              into: sink)
        case .uuencode:
            return decodeBody(UUDecoder(), encoding, chunkSize: chunkSize, discardingPages: discardingPages, into: sink)
        case .sevenBit, .eightBit, .binary, .other:
            return decodeBody(Base64Decoder?.none, encoding, chunkSize: chunkSize, discardingPages: discardingPages,
                              into: sink)
        }
    }

    /// The report of a base64 body decoded in part while the parser read it: `headStart`'s
    /// decoder goes on from where it stopped. nil if this leaf has no head start.
    func headStartReport(discardingPages: Bool) -> DecodedBodyReport? {
        guard isLeaf, transferEncoding == .base64, message.separator == nil,
              let headStart = message.tree.headStarts.first(where: { $0.entity == index }),
              headStart.decodedUpTo <= record.end else { return nil }
        return decodeBody(headStart.decoder, .base64, from: headStart.decodedUpTo, decodedSoFar: headStart.decodedSize,
                          chunkSize: 1 << 16, discardingPages: discardingPages) { _ in }
    }

    /// Decodes with `decoder`, or passes the body through when it is nil; a decoder that has
    /// read the body up to `start` (absolute) and written `decodedSoFar` bytes goes on from there.
    private func decodeBody<D: TransferDecoder>(_ initial: D?, _ encoding: TransferEncoding, from start: Int? = nil,
                                                decodedSoFar: Int = 0, chunkSize: Int, discardingPages: Bool,
                                                into sink: (UnsafeRawBufferPointer) -> Void) -> DecodedBodyReport {
        var decoder = initial
        let bodyRange = (start ?? record.bodyStart)..<record.end
        let unquote = message.separator != nil
        var decodedSize = decodedSoFar
        var diagnostics: [MIMEDiagnostic] = []
        if case .other(let name) = encoding {
            diagnostics.append(MIMEDiagnostic(.warning, .unknownTransferEncoding, at: record.start,
                                              "unknown transfer encoding \"\(name)\"; the body is given raw"))
        }
        // Room for one window: a chunk, or the whole body when it is shorter (most are), so
        // a small part does not pay for a 64 KiB buffer.
        let capacity = decoder == nil ? 0 : D.maxOutputCount(forInputCount: Swift.min(chunkSize, bodyRange.count))
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, 64), alignment: 1)
        defer { output.deallocate() }

        let storage = message.storage
        var discardedUpTo = bodyRange.lowerBound
        var consumedUpTo = bodyRange.lowerBound

        func push(_ piece: UnsafeRawBufferPointer, at pieceOffset: Int) {
            var start = 0
            while start < piece.count {
                let window = UnsafeRawBufferPointer(rebasing: piece[start..<min(piece.count, start + chunkSize)])
                if decoder != nil {
                    let written = decoder!.decode(window, into: output)
                    decodedSize += written
                    if written > 0 { sink(UnsafeRawBufferPointer(rebasing: output[0..<written])) }
                } else {
                    decodedSize += window.count
                    sink(window)
                }
                start += window.count
                consumedUpTo = pieceOffset + start
                if discardingPages && consumedUpTo - discardedUpTo >= 1 << 22 {
                    storage.discard(discardedUpTo..<consumedUpTo)
                    discardedUpTo = consumedUpTo
                }
            }
        }

        message.storage.withUnsafeBytes { all in
            let body = UnsafeRawBufferPointer(rebasing: all[bodyRange])
            if unquote {
                forEachUnquotedPiece(of: body) { piece in
                    push(piece, at: bodyRange.lowerBound + body.baseAddress!.distance(to: piece.baseAddress ?? body.baseAddress!))
                }
            } else {
                push(body, at: bodyRange.lowerBound)
            }
            if discardingPages { storage.discard(discardedUpTo..<bodyRange.upperBound) }
        }
        var issues = DecoderIssues()
        if decoder != nil {
            let written = decoder!.finish(into: output)
            decodedSize += written
            if written > 0 { sink(UnsafeRawBufferPointer(rebasing: output[0..<written])) }
            issues = decoder!.issues
        }
        diagnostics += Self.diagnostics(for: issues, encoding: encoding, bodyStart: record.bodyStart)
        return DecodedBodyReport(encoding: encoding, decodedSize: decodedSize, issues: issues, diagnostics: diagnostics)
    }

    /// The decoded body in one array (for small parts and tests; prefer `decodeBody(into:)`).
    public func decodedBody() -> [UInt8] {
        var out: [UInt8] = []
        decodeBody { out.append(contentsOf: $0) }
        return out
    }

    private static func diagnostics(for issues: DecoderIssues, encoding: TransferEncoding, bodyStart: Int) -> [MIMEDiagnostic] {
        guard !issues.isEmpty else { return [] }
        let offset = bodyStart + (issues.firstOffset ?? 0)
        var result: [MIMEDiagnostic] = []
        switch encoding {
        case .base64:
            if issues.invalidBytes + issues.misplacedPadding > 0 {
                result.append(MIMEDiagnostic(.warning, .base64InvalidBytes, at: offset,
                                             "\(issues.invalidBytes + issues.misplacedPadding) bytes outside base64 skipped"))
            }
            if issues.incompleteQuanta > 0 {
                result.append(MIMEDiagnostic(.warning, .base64Truncated, at: offset, "base64 ends with an incomplete group"))
            }
        case .quotedPrintable:
            result.append(MIMEDiagnostic(.warning, .quotedPrintableInvalidEscape, at: offset,
                                         "\(issues.malformedEscapes) malformed =XX escapes kept literally"))
        case .uuencode:
            result.append(MIMEDiagnostic(.warning, .uuencodeMalformed, at: offset, "malformed uuencoded data: \(issues)"))
        default:
            break
        }
        return result
    }
}

/// Calls `body` with the pieces of `text` that remain when every line matching `>+From `
/// loses its first `>` (mboxrd unquoting).
///
/// It jumps from `>` to `>` with `memchr` rather than visiting every line: `>` is absent from
/// base64 and rarer than line ends in text (on the generated benchmark mboxes, one for every
/// three to six lines), and `memchr` for it runs faster than a line walk even in HTML.
func forEachUnquotedPiece(of text: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
    guard let base = text.baseAddress else { return }
    var pieceStart = 0
    var position = 0
    while position < text.count, let found = memchr(base + position, 0x3E, text.count - position) {
        let quote = base.distance(to: UnsafeRawPointer(found))
        var i = quote
        while i < text.count && text[i] == 0x3E { i += 1 }
        if quote == 0 || text[quote - 1] == 0x0A, i + 5 <= text.count, text[i] == 0x46, text[i + 1] == 0x72,
           text[i + 2] == 0x6F, text[i + 3] == 0x6D, text[i + 4] == 0x20 {
            body(UnsafeRawBufferPointer(rebasing: text[pieceStart..<quote]))
            pieceStart = quote + 1
        }
        position = i
    }
    body(UnsafeRawBufferPointer(rebasing: text[pieceStart...]))
}

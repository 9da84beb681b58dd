#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The event layer: a forward-only MIME parser (RFC 5322, RFC 2045, RFC 2046) fed chunks of
/// any size, that reports what it finds as `MIMEEvent`s with absolute byte offsets.
///
/// ```
/// message    := fields [CRLF body]                                   ; RFC 5322 3.5
/// multipart  := [preamble CRLF] dash-boundary transport-padding CRLF
///               body-part *encapsulation close-delimiter
///               transport-padding [CRLF epilogue]                     ; RFC 2046 5.1.1
/// delimiter  := CRLF dash-boundary
/// ```
///
/// Its memory is bounded whatever the input: it keeps the stack of open entities, the
/// values of the few fields it must interpret (Content-Type, Content-Transfer-Encoding), and
/// at most `maxLineLength` bytes of an incomplete line. It never copies a body.
///
/// Its decisions depend only on the first `maxLineLength` bytes of each line and on the
/// line's length, so feeding the same input in any chunks gives the same events (with
/// body, preamble and epilogue pieces split differently).
public struct MIMEStreamParser: Sendable {
    /// The options in force.
    public let options: MIMEParserOptions
    /// How many bytes have been fed.
    public private(set) var offset = 0

    private enum Mode { case headers, content }

    private struct Frame {
        var start: Int
        var depth: Int
        var kind: MIMEHeadersEnd.Kind = .leaf
        var isDigest = false
        /// Where the boundary of a multipart is in `boundaryBytes` (its count is 0 for other
        /// entities); the frame holds no reference, so copying or dropping one is free.
        var boundaryStart = 0
        var boundaryCount = 0
        var delimiters = 0
        var closed = false
        var overflowed = false
        var parentIsDigest = false

        var matchesBoundary: Bool { kind == .multipart && !closed && !overflowed }
    }

    private struct PendingField {
        var start: Int
        var nameEnd: Int
        var valueStart: Int
        var contentEnd: Int
        var end: Int
        var interest: Interest
    }

    enum Interest { case none, contentType, transferEncoding }

    private struct Line {
        var start: Int
        var contentLength: Int
        var end: Int
        var prefix: UnsafeRawBufferPointer
        var contentEnd: Int { start + contentLength }
        var isCut: Bool { prefix.count < contentLength }
    }

    private struct BoundaryMatch {
        var frameIndex: Int
        var isClosing: Bool
        var hasTrailingText: Bool
    }

    /// The last line of content read. A blank line starts at its `contentEnd`; where another
    /// starts is not needed, so not kept.
    private struct PreviousLine {
        var contentEnd: Int
        var isBlank: Bool
    }

    private var frames: [Frame] = []
    private var mode = Mode.headers
    private var messageOpen = false
    private var messageSeen = false
    /// Set by `MIMEParser` when it feeds one message of an mbox that `MboxSplitter` cut with
    /// `respectContentLength`: only the message's first line may be a `From ` separator, so
    /// `From ` lines that its Content-Length puts inside the body stay content. (Beside the
    /// other flags, where it takes no room.)
    var onlyFirstLineSeparates = false
    private var messageStart = 0
    private var partCount = 0
    private var openBoundaries = 0
    private var field: PendingField?
    /// The header block being read: where it starts, how many fields it has, and whether its
    /// limits were reported. A header block is read whole before anything nests, so these
    /// belong to the top frame, and are kept here, out of the frame array, where the header
    /// path reads them without an array access.
    private var headerBlockStart = 0
    private var headerFieldCount = 0
    private var headerLimitReported = false
    private var interestValue = ScratchBytes()
    /// The first Content-Type and Content-Transfer-Encoding values of the header block being
    /// read (always the top frame's: a header block is read whole before anything nests), kept
    /// in buffers swapped with `interestValue`, so no array is made per entity.
    private var typeValue = ScratchBytes()
    private var hasTypeValue = false
    private var encodingValue = ScratchBytes()
    private var hasEncodingValue = false
    private var regionStart = 0
    private var emittedEnd = 0
    private var previous: PreviousLine?
    /// The next line that starts with `F` in the chunk that starts at `chunkStart`, as found
    /// by `skipContentLines` (or the chunk's end): the parts of one message in an mbox look it
    /// up here instead of searching their message's bytes again. Lines are read forward, so
    /// it holds for any line start before it.
    private var fromLineAhead = (chunkStart: -1, at: 0)
    /// A close delimiter whose line ending is not yet placed: it belongs to the delimiter
    /// of an enclosing multipart if one follows at once, to this line otherwise.
    private var pendingClose: (start: Int, contentEnd: Int, end: Int)?

    private var contentTypeCache = ContentTypeCache()
    /// The boundaries of the open multiparts, one after another in frame order: a frame's
    /// boundary is added when its headers end, and dropped with the frame.
    private var boundaryBytes = ScratchBytes()

    private var carry: [UInt8] = []
    private var carryActive = false
    private var carryStart = 0
    private var carryLength = 0
    private var carryLastByte: UInt8 = 0

    /// A parser with the given options.
    ///
    /// `startOffset` is the absolute offset of the first byte it will be fed, so that a
    /// parser fed one message of a larger input reports offsets into that input.
    public init(options: MIMEParserOptions = MIMEParserOptions(), startOffset: Int = 0) {
        self.options = options
        self.offset = startOffset
        self.emittedEnd = startOffset
    }

    // MARK: Feeding

    /// Parses the next chunk of input, calling `emit` for each event found.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (MIMEEvent) -> Void) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        let chunkStart = offset
        let n = chunk.count
        let limit = options.maxLineLength
        var p = 0
        if carryActive {
            guard let found = memchr(base, 0x0A, n) else {
                appendToCarry(UnsafeRawBufferPointer(start: base, count: n))
                carryLength += n
                carryLastByte = chunk[n - 1]
                offset += n
                return
            }
            let index = base.distance(to: UnsafeRawPointer(found))
            appendToCarry(UnsafeRawBufferPointer(start: base, count: index))
            let before = index > 0 ? chunk[index - 1] : carryLastByte
            let length = carryLength + index
            let contentLength = before == 0x0D && length > 0 ? length - 1 : length
            let start = carryStart
            carryActive = false
            carry.withUnsafeBytes { saved in
                let prefix = UnsafeRawBufferPointer(rebasing: saved[0..<min(contentLength, saved.count, limit)])
                handle(Line(start: start, contentLength: contentLength, end: start + length + 1, prefix: prefix), emit)
            }
            carry.removeAll(keepingCapacity: true)
            p = index + 1
        }
        while p < n {
            if isOpaque {
                p = n
                break
            }
            if mode == .content && messageOpen && pendingClose == nil {
                // Content lines that cannot start a boundary or a separator are not looked at
                // one by one: the run jumps to the next line that starts with `-` (inside a
                // multipart) or `F` (in an mbox), which the general path below reads.
                p = skipContentLines(base, from: p, count: n, chunkStart: chunkStart)
                if p >= n { break }
            }
            if mode == .headers && messageOpen {
                let run = headerRun(base, from: p, count: n, chunkStart: chunkStart, emit)
                p = run.next
                if p >= n { break }
                // After the blank line, the body's lines start at the top: the content run
                // reads them (or, for an enclosed message, the header run its headers).
                if run.ended { continue }
            }
            guard let found = memchr(base + p, 0x0A, n - p) else {
                carryActive = true
                carryStart = chunkStart + p
                carryLength = n - p
                carryLastByte = chunk[n - 1]
                appendToCarry(UnsafeRawBufferPointer(start: base + p, count: n - p))
                break
            }
            let index = base.distance(to: UnsafeRawPointer(found))
            let length = index - p
            let contentLength = length > 0 && chunk[index - 1] == 0x0D ? length - 1 : length
            let prefix = UnsafeRawBufferPointer(start: base + p, count: min(contentLength, limit))
            handle(Line(start: chunkStart + p, contentLength: contentLength, end: chunkStart + index + 1, prefix: prefix), emit)
            p = index + 1
        }
        offset += n
        emitSettledContent(emit)
    }

    /// Reads the whole header lines from the line start `p` that are plain fields or their
    /// continuations, as `headerLine` would, up to and with the blank line that ends the block,
    /// and returns the start of the first line it leaves to the general path: a line that may
    /// be a boundary (`-` inside a
    /// multipart) or an mbox separator, one longer than `maxLineLength`, one that is not a
    /// field, a folded line of a Content-Type or Content-Transfer-Encoding field, or the
    /// chunk's unfinished last line.
    private mutating func headerRun(_ base: UnsafeRawPointer, from p: Int, count n: Int, chunkStart: Int,
                                    _ emit: (MIMEEvent) -> Void) -> (next: Int, ended: Bool) {
        let limit = options.maxLineLength
        let dashes = openBoundaries > 0, mbox = options.mbox
        // The field being read is kept in a local for the run, and put back on the way out.
        var pending = field
        defer { field = pending }
        // The values of Content-Type and Content-Transfer-Encoding fields read in the run stay
        // where they are in the chunk: `pendingValue` is the pending field's (nil when it
        // came from the general path, whose value is in `interestValue`), `runType` and
        // `runEncoding` the block's first ones, kept as `typeValue` and `encodingValue` would
        // keep them. When the headers end in the run they are read in place; otherwise they
        // are copied to those buffers on the way out, before the chunk may go.
        var pendingValue: UnsafeRawBufferPointer?
        var runType: UnsafeRawBufferPointer?
        var runEncoding: UnsafeRawBufferPointer?
        // Offsets inside one chunk cannot overflow: the arithmetic below does not check.
        var q = p
        while q < n {
            let line = base + q
            let first = line.load(as: UInt8.self)
            if first == 0x0A || (first == 0x0D && q &+ 1 < n && line.load(fromByteOffset: 1, as: UInt8.self) == 0x0A) {
                // The blank line that ends the block, as `headerLine` reads it, without the trip
                // through the general path: the pending field is reported, then the headers end.
                let length = first == 0x0A ? 1 : 2
                if let finished = pending {
                    pending = nil
                    if finished.interest == .none {
                        emitField(finished, emit)
                    } else {
                        emitRunField(finished, value: pendingValue, type: &runType, encoding: &runEncoding, emit)
                    }
                }
                let start = chunkStart &+ q
                headersDone(blankLine: start..<start &+ length, typeBytes: runType, encodingBytes: runEncoding, emit)
                return (q &+ length, true)
            }
            if first == 0x0D || (first == 0x2D && dashes) { break }
            guard let found = memchr(line, 0x0A, n - q) else { break }
            let index = base.distance(to: UnsafeRawPointer(found))
            let length = index &- q
            let contentLength = base.load(fromByteOffset: index &- 1, as: UInt8.self) == 0x0D ? length &- 1 : length
            if contentLength > limit { break }
            if first == 0x46 && mbox && contentLength >= 5
                && line.loadUnaligned(fromByteOffset: 1, as: UInt32.self) == UInt32(littleEndian: 0x206D_6F72) {
                break
            }
            let start = chunkStart &+ q
            if first == 0x20 || first == 0x09 {
                guard pending != nil, pending!.interest == .none else { break }
                pending!.contentEnd = start &+ contentLength
                pending!.end = start &+ length &+ 1
            } else {
                guard let (nameEnd, colon) = headerFieldName(line, count: contentLength) else { break }
                if let finished = pending {
                    if finished.interest == .none {
                        emitField(finished, emit)
                    } else {
                        emitRunField(finished, value: pendingValue, type: &runType, encoding: &runEncoding, emit)
                    }
                }
                let interest = Self.interestOf(line, count: nameEnd)
                pending = PendingField(start: start, nameEnd: start &+ nameEnd, valueStart: start &+ colon &+ 1,
                                       contentEnd: start &+ contentLength, end: start &+ length &+ 1, interest: interest)
                pendingValue = interest == .none ? nil
                    : UnsafeRawBufferPointer(start: line + (colon &+ 1), count: contentLength &- colon &- 1)
            }
            q = index &+ 1
        }
        if let runType {
            typeValue.removeAll()
            typeValue.append(contentsOf: runType)
        }
        if let runEncoding {
            encodingValue.removeAll()
            encodingValue.append(contentsOf: runEncoding)
        }
        if let pendingValue, pending != nil {
            interestValue.removeAll()
            interestValue.append(contentsOf: pendingValue)
        }
        return (q, false)
    }

    /// `emitField` for a Content-Type or Content-Transfer-Encoding field finished in the header
    /// run, whose value is `value` in the chunk (or in `interestValue` when `value` is nil).
    @inline(__always)
    private mutating func emitRunField(_ pending: PendingField, value: UnsafeRawBufferPointer?,
                                       type: inout UnsafeRawBufferPointer?, encoding: inout UnsafeRawBufferPointer?,
                                       _ emit: (MIMEEvent) -> Void) {
        guard let value else {
            emitField(pending, emit)
            return
        }
        guard emitFieldEvent(pending, emit), keepsValue(of: pending, emit) else { return }
        if pending.interest == .contentType {
            type = value
        } else {
            encoding = value
        }
    }

    /// From the line start `p`, the start of the next line of the chunk that starts with `-`
    /// (inside a multipart) or `F` (in an mbox), or of the chunk's unfinished last line, or
    /// `count`; the whole lines skipped are content, and the last of them becomes `previous`,
    /// as `contentLine` would leave it.
    ///
    /// The bytes are searched with `memchr` for `-` and `F`, not line by line: a hit not at a
    /// line start costs a look at the byte before it and a new search, so text, which has few
    /// of either, costs little. Base64 has an `F` in about one byte of 64, more searches than
    /// lines: where an `F` not at a line start comes less than 128 bytes from where the search
    /// began (for `-`, four such hits in a row), the lines are read one by one instead
    /// (`memchr` to each line feed, a look at the next line's first byte), as they all were
    /// before. Measured on the benchmark mailboxes: one and four was the fastest on mixed mail
    /// and as fast as two and four on small mail; four and four, two and two, and `-` never
    /// giving up cost more instructions.
    private mutating func skipContentLines(_ base: UnsafeRawPointer, from p: Int, count n: Int, chunkStart: Int) -> Int {
        let froms = options.mbox, dashes = openBoundaries > 0
        var dense = false
        @inline(__always) func nextLine(startingWith byte: UInt8, before limit: Int) -> Int {
            var search = p, close = 0
            while search < limit, let found = memchr(base + search, Int32(byte), limit - search) {
                let index = base.distance(to: UnsafeRawPointer(found))
                if index == p || base.load(fromByteOffset: index - 1, as: UInt8.self) == 0x0A { return index }
                if index - search < 128 {
                    close += 1
                    if close == (byte == 0x46 ? 1 : 4) {
                        dense = true
                        return limit
                    }
                } else {
                    close = 0
                }
                search = index + 1
            }
            return limit
        }
        var stop = n
        if froms {
            if fromLineAhead.chunkStart == chunkStart && p <= fromLineAhead.at {
                stop = fromLineAhead.at
            } else {
                stop = nextLine(startingWith: 0x46, before: n)
                if !dense { fromLineAhead = (chunkStart, stop) }
            }
        }
        if dashes && !dense { stop = nextLine(startingWith: 0x2D, before: stop) }
        var lastEnd = stop - 1
        if dense {
            lastEnd = p - 1
            var q = p
            while q < n {
                let first = base.load(fromByteOffset: q, as: UInt8.self)
                if (first == 0x2D && dashes) || (first == 0x46 && froms) { break }
                guard let found = memchr(base + q, 0x0A, n - q) else { break }
                lastEnd = base.distance(to: UnsafeRawPointer(found))
                q = lastEnd + 1
            }
        } else if stop == n {
            // No such line in the chunk: up to its last line feed.
            while lastEnd >= p && base.load(fromByteOffset: lastEnd, as: UInt8.self) != 0x0A { lastEnd -= 1 }
        }
        guard lastEnd >= p else { return p }
        // A blank line starts where its content ends; the start of another is not needed.
        var contentEnd = lastEnd
        if contentEnd > p && base.load(fromByteOffset: contentEnd - 1, as: UInt8.self) == 0x0D { contentEnd -= 1 }
        let isBlank = contentEnd == p || base.load(fromByteOffset: contentEnd - 1, as: UInt8.self) == 0x0A
        previous = PreviousLine(contentEnd: chunkStart + contentEnd, isBlank: isBlank)
        return lastEnd + 1
    }

    /// Parses bytes from any contiguous collection (a convenience over `feed(_:_:)`).
    public mutating func feed(_ bytes: [UInt8], _ emit: (MIMEEvent) -> Void) {
        bytes.withUnsafeBytes { feed($0, emit) }
    }

    /// Ends the input: the last line (if it had no line ending) is parsed, and every open
    /// entity and the message are closed.
    ///
    /// `beforeSeparator` says that the input was one message cut from an mbox right before
    /// the next `From ` line (as `MboxSplitter` cuts), so a blank last line is the mbox's
    /// trailer, as it would be had the parser seen the whole mbox.
    public mutating func finish(beforeSeparator: Bool = false, _ emit: (MIMEEvent) -> Void) {
        if carryActive {
            carryActive = false
            let start = carryStart, length = carryLength
            carry.withUnsafeBytes { saved in
                let prefix = UnsafeRawBufferPointer(rebasing: saved[0..<min(length, saved.count, options.maxLineLength)])
                handle(Line(start: start, contentLength: length, end: start + length, prefix: prefix), emit)
            }
            carry.removeAll(keepingCapacity: true)
        }
        if !messageOpen && !options.mbox && !messageSeen {
            beginMessage(at: offset, separator: nil, emit)
        }
        if messageOpen && beforeSeparator && options.mbox {
            endMessageBeforeSeparator(at: offset, emit)
        } else if messageOpen {
            flushPendingClose(emit)
            closeFrames(downTo: 0, at: offset, emit)
            emit(.messageEnd(offset: offset, trailer: offset..<offset))
            messageOpen = false
        }
    }

    /// Ends the open message where an mbox separator line starts; a blank line right before
    /// it is the mbox's trailer, not the message's.
    private mutating func endMessageBeforeSeparator(at cut: Int, _ emit: (MIMEEvent) -> Void) {
        flushPendingClose(emit)
        let trailerStart = previous.map { $0.isBlank && mode == .content ? $0.contentEnd : cut } ?? cut
        closeFrames(downTo: 0, at: trailerStart, emit)
        emit(.messageEnd(offset: cut, trailer: trailerStart..<cut))
        messageOpen = false
    }

    private mutating func appendToCarry(_ bytes: UnsafeRawBufferPointer) {
        let room = options.maxLineLength - carry.count
        if room > 0 { carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<min(room, bytes.count)])) }
    }

    /// Content where no line can matter: a leaf or epilogue with no boundary open around it,
    /// outside an mbox. The rest of the input is content, so lines need not be found.
    private var isOpaque: Bool {
        mode == .content && openBoundaries == 0 && !options.mbox && messageOpen
    }

    // MARK: Lines

    private mutating func handle(_ line: Line, _ emit: (MIMEEvent) -> Void) {
        if options.mbox && isFromLine(line) && !(onlyFirstLineSeparates && messageSeen) {
            if messageOpen { endMessageBeforeSeparator(at: line.start, emit) }
            beginMessage(at: line.start, separator: line.start..<line.end, emit)
            return
        }
        if !messageOpen {
            if options.mbox {
                emit(.diagnostic(MIMEDiagnostic(.warning, .mboxMissingSeparator, at: line.start,
                                                "mbox input does not start with a From line")))
            }
            beginMessage(at: line.start, separator: nil, emit)
        }
        switch mode {
        case .headers: headerLine(line, emit)
        case .content: contentLine(line, emit)
        }
    }

    private func isFromLine(_ line: Line) -> Bool {
        line.prefix.count >= 5 && line.prefix[0] == 0x46 && line.prefix[1] == 0x72
            && line.prefix[2] == 0x6F && line.prefix[3] == 0x6D && line.prefix[4] == 0x20
    }

    private mutating func beginMessage(at start: Int, separator: Range<Int>?, _ emit: (MIMEEvent) -> Void) {
        messageOpen = true
        messageSeen = true
        messageStart = start
        partCount = 1
        hasTypeValue = false
        hasEncodingValue = false
        emit(.messageBegin(offset: start))
        if let separator { emit(.mboxSeparator(separator)) }
        let entityStart = separator?.upperBound ?? start
        pushFrame(Frame(start: entityStart, depth: 0))
        emit(.entityBegin(offset: entityStart, depth: 0))
        mode = .headers
        field = nil
    }

    /// Opens an entity whose header block starts at `frame.start`.
    private mutating func pushFrame(_ frame: Frame) {
        var frame = frame
        frame.boundaryStart = boundaryBytes.count
        headerBlockStart = frame.start
        headerFieldCount = 0
        headerLimitReported = false
        frames.append(frame)
    }

    private mutating func contentLine(_ line: Line, _ emit: (MIMEEvent) -> Void) {
        if openBoundaries > 0 && line.contentLength >= 2 && line.prefix[0] == 0x2D && line.prefix[1] == 0x2D,
           let match = matchBoundary(line) {
            boundary(match, line: line, emit)
            return
        }
        flushPendingClose(emit)
        previous = PreviousLine(contentEnd: line.contentEnd, isBlank: line.contentLength == 0)
    }

    private mutating func headerLine(_ line: Line, _ emit: (MIMEEvent) -> Void) {
        if line.contentLength == 0 {
            finishField(emit)
            headersDone(blankLine: line.start..<line.end, emit)
            return
        }
        let first = line.prefix[0]
        if first == 0x2D && openBoundaries > 0 && line.contentLength >= 2 && line.prefix[1] == 0x2D,
           let match = matchBoundary(line) {
            finishField(emit)
            emit(.diagnostic(MIMEDiagnostic(.warning, .headersEndedByBoundary, at: line.start,
                                            "a boundary line ended the headers before a blank line")))
            headersDone(blankLine: line.start..<line.start, emit)
            boundary(match, line: line, emit)
            return
        }
        if first == 0x20 || first == 0x09 {
            if var pending = field {
                pending.contentEnd = line.contentEnd
                pending.end = line.end
                field = pending
                if pending.interest != .none { appendInterest(line, emit) }
            } else {
                emit(.diagnostic(MIMEDiagnostic(.warning, .continuationAtHeaderStart, at: line.start,
                                                "a folded line with no field before it")))
                emit(.headerJunk(line.start..<line.end))
            }
            return
        }
        if let (nameEnd, colon) = fieldName(line.prefix) {
            finishField(emit)
            let interest = Self.interestOf(line.prefix.baseAddress!, count: nameEnd)
            field = PendingField(start: line.start, nameEnd: line.start + nameEnd, valueStart: line.start + colon + 1,
                                 contentEnd: line.contentEnd, end: line.end, interest: interest)
            if interest != .none {
                interestValue.removeAll()
                if line.isCut {
                    emit(.diagnostic(MIMEDiagnostic(.warning, .lineTooLong, at: line.start,
                                                    "header line longer than \(options.maxLineLength) bytes")))
                }
                interestValue.append(contentsOf: UnsafeRawBufferPointer(rebasing: line.prefix[(colon + 1)...]))
            }
            return
        }
        if field == nil && headerFieldCount == 0 && isFromLine(line) {
            emit(.diagnostic(MIMEDiagnostic(.info, .fromLineInHeaders, at: line.start,
                                            "an mbox From line before the headers (use --mbox for mailboxes)")))
            emit(.headerJunk(line.start..<line.end))
            return
        }
        finishField(emit)
        emit(.diagnostic(MIMEDiagnostic(.warning, .invalidHeaderLine, at: line.start,
                                        "a line that is not a header field ended the headers")))
        headersDone(blankLine: line.start..<line.start, emit)
        handle(line, emit)
    }

    /// Where a valid field name ends and the index of the colon after it (see `headerFieldName`).
    private func fieldName(_ prefix: UnsafeRawBufferPointer) -> (nameEnd: Int, colon: Int)? {
        guard let base = prefix.baseAddress else { return nil }
        return headerFieldName(base, count: prefix.count)
    }

    /// Whether the field name at `name` is Content-Type or Content-Transfer-Encoding, in
    /// any case. Most names differ in length from both and cost one compare. The rest are
    /// compared eight bytes at a time with the ASCII case bit set: for field-name bytes
    /// (`headerFieldNameEnd` admits 0x21-0x7E but the colon) that maps exactly the upper- and
    /// lower-case forms of each letter, and `-` only to itself.
    @inline(__always)
    static func interestOf(_ name: UnsafeRawPointer, count: Int) -> Interest {
        guard count == 12 || count == 25 else { return .none }
        @inline(__always) func word(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: name.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) | 0x2020_2020_2020_2020
        }
        // "content-" as a little-endian word, and the rest of each name likewise.
        guard word(0) == 0x2D74_6E65_746E_6F63 else { return .none }
        if count == 12 {
            let rest = UInt32(littleEndian: name.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) | 0x2020_2020
            return rest == 0x6570_7974 ? .contentType : .none   // "type"
        }
        // "transfer", "-encodin", "g"
        return word(8) == 0x7265_6673_6E61_7274 && word(16) == 0x6E69_646F_636E_652D
            && name.load(fromByteOffset: 24, as: UInt8.self) | 0x20 == 0x67 ? .transferEncoding : .none
    }

    private mutating func appendInterest(_ line: Line, _ emit: (MIMEEvent) -> Void) {
        guard interestValue.count < options.maxHeaderBytes else { return }
        if line.isCut {
            emit(.diagnostic(MIMEDiagnostic(.warning, .lineTooLong, at: line.start,
                                            "header line longer than \(options.maxLineLength) bytes")))
        }
        interestValue.append(0x0A)
        interestValue.append(contentsOf: line.prefix)
    }

    private mutating func finishField(_ emit: (MIMEEvent) -> Void) {
        guard let pending = field else { return }
        field = nil
        emitField(pending, emit)
    }

    /// Reports a finished field (or, past the header limits, junk), and keeps the value of a
    /// Content-Type or Content-Transfer-Encoding field for `headersDone`.
    @inline(__always)
    private mutating func emitField(_ pending: PendingField, _ emit: (MIMEEvent) -> Void) {
        guard emitFieldEvent(pending, emit), keepsValue(of: pending, emit) else { return }
        if pending.interest == .contentType {
            swap(&typeValue, &interestValue)
        } else {
            swap(&encodingValue, &interestValue)
        }
    }

    /// Whether the value of a reported field is to be kept for `headersDone`: the first
    /// Content-Type or Content-Transfer-Encoding field of the header block, which this marks
    /// as seen; a second one gets the duplicate warning instead. For both the header run (which
    /// keeps a pointer into the chunk) and the general path (which keeps a buffer).
    @inline(__always)
    private mutating func keepsValue(of pending: PendingField, _ emit: (MIMEEvent) -> Void) -> Bool {
        switch pending.interest {
        case .none:
            return false
        case .contentType:
            guard !hasTypeValue else {
                emit(.diagnostic(Self.duplicateField(.contentType, at: pending.start)))
                return false
            }
            hasTypeValue = true
        case .transferEncoding:
            guard !hasEncodingValue else {
                emit(.diagnostic(Self.duplicateField(.transferEncoding, at: pending.start)))
                return false
            }
            hasEncodingValue = true
        }
        return true
    }

    /// The warning for a second Content-Type or Content-Transfer-Encoding field in one header
    /// block (the first one is used), for both the header run and the general path.
    @inline(never)
    private static func duplicateField(_ interest: Interest, at offset: Int) -> MIMEDiagnostic {
        interest == .contentType
            ? MIMEDiagnostic(.warning, .duplicateContentType, at: offset, "Content-Type given again; the first one is used")
            : MIMEDiagnostic(.warning, .duplicateTransferEncoding, at: offset,
                             "Content-Transfer-Encoding given again; the first one is used")
    }

    /// Reports a finished field, or past the header limits junk; whether it was a field.
    @inline(__always)
    private mutating func emitFieldEvent(_ pending: PendingField, _ emit: (MIMEEvent) -> Void) -> Bool {
        // Offsets of one header block: they do not overflow, and each field's are ordered
        // (start <= nameEnd < valueStart <= contentEnd < end), so the ranges need no checks.
        let headerBytes = pending.end &- headerBlockStart
        if headerFieldCount >= options.maxHeaderFields || headerBytes > options.maxHeaderBytes {
            if !headerLimitReported {
                headerLimitReported = true
                emit(.diagnostic(MIMEDiagnostic(.error, .headerLimit, at: pending.start,
                                                "header block past its limits; later fields are not recorded")))
            }
            emit(.headerJunk(pending.start..<pending.end))
            return false
        }
        headerFieldCount &+= 1
        emit(.headerField(field: Range(uncheckedBounds: (pending.start, pending.end)),
                          name: Range(uncheckedBounds: (pending.start, pending.nameEnd)),
                          value: Range(uncheckedBounds: (pending.valueStart, pending.contentEnd))))
        return true
    }

    // MARK: Entities

    /// The headers of the top frame end. The kept Content-Type and Content-Transfer-Encoding
    /// values are `typeBytes` and `encodingBytes` when given (still in the chunk, from the
    /// header run), else `typeValue` and `encodingValue`.
    private mutating func headersDone(blankLine: Range<Int>, typeBytes: UnsafeRawBufferPointer? = nil,
                                      encodingBytes: UnsafeRawBufferPointer? = nil, _ emit: (MIMEEvent) -> Void) {
        // Fields of the top frame are read and written in place: a copy of the frame would
        // retain and release its boundary for every entity.
        let top = frames.count - 1
        let frameStart = frames[top].start, depth = frames[top].depth
        let bodyStart = blankLine.upperBound
        // Set once: a default first, replaced by the parsed value, cost a retain and a release.
        // What to do with the entity comes with the value from the cache, which decided it
        // once for the entry, so the type's strings are not compared here.
        let contentType: ContentType
        let nature: ContentTypeCache.Nature
        var boundaryInValue: Range<Int>?
        var isDefault = true
        let answer = hasTypeValue ? typeAnswer(typeBytes) : nil
        if let answer {
            contentType = answer.contentType
            nature = answer.nature
            boundaryInValue = answer.boundary
            isDefault = false
        } else {
            let isDigestPart = frames[top].parentIsDigest
            contentType = isDigestPart ? ContentType.messageRFC822 : ContentType.textPlain
            nature = isDigestPart ? .enclosedMessage : .other
            if hasTypeValue {
                emit(.diagnostic(MIMEDiagnostic(.warning, .invalidContentType, at: frameStart,
                                                "Content-Type could not be parsed; using \(contentType.mimeType)")))
            }
        }
        hasTypeValue = false
        let (encodingName, encoding): (String?, TransferEncoding)
        if !hasEncodingValue {
            (encodingName, encoding) = (nil, .sevenBit)
        } else if let encodingBytes {
            (encodingName, encoding) = Self.usualEncodingValue(encodingBytes) ?? Self.trimmedEncoding(encodingBytes)
        } else {
            (encodingName, encoding) = encodingValue.withUnsafeBytes(Self.trimmedEncoding)
        }
        hasEncodingValue = false
        var kind = MIMEHeadersEnd.Kind.leaf
        switch nature {
        case .multipart, .digest:
            // A template's answer says where its boundary is in the value's bytes, still in
            // `typeValue`; otherwise the parameter is looked up.
            let boundaryCount = boundaryInValue?.count ?? contentType.boundary?.count ?? 0
            if boundaryCount > 0, boundaryCount <= options.maxBoundaryLength {
                if depth + 1 > options.maxDepth {
                    emit(.diagnostic(MIMEDiagnostic(.error, .depthLimit, at: frameStart,
                                                    "nesting deeper than \(options.maxDepth); kept as a leaf")))
                } else {
                    kind = .multipart
                    if let boundaryInValue, let typeBytes {
                        boundaryBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: typeBytes[boundaryInValue]))
                    } else if let boundaryInValue {
                        typeValue.withUnsafeBytes {
                            boundaryBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[boundaryInValue]))
                        }
                    } else if let boundary = contentType.boundary {
                        boundary.withUnsafeBytes { boundaryBytes.append(contentsOf: $0) }
                    }
                    frames[top].boundaryCount = boundaryCount
                    frames[top].isDigest = nature == .digest
                }
            } else {
                emit(.diagnostic(MIMEDiagnostic(.warning, .multipartWithoutBoundary, at: frameStart,
                                                "\(contentType.mimeType) without a usable boundary; kept as a leaf")))
            }
        case .enclosedMessage:
            let identity = encoding == .sevenBit || encoding == .eightBit || encoding == .binary
            if !identity {
                emit(.diagnostic(MIMEDiagnostic(.info, .encodedMessage, at: frameStart,
                                                "\(contentType.mimeType) with a transfer encoding; kept as a leaf")))
            } else if depth + 1 > options.maxDepth {
                emit(.diagnostic(MIMEDiagnostic(.error, .depthLimit, at: frameStart,
                                                "nesting deeper than \(options.maxDepth); kept as a leaf")))
            } else if partCount >= options.maxParts {
                emit(.diagnostic(MIMEDiagnostic(.error, .partLimit, at: frameStart,
                                                "more than \(options.maxParts) parts; kept as a leaf")))
            } else {
                kind = .message
            }
        case .other:
            break
        }
        frames[top].kind = kind
        emit(.headersEnd(MIMEHeadersEnd(blankLine: blankLine, contentType: consume contentType,
                                        isDefaultContentType: isDefault, transferEncoding: encodingName,
                                        encoding: encoding, kind: kind)))
        switch kind {
        case .leaf:
            startContent(at: bodyStart)
        case .multipart:
            openBoundaries += 1
            startContent(at: bodyStart)
        case .message:
            partCount += 1
            pushFrame(Frame(start: bodyStart, depth: depth + 1))
            emit(.entityBegin(offset: bodyStart, depth: depth + 1))
            mode = .headers
        }
    }

    /// The cache's answer for the kept Content-Type value: `typeBytes` if given, else `typeValue`.
    @inline(__always)
    private mutating func typeAnswer(_ typeBytes: UnsafeRawBufferPointer?) -> ContentTypeCache.Answer? {
        if let typeBytes { return contentTypeCache.answer(typeBytes) }
        return typeValue.withUnsafeBytes { contentTypeCache.answer($0) }
    }

    /// `trimmedEncoding` of the value nearly every field has, read in line: one space, then
    /// one of the usual names in lower case, and nothing after it; nil for any other value.
    @inline(__always)
    private static func usualEncodingValue(_ bytes: UnsafeRawBufferPointer) -> (String?, TransferEncoding)? {
        guard bytes.count >= 5, bytes.load(as: UInt8.self) == 0x20,
              let usual = TransferEncoding.usualPrefix(of: UnsafeRawBufferPointer(rebasing: bytes[1...]), foldingCase: false),
              usual.length == bytes.count &- 1 else { return nil }
        return (usual.encoding.description, usual.encoding)
    }

    /// The Content-Transfer-Encoding token as written, and what it names. The usual
    /// spellings reuse the mechanism's own name, so no string is made for them.
    static func trimmedEncoding(_ bytes: UnsafeRawBufferPointer) -> (String?, TransferEncoding) {
        // The usual value, white space around a token, is read here without the scanner's
        // copies; one that starts with a comment or a quote, or has no token, takes the
        // general path below.
        var i = 0
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A) { i += 1 }
        if let usual = usualEncoding(UnsafeRawBufferPointer(rebasing: bytes[i...])) { return usual }
        var j = i
        while j < bytes.count && HeaderValueScanner.isTokenByte(bytes[j]) { j += 1 }
        if j > i {
            let token = UnsafeRawBufferPointer(rebasing: bytes[i..<j])
            return (String(decoding: token, as: UTF8.self), TransferEncoding(token: token))
        }
        var scanner = HeaderValueScanner(Array(bytes))
        scanner.skipCFWS()
        let token = scanner.token() ?? []
        return token.withUnsafeBytes { bytes in
            let encoding = TransferEncoding(token: bytes)
            var usual = encoding.description
            let isUsual = usual.withUTF8 { name in
                name.count == bytes.count && (name.isEmpty || memcmp(name.baseAddress!, bytes.baseAddress!, name.count) == 0)
            }
            return (isUsual ? usual : String(decoding: bytes, as: UTF8.self), encoding)
        }
    }

    /// The five usual mechanisms spelled in lower case at the start of `text`, followed by no
    /// other token byte, named by their string literals, so no string is made for them.
    private static func usualEncoding(_ text: UnsafeRawBufferPointer) -> (String?, TransferEncoding)? {
        guard let usual = TransferEncoding.usualPrefix(of: text, foldingCase: false),
              usual.length == text.count || !HeaderValueScanner.isTokenByte(text[usual.length]) else { return nil }
        return (usual.encoding.description, usual.encoding)
    }

    private mutating func startContent(at start: Int) {
        mode = .content
        regionStart = start
        emittedEnd = start
        previous = nil
    }

    /// The open multipart whose boundary starts this line.
    ///
    /// RFC 2046 5.1.1 asks only that the boundary appear in its entirety at the start of the
    /// line. A line that is exactly a delimiter (`--` boundary [`--`] *LWSP) of any open
    /// multipart wins over one that only starts with a boundary, so a boundary that is a
    /// prefix of its parent's is not taken for it; among equals the innermost wins.
    private func matchBoundary(_ line: Line) -> BoundaryMatch? {
        // Through a pointer: reading a frame from the array copied it, with a retain and a
        // release of its boundary, for every `--` line.
        boundaryBytes.withUnsafeBytes { boundaries in
            var prefixMatch: BoundaryMatch?
            var index = frames.count - 1
            while index >= 0 {
                let frame = frames[index]
                if frame.matchesBoundary,
                   var match = boundaryMatch(line, UnsafeRawBufferPointer(
                       rebasing: boundaries[frame.boundaryStart..<frame.boundaryStart + frame.boundaryCount])) {
                    match.frameIndex = index
                    if !match.hasTrailingText { return match }
                    if prefixMatch == nil { prefixMatch = match }
                }
                index -= 1
            }
            return prefixMatch
        }
    }

    /// Whether `line` starts with `"--" boundary`, then whether `--` follows (a close
    /// delimiter), and whether anything but spaces and tabs comes after that. A line cut at
    /// `maxLineLength` counts as having more text.
    private func boundaryMatch(_ line: Line, _ boundary: UnsafeRawBufferPointer) -> BoundaryMatch? {
        let text = line.prefix
        let count = boundary.count
        guard text.count >= count + 2,
              count == 0 || memcmp(text.baseAddress! + 2, boundary.baseAddress!, count) == 0 else { return nil }
        var i = count + 2
        var closing = false
        if i + 1 < text.count && text[i] == 0x2D && text[i + 1] == 0x2D {
            closing = true
            i += 2
        }
        while i < text.count && (text[i] == 0x20 || text[i] == 0x09) { i += 1 }
        return BoundaryMatch(frameIndex: -1, isClosing: closing, hasTrailingText: i < text.count || line.isCut)
    }

    private mutating func flushPendingClose(_ emit: (MIMEEvent) -> Void) {
        guard let pending = pendingClose else { return }
        pendingClose = nil
        emit(.boundary(pending.start..<pending.end, isClosing: true))
    }

    private mutating func boundary(_ match: BoundaryMatch, line: Line, _ emit: (MIMEEvent) -> Void) {
        let frameIndex = match.frameIndex, closing = match.isClosing
        if !closing && partCount >= options.maxParts {
            flushPendingClose(emit)
            frames[frameIndex].overflowed = true
            openBoundaries -= 1
            emit(.diagnostic(MIMEDiagnostic(.error, .partLimit, at: line.start,
                                            "more than \(options.maxParts) parts; the rest stays in the last part")))
            if mode == .content {
                previous = PreviousLine(contentEnd: line.contentEnd, isBlank: false)
            }
            return
        }
        if match.hasTrailingText {
            emit(.diagnostic(MIMEDiagnostic(.warning, .boundaryWithTrailingText, at: line.start,
                                            "text after a boundary on its line; taken as a boundary (RFC 2046 5.1.1), though some readers do not")))
        }
        let delimiterStart: Int
        if let pending = pendingClose {
            // RFC 2046 5.1.1: close-delimiter transport-padding [CRLF epilogue], and a
            // delimiter is CRLF dash-boundary. With no epilogue, the line ending after the
            // close delimiter is the one that starts this delimiter.
            pendingClose = nil
            emit(.boundary(pending.start..<pending.contentEnd, isClosing: true))
            delimiterStart = pending.contentEnd
            regionStart = delimiterStart
            emittedEnd = delimiterStart
        } else if mode == .content, let previous, previous.contentEnd >= regionStart {
            delimiterStart = previous.contentEnd
        } else {
            delimiterStart = line.start
        }
        closeFrames(downTo: frameIndex + 1, at: delimiterStart, emit)
        if mode == .content {
            flushRegion(upTo: delimiterStart, of: frameIndex, emit)
        }
        if closing {
            pendingClose = (delimiterStart, line.contentEnd, line.end)
        } else {
            emit(.boundary(delimiterStart..<line.end, isClosing: false))
        }
        frames[frameIndex].delimiters += 1
        if closing {
            frames[frameIndex].closed = true
            openBoundaries -= 1
            startContent(at: line.end)
        } else {
            partCount += 1
            var child = Frame(start: line.end, depth: frames[frameIndex].depth + 1)
            child.parentIsDigest = frames[frameIndex].isDigest
            pushFrame(child)
            emit(.entityBegin(offset: line.end, depth: child.depth))
            mode = .headers
            field = nil
        }
    }

    /// Emits what is left of the current content region of the frame at `index` up to `end`.
    private mutating func flushRegion(upTo end: Int, of index: Int, _ emit: (MIMEEvent) -> Void) {
        guard end > emittedEnd else { return }
        let range = emittedEnd..<end
        switch frames[index].kind {
        case .leaf, .message: emit(.body(range))
        case .multipart: emit(frames[index].delimiters == 0 ? .preamble(range) : .epilogue(range))
        }
        emittedEnd = end
    }

    /// Closes every frame at or above `index`, all ending at `end`.
    private mutating func closeFrames(downTo index: Int, at end: Int, _ emit: (MIMEEvent) -> Void) {
        while frames.count > index {
            let top = frames.count - 1
            if mode == .headers {
                finishField(emit)
                emit(.diagnostic(MIMEDiagnostic(.warning, .truncatedHeaders, at: end,
                                                "the entity ended inside its headers")))
                headersDone(blankLine: end..<end, emit)
                if mode == .headers { continue }
            }
            if mode == .content { flushRegion(upTo: end, of: top, emit) }
            if frames[top].kind == .multipart && !frames[top].closed {
                let overflowed = frames[top].overflowed
                if frames[top].delimiters == 0 {
                    emit(.diagnostic(MIMEDiagnostic(.warning, .boundaryNotFound, at: frames[top].start,
                                                    "no boundary line found in the multipart; all of it is preamble")))
                } else if !overflowed {
                    emit(.diagnostic(MIMEDiagnostic(.warning, .missingCloseDelimiter, at: end,
                                                    "the multipart ended without its close delimiter")))
                }
                if !overflowed { openBoundaries -= 1 }
            }
            emit(.entityEnd(offset: end))
            boundaryBytes.truncate(to: frames[top].boundaryStart)
            frames.removeLast()
            // The parent's own region, if any, resumes only after the boundary that follows.
            startContent(at: end)
        }
    }

    /// In streaming use, emits the part of the current region that can no longer belong to
    /// a boundary or an mbox trailer, once enough has gathered, so memory stays bounded.
    private mutating func emitSettledContent(_ emit: (MIMEEvent) -> Void) {
        guard messageOpen, mode == .content, let top = frames.indices.last else { return }
        let settled: Int
        if isOpaque {
            settled = offset
        } else if let previous {
            settled = previous.contentEnd
        } else {
            return
        }
        if settled - emittedEnd >= 1 << 16 { flushRegion(upTo: settled, of: top, emit) }
    }
}

@inline(__always)
func asciiEqualsLowercased(_ bytes: UnsafeRawBufferPointer, _ lower: StaticString) -> Bool {
    guard bytes.count == lower.utf8CodeUnitCount else { return false }
    let p = lower.utf8Start
    for i in 0..<bytes.count where asciiLower(bytes[i]) != p[i] { return false }
    return true
}

/// Entry points that parse an input held in memory or mapped from a file into trees.
public enum MIMEParser {
    /// Parses every message of `storage`, handing each to `body` as soon as it is complete;
    /// with `options.mbox` the input is split on `From ` lines, otherwise it is one message.
    ///
    /// Only one message's tree is held at a time, so a mailbox of any size is parsed in
    /// memory bounded by its largest message's tree (the bytes stay in the storage).
    public static func parseMessages<E: Error>(
        _ storage: ByteStorage, options: MIMEParserOptions = MIMEParserOptions(),
        _ body: (MIMEMessage) throws(E) -> Void
    ) throws(E) {
        try parseMessages(storage, in: 0..<storage.count, options: options, body)
    }

    /// Parses the messages in `range` of `storage` (offsets stay absolute), for example one
    /// message of an mbox found by `MboxSplitter`.
    ///
    /// With `discardingPages`, the pages of a memory-mapped input are given back to the
    /// system as the parser passes them (`ByteStorage.discard`), so resident memory stays
    /// small however large the input; reading them again maps them again from the file. Of a
    /// range known to hold one message, the last `keptBytes` read stay mapped until `body` has
    /// read the message, and go back when `body` returns.
    ///
    /// With `options.mbox` and `options.respectContentLength`, the range is cut into messages
    /// by `MboxSplitter`, which reads each message's Content-Length, and each message is
    /// parsed on its own with only its first line taken as a separator.
    ///
    /// With `decodingAhead` (and not `options.mbox`), the body of a base64 leaf is decoded
    /// just before the parser reads it, a piece of `aheadPiece` bytes at a time, while each
    /// piece is in the cache for the parser's pass: `MIMEEntity.decodedBodyReport` then goes
    /// on from there rather than reading the body again. For a reader that wants every leaf's
    /// report, such as `mimekit stat`; other readers would decode the bodies twice.
    public static func parseMessages<E: Error>(
        _ storage: ByteStorage, in range: Range<Int>, options: MIMEParserOptions = MIMEParserOptions(),
        discardingPages: Bool = false, decodingAhead: Bool = false, _ body: (MIMEMessage) throws(E) -> Void
    ) throws(E) {
        try parseMessages(storage, in: range, options: options, discardingPages: discardingPages,
                          keptBytes: keptBytes, decodingAhead: decodingAhead, body)
    }

    /// `parseMessages(_:in:options:discardingPages:decodingAhead:_:)` with another
    /// `keptBytes` and `aheadPiece`, for tests and the fuzz targets.
    package static func parseMessages<E: Error>(
        _ storage: ByteStorage, in range: Range<Int>, options: MIMEParserOptions,
        discardingPages: Bool, keptBytes: Int, decodingAhead: Bool = false, aheadPiece: Int = aheadPiece,
        _ body: (MIMEMessage) throws(E) -> Void
    ) throws(E) {
        var builder = MessageTreeBuilder(storage: storage)
        // Kept as `any Error`, not `E?`: a captured `E?` of a generic `E` made every message look
        // up the metadata of `Optional<E>` at run time, ~300 instructions a message.
        var failure: (any Error)?
        withoutActuallyEscaping(body) { body in
            // A local function, not a closure value: passed down only as a non-escaping
            // argument, it needs no heap context to retain and release on every event.
            func deliver(_ message: MIMEMessage) {
                guard failure == nil else { return }
                do throws(E) { try body(message) } catch { failure = error }
            }
            guard options.mbox && options.respectContentLength else {
                feed(storage, range, options: options, discardingPages: discardingPages,
                     keptBytes: keptBytes, aheadPiece: decodingAhead && !options.mbox ? aheadPiece : nil,
                     to: &builder, deliver)
                return
            }
            // The splitter looks ahead to where each Content-Length ends; each message is then
            // parsed on its own, with only its first line taken as a separator.
            var messages = MboxSplitter(storage, range: range, options: options)
            while failure == nil, let message = messages.next() {
                if let warning = messages.ignoredContentLength { builder.handle(.diagnostic(warning), deliver: deliver) }
                feed(storage, message, options: options, onlyFirstLineSeparates: true, discardingPages: discardingPages,
                     keptBytes: keptBytes, to: &builder, deliver)
            }
        }
        if let failure { throw failure as! E }
    }

    /// With `discardingPages`, how far the parser reads before it gives back the pages behind
    /// it (all of them in an mbox; all but the last `keptBytes` of one message).
    package static let discardWindow = 16 << 20

    /// How much of a single message, read last, keeps its pages mapped from parsing until the
    /// message has been delivered, with `discardingPages`.
    ///
    /// The parser reads a message before its leaves are decoded. Giving its pages back as the
    /// parser passes them means the decoder maps them again, and mapping and unmapping a page
    /// costs about as much as reading it: on `large.eml` (91 MB, one message) `mimekit stat`
    /// spent ~15% of its time in the kernel, half of it on the second round. So the parser
    /// gives back only what lies more than this far behind it: a message up to this size is
    /// mapped once, and of a longer one the last part (the reader, such as `stat`'s decoding,
    /// gives pages back behind it). Resident memory stays bounded by this, in clean pages of
    /// the file that the system can reclaim: 48 MiB keeps `mimekit` under 100 MiB resident
    /// whatever the input. An mbox read in one pass (where the messages are found as the
    /// parser goes, each delivered within the window that holds it) keeps nothing.
    static let keptBytes = 48 << 20

    /// The piece decoded ahead of the parser with `decodingAhead`: small enough to stay in the
    /// level-2 cache (1.25 MiB a core here) between the decoder's pass and the parser's.
    /// `mimekit stat --jobs 1` of `large.eml`, 25 alternated runs, median task-clock: 43.4 ms
    /// with 64 KiB pieces, 41.9 with 128 KiB, 41.2 with 256 KiB, 48.1 with 512 KiB, 51.3 with
    /// 1 MiB.
    static let aheadPiece = 256 << 10

    /// Parses `range` of `storage` with one `MIMEStreamParser`, handing its events to `builder`.
    ///
    /// `range` is one message when the input is not an mbox or when `MboxSplitter` cut it
    /// (`onlyFirstLineSeparates`); only then are the last `keptBytes` kept until it is delivered.
    ///
    /// With `aheadPiece`, the range goes to the parser in pieces of that size, and before each
    /// the builder decodes on the base64 body the parser is in, if any, up to the piece's end.
    private static func feed(_ storage: ByteStorage, _ range: Range<Int>, options: MIMEParserOptions,
                             onlyFirstLineSeparates: Bool = false, discardingPages: Bool, keptBytes: Int,
                             aheadPiece: Int? = nil,
                             to builder: inout MessageTreeBuilder, _ deliver: (MIMEMessage) -> Void) {
        var parser = MIMEStreamParser(options: options, startOffset: range.lowerBound)
        parser.onlyFirstLineSeparates = onlyFirstLineSeparates
        let isOneMessage = !options.mbox || onlyFirstLineSeparates
        let kept = isOneMessage ? keptBytes : 0
        var discardedTo = range.lowerBound
        let window = discardWindow
        let scratch = aheadPiece == nil ? nil
            : UnsafeMutableRawBufferPointer.allocate(byteCount: Base64HeadStart.scratchCount, alignment: 16)
        defer { scratch?.deallocate() }
        storage.withUnsafeBytes { raw in
            var start = range.lowerBound
            while start < range.upperBound {
                let end = min(range.upperBound, start + (aheadPiece ?? window))
                if let scratch { builder.decodeAhead(raw, to: end, expectedEnd: range.upperBound, scratch: scratch) }
                parser.feed(UnsafeRawBufferPointer(rebasing: raw[start..<end])) { builder.handle($0, deliver: deliver) }
                // Pages go back a window at a time, however small the pieces. With nothing
                // kept (an mbox read in one pass), those of the last piece wait until
                // `finish` has delivered the last message: given back before, they were
                // mapped again by its reader (`stat` decoding its leaves), then given back
                // a second time, at every stripe of `stat --jobs`.
                if discardingPages && (kept > 0 || end < range.upperBound)
                    && end - kept - discardedTo >= (aheadPiece == nil ? 1 : window) {
                    storage.discard(discardedTo..<end - kept)
                    discardedTo = end - kept
                }
                start = end
            }
            parser.finish(beforeSeparator: range.upperBound < storage.count) { builder.handle($0, deliver: deliver) }
        }
        // Delivered and read by now: whatever its reader left mapped goes back (of one
        // message, the whole range, since its reader goes over all of it).
        if discardingPages { storage.discard(kept > 0 ? range : discardedTo..<range.upperBound) }
    }

    /// Whether the input starts like an mbox (`From ` at its first byte).
    public static func looksLikeMbox(_ storage: ByteStorage) -> Bool {
        storage.withUnsafeBytes { raw in
            raw.count >= 5 && raw[0] == 0x46 && raw[1] == 0x72 && raw[2] == 0x6F && raw[3] == 0x6D && raw[4] == 0x20
        }
    }
}

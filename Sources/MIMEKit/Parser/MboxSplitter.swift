#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the messages of an mbox without parsing them: each range starts at a line that
/// begins with `From ` (or at the start of the input) and ends where the next one starts.
///
/// It draws the same lines as `MIMEStreamParser` does with `mbox` set, so parsing each range
/// on its own (`MIMEParser.parseMessages(_:in:options:_:)`) gives the same messages as
/// parsing the whole mbox, which lets several threads parse one mbox.
///
/// With `respectContentLength` (`init(_:range:options:)`) it also reads the Content-Length
/// field of each message's own header, and where that field checks out (see
/// `MIMEParserOptions.respectContentLength`) the message ends where it says, `From ` lines
/// inside it included; `MIMEParser.parseMessages` then cuts the mbox with this splitter.
public struct MboxSplitter: Sequence, IteratorProtocol, Sendable {
    private let storage: ByteStorage
    private var position: Int
    private let end: Int
    private let respectsContentLength: Bool
    private let maxLineLength: Int

    /// With `respectContentLength`: the warning (`mboxContentLengthIgnored`) for the message
    /// that `next()` returned last, when its Content-Length field was there but ignored.
    public private(set) var ignoredContentLength: MIMEDiagnostic?

    /// The messages of `storage` (or of `range` in it).
    public init(_ storage: ByteStorage, range: Range<Int>? = nil) {
        self.init(storage, range: range, options: .mbox)
    }

    /// The messages of `storage` (or of `range` in it), cut as `MIMEParser.parseMessages`
    /// cuts an mbox with `options`: its `respectContentLength`, and its `maxLineLength` for
    /// reading header lines (the input is read as an mbox whatever `options.mbox` says).
    public init(_ storage: ByteStorage, range: Range<Int>? = nil, options: MIMEParserOptions) {
        self.storage = storage
        let range = range ?? 0..<storage.count
        self.position = range.lowerBound
        self.end = range.upperBound
        self.respectsContentLength = options.respectContentLength
        self.maxLineLength = options.maxLineLength
    }

    /// The next message's range, separator line included.
    public mutating func next() -> Range<Int>? {
        guard position < end else { return nil }
        let start = position
        if respectsContentLength {
            ignoredContentLength = nil
            switch Self.contentLengthHint(in: storage, messageAt: start, before: end, maxLineLength: maxLineLength) {
            case .valid(let messageEnd):
                position = messageEnd
                return start..<position
            case .ignored(let warning):
                ignoredContentLength = warning
            case .absent:
                break
            }
        }
        position = Self.separator(in: storage, after: start, before: end) ?? end
        return start..<position
    }

    /// The start of the first `From ` line that starts after `offset` and before `end`, if any.
    static func separator(in storage: ByteStorage, after offset: Int, before end: Int) -> Int? {
        storage.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            var lineEnd = offset
            while lineEnd < end, let newline = memchr(base + lineEnd, 0x0A, end - lineEnd) {
                let next = base.distance(to: UnsafeRawPointer(newline)) + 1
                if end - next >= 5 && memcmp(base + next, "From ", 5) == 0 { return next }
                lineEnd = next
            }
            return nil
        }
    }

    /// Cuts `range` of `storage` into stripes of about `size` bytes that each end where a
    /// message starts (a `From ` line) or at the end of `range`, for threads that parse a
    /// large mbox side by side.
    ///
    /// A stripe holds whole messages, so parsing each stripe on its own gives the same
    /// messages as parsing the whole range, and the cost of finding the cuts is only the
    /// lines between each `size` step and the next separator, not a visit of every line.
    /// A message longer than `size` makes a stripe as long as the message.
    public static func stripes(of storage: ByteStorage, in range: Range<Int>? = nil, size: Int) -> Stripes {
        Stripes(storage: storage, range: range ?? 0..<storage.count, size: Swift.max(size, 1), splitter: nil)
    }

    /// Stripes cut where `MIMEParser.parseMessages` with `options` ends messages.
    ///
    /// Without `respectContentLength` these are the stripes of `stripes(of:in:size:)`. With
    /// it, a `From ` line past the size step may lie inside a message whose Content-Length
    /// covers it, which only the messages before it tell; so the stripes are cut by walking
    /// the messages with `MboxSplitter` from the start of `range`: each one's header, and the
    /// lines of those without a usable Content-Length.
    public static func stripes(of storage: ByteStorage, in range: Range<Int>? = nil, size: Int,
                               options: MIMEParserOptions) -> Stripes {
        let range = range ?? 0..<storage.count
        let splitter = options.respectContentLength ? MboxSplitter(storage, range: range, options: options) : nil
        return Stripes(storage: storage, range: range, size: Swift.max(size, 1), splitter: splitter)
    }

    /// The stripes of an mbox; see `MboxSplitter.stripes(of:in:size:)`.
    public struct Stripes: Sequence, IteratorProtocol, Sendable {
        private let storage: ByteStorage
        private var position: Int
        private let end: Int
        private let size: Int
        /// The messages, when they are cut by Content-Length as well as by `From ` lines.
        private var splitter: MboxSplitter?

        init(storage: ByteStorage, range: Range<Int>, size: Int, splitter: MboxSplitter?) {
            self.storage = storage
            self.position = range.lowerBound
            self.end = range.upperBound
            self.size = size
            self.splitter = splitter
        }

        /// The bytes of the range not yet handed out in stripes.
        public var remainingBytes: Int { end - position }

        /// The next stripe.
        public mutating func next() -> Range<Int>? {
            next(size: size)
        }

        /// The next stripe, of about `limit` bytes rather than the size the stripes were made
        /// with: threads that share the stripes take smaller ones near the end, so that none
        /// waits long for the last one to finish.
        public mutating func next(size limit: Int) -> Range<Int>? {
            guard position < end else { return nil }
            let start = position
            let limit = Swift.max(limit, 1)
            if var messages = splitter {
                // Whole messages until the stripe reaches `limit`.
                while let message = messages.next() {
                    position = message.upperBound
                    if position - start >= limit { break }
                }
                splitter = messages
                return start..<position
            }
            // The first `From ` line that starts at or after `target` ends the stripe.
            let target = start + limit
            position = target >= end ? end : MboxSplitter.separator(in: storage, after: target - 1, before: end) ?? end
            return start..<position
        }
    }
}

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
public struct MboxSplitter: Sequence, IteratorProtocol, Sendable {
    private let storage: ByteStorage
    private var position: Int
    private let end: Int

    /// The messages of `storage` (or of `range` in it).
    public init(_ storage: ByteStorage, range: Range<Int>? = nil) {
        self.storage = storage
        let range = range ?? 0..<storage.count
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// The next message's range, separator line included.
    public mutating func next() -> Range<Int>? {
        guard position < end else { return nil }
        let start = position
        let found: Int? = storage.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            var lineEnd = start
            while let newline = memchr(base + lineEnd, 0x0A, end - lineEnd) {
                let next = base.distance(to: UnsafeRawPointer(newline)) + 1
                if end - next >= 5 && memcmp(base + next, "From ", 5) == 0 { return next }
                lineEnd = next
                if lineEnd >= end { break }
            }
            return nil
        }
        position = found ?? end
        return start..<position
    }
}

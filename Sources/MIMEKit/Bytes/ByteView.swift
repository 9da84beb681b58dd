/// A range of bytes inside a `ByteStorage`: what the parser hands out for header values,
/// bodies and boundaries, without copying.
///
/// Indices are absolute offsets into the storage, so a view's `startIndex` is the byte
/// offset of its first byte in the input.
public struct ByteView: Sendable, RandomAccessCollection, Hashable, CustomStringConvertible {
    /// The storage the bytes live in.
    public let storage: ByteStorage
    /// The absolute range of the bytes in `storage`.
    public let range: Range<Int>

    /// A view of `range` in `storage`.
    public init(storage: ByteStorage, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= storage.count, "range out of bounds")
        self.storage = storage
        self.range = range
    }

    public var startIndex: Int { range.lowerBound }
    public var endIndex: Int { range.upperBound }

    public subscript(position: Int) -> UInt8 {
        precondition(range.contains(position), "index out of range")
        return storage.withUnsafeBytes { $0[position] }
    }

    /// A view of a sub-range (absolute offsets).
    public subscript(bounds: Range<Int>) -> ByteView {
        precondition(bounds.lowerBound >= range.lowerBound && bounds.upperBound <= range.upperBound)
        return ByteView(storage: storage, range: bounds)
    }

    /// Calls `body` with the view's bytes; the pointer is valid only inside the closure.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try storage.withUnsafeBytes { (all) throws(E) -> R in
            try body(UnsafeRawBufferPointer(rebasing: all[range]))
        }
    }

    /// A copy of the bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The bytes as UTF-8, with invalid sequences replaced by U+FFFD.
    public var utf8String: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    /// The bytes as ISO-8859-1: every byte maps to the code point of the same value.
    public var latin1String: String {
        withUnsafeBytes { raw in String(String.UnicodeScalarView(raw.lazy.map { Unicode.Scalar($0) })) }
    }

    public var description: String { utf8String }

    public static func == (lhs: ByteView, rhs: ByteView) -> Bool {
        if lhs.count != rhs.count { return false }
        return lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in a.elementsEqual(b) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

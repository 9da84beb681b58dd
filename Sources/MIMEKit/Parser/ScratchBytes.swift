#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte buffer reused value after value: emptying it keeps its storage, and appending
/// copies with `memcpy`. The event layer keeps a header field's value in one for each field
/// it must interpret; `Array`'s generic `removeAll(keepingCapacity:)` and
/// `append(contentsOf:)` cost about 160 instructions a field there.
struct ScratchBytes: Sendable {
    private var storage: [UInt8] = []
    /// How many bytes it holds.
    private(set) var count = 0

    mutating func removeAll() { count = 0 }

    /// Keeps the first `length` bytes (at most `count`).
    mutating func truncate(to length: Int) { count = min(count, length) }

    mutating func append(_ byte: UInt8) {
        Swift.withUnsafeBytes(of: byte) { append(contentsOf: $0) }
    }

    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        let needed = count + bytes.count
        if needed > storage.count {
            storage.append(contentsOf: repeatElement(0, count: max(needed, 2 * storage.count, 64) - storage.count))
        }
        let at = count
        storage.withUnsafeMutableBytes { _ = memcpy($0.baseAddress! + at, source, bytes.count) }
        count = needed
    }

    /// The bytes it holds.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        storage.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Immutable bytes that a parsed message points into: an array, or a read-only memory map.
///
/// Every range the parser records (header names and values, bodies, boundaries) is an
/// offset into one `ByteStorage`, so a message is parsed and kept without copying its bytes.
public final class ByteStorage: @unchecked Sendable {
    // Safety: the bytes never change after `init`, and `deinit` is the only place that
    // releases them, so sharing across threads is safe.
    private enum Backing {
        case array([UInt8])
        case mapped(UnsafeRawPointer, Int)
    }

    private let backing: Backing

    /// The number of bytes.
    public let count: Int

    /// Storage over the bytes of an array (the array is kept, not copied).
    public init(_ bytes: [UInt8]) {
        self.backing = .array(bytes)
        self.count = bytes.count
    }

    /// Storage over the UTF-8 bytes of a string; handy in tests and examples.
    public convenience init(_ string: String) {
        self.init(Array(string.utf8))
    }

    /// Maps a file read-only into memory.
    ///
    /// Files that cannot be mapped (pipes, character devices, `/proc` files) are read into
    /// an array instead. Throws `ByteStorageError` with the path and the system's reason.
    public init(contentsOfFile path: String) throws(ByteStorageError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw ByteStorageError(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw ByteStorageError(path: path, errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw ByteStorageError(path: path, errno: EISDIR) }
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG && size > 0 {
            if let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED {
                _ = madvise(map, size, MADV_SEQUENTIAL)
                self.backing = .mapped(UnsafeRawPointer(map), size)
                self.count = size
                return
            }
        }
        let bytes = try Self.readAll(fd: fd, path: path, sizeHint: size)
        self.backing = .array(bytes)
        self.count = bytes.count
    }

    /// Reads a file descriptor to its end (standard input, a pipe).
    public convenience init(readingToEndOf fd: Int32, name: String = "-") throws(ByteStorageError) {
        self.init(try Self.readAll(fd: fd, path: name, sizeHint: 0))
    }

    deinit {
        if case .mapped(let base, let size) = backing {
            munmap(UnsafeMutableRawPointer(mutating: base), size)
        }
    }

    /// Calls `body` with the bytes; the pointer is valid only inside the closure.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try _withUnsafeBytes(body)
    }

    @usableFromInline
    func _withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        switch backing {
        case .array(let array):
            var result: Result<R, E>! = nil
            array.withUnsafeBytes { raw in
                do throws(E) { result = .success(try body(raw)) } catch { result = .failure(error) }
            }
            return try result.get()
        case .mapped(let base, let size):
            return try body(UnsafeRawBufferPointer(start: base, count: size))
        }
    }

    /// The byte at `offset`.
    public subscript(offset: Int) -> UInt8 {
        precondition(offset >= 0 && offset < count, "offset out of range")
        return withUnsafeBytes { $0[offset] }
    }

    /// A view of all the bytes.
    public var all: ByteView { ByteView(storage: self, range: 0..<count) }

    /// A view of `range`.
    public func view(_ range: Range<Int>) -> ByteView { ByteView(storage: self, range: range) }

    private static func readAll(fd: Int32, path: String, sizeHint: Int) throws(ByteStorageError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(sizeHint, 1 << 16))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ByteStorageError(path: path, errno: errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }
}

/// Why an input could not be opened or read.
public struct ByteStorageError: Error, Sendable, CustomStringConvertible {
    /// The path given.
    public let path: String
    /// The system error number.
    public let errno: Int32

    public var description: String {
        "\(path): \(String(cString: strerror(errno)))"
    }
}

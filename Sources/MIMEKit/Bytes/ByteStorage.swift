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
    /// For storage made by `init(sharing:)`, the storage that owns the bytes: kept alive by
    /// this one, and the one that unmaps them.
    private let owner: ByteStorage?

    /// The number of bytes.
    public let count: Int

    /// The start of the mapping, for a memory-mapped file.
    var mappedBase: UnsafeRawPointer? {
        if case .mapped(let base, _) = backing { return base }
        return nil
    }

    /// Storage over the bytes of an array (the array is kept, not copied).
    public init(_ bytes: [UInt8]) {
        self.backing = .array(bytes)
        self.count = bytes.count
        self.owner = nil
    }

    /// Another storage object over the same bytes, for a thread of its own.
    ///
    /// Every view and parsed message holds a reference to its storage, so threads parsing
    /// one storage side by side count references on one object, whose cache line then moves
    /// between their cores at nearly every message. Giving each thread its own object over
    /// the same bytes (nothing is copied; the mapping stays until the last of them goes)
    /// took `stat --jobs 2` on small mail from 11% more CPU time than one thread to 2%.
    public init(sharing other: ByteStorage) {
        self.backing = other.backing
        self.count = other.count
        self.owner = other.owner ?? other
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
                self.owner = nil
                return
            }
        }
        let bytes = try Self.readAll(fd: fd, path: path, sizeHint: size)
        self.backing = .array(bytes)
        self.count = bytes.count
        self.owner = nil
    }

    /// Reads a file descriptor to its end (standard input, a pipe).
    ///
    /// A regular file (standard input redirected from a file) is memory-mapped. Otherwise up
    /// to `memoryLimit` bytes are kept in memory; a longer input is spooled to an unlinked
    /// temporary file (in `$TMPDIR`, or `/tmp`) that is then memory-mapped, so reading a
    /// stream of any size needs bounded memory.
    public convenience init(readingToEndOf fd: Int32, name: String = "-", memoryLimit: Int = 16 << 20) throws(ByteStorageError) {
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0
            && lseek(fd, 0, SEEK_CUR) == 0 {
            try self.init(mapping: fd, name: name)
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= memoryLimit {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ByteStorageError(path: name, errno: errno)
            }
            if n == 0 {
                self.init(bytes)
                return
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        let spool = try Self.spool(prefix: bytes, rest: fd, name: name)
        defer { close(spool) }
        try self.init(mapping: spool, name: name)
    }

    /// Writes `prefix` and then the rest of `fd` to an unlinked temporary file; returns it.
    private static func spool(prefix: [UInt8], rest fd: Int32, name: String) throws(ByteStorageError) -> Int32 {
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((directory + "/mimekit-spool-XXXXXX").utf8CString)
        let spool = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if spool < 0 { throw ByteStorageError(path: directory, errno: errno) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        /// Writes all of `bytes`; returns 0 or the errno that stopped it.
        func writeAll(_ bytes: UnsafeRawBufferPointer) -> Int32 {
            var offset = 0
            while offset < bytes.count {
                let n = write(spool, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return 0
        }
        var failure = prefix.withUnsafeBytes { writeAll($0) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while failure == 0 {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            if n == 0 { break }
            failure = chunk.withUnsafeBytes { writeAll(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        if failure != 0 {
            close(spool)
            throw ByteStorageError(path: name, errno: failure)
        }
        return spool
    }

    /// Maps an open regular file.
    private init(mapping fd: Int32, name: String) throws(ByteStorageError) {
        var info = stat()
        if fstat(fd, &info) != 0 { throw ByteStorageError(path: name, errno: errno) }
        let size = Int(info.st_size)
        guard size > 0, let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            throw ByteStorageError(path: name, errno: errno)
        }
        _ = madvise(map, size, MADV_SEQUENTIAL)
        self.backing = .mapped(UnsafeRawPointer(map), size)
        self.count = size
        self.owner = nil
    }

    deinit {
        if owner == nil, case .mapped(let base, let size) = backing {
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

extension ByteStorage {
    /// Tells the system that the pages of `range` are not needed for now.
    ///
    /// For a memory-mapped file the pages are dropped from this process's memory and read
    /// again from the file if touched later, so the bytes never change; for an array it does
    /// nothing. Readers of very large inputs call it behind them to keep resident memory
    /// bounded.
    public func discard(_ range: Range<Int>) {
        guard case .some(let base) = mappedBase else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import MIMEKit

/// Reading keys, certificates and passwords, and writing results, with one-line errors.
enum CryptoFiles {
    /// The bytes of the file at `path`.
    static func read(_ path: String) throws -> [UInt8] {
        do {
            return try ByteStorage(contentsOfFile: path).all.bytes
        } catch {
            throw CLIError(error.description)
        }
    }

    /// The first line of the file at `path`, without its line end.
    static func password(_ path: String) throws -> String {
        let bytes = try read(path)
        let line = bytes.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        return String(decoding: line, as: UTF8.self)
    }

    /// Writes `bytes` to the file at `path` (replacing it), or to standard output when
    /// `path` is `nil` or `-`.
    static func write(_ bytes: [UInt8], to path: String?) throws {
        guard let path, path != "-" else {
            var out = StandardOutput()
            bytes.withUnsafeBytes { out.write($0) }
            out.flush()
            return
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CLIError("\(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw CLIError("\(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}

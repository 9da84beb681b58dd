#if canImport(Glibc)
import Glibc
#endif

/// One-shot conversions to UTF-8 through glibc's `iconv(3)`.
///
/// Each conversion opens its own descriptor and closes it before returning: an `iconv_t`
/// carries shift state and must not be used by two threads at once, and opening one costs
/// far less than the header or body it converts (glibc caches the loaded tables).
enum IconvConverter {
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Whether `iconv_open` knows `name` as a source charset.
    static func canOpen(_ name: String) -> Bool {
        guard let descriptor = open(name) else { return false }
        iconv_close(descriptor)
        return true
    }

    /// Converts `bytes` from `name` to a string; `nil` if `iconv_open` refuses the name.
    ///
    /// An invalid sequence (`EILSEQ`) becomes U+FFFD and conversion resumes one byte
    /// later; an incomplete sequence at the end (`EINVAL`) becomes one U+FFFD.
    static func convert(_ bytes: [UInt8], from name: String) -> (text: String, hadErrors: Bool)? {
        guard let descriptor = open(name) else { return nil }
        defer { iconv_close(descriptor) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2 + 16)
        var hadErrors = false
        var chunk = [UInt8](repeating: 0, count: 4096)
        var input = bytes
        input.withUnsafeMutableBufferPointer { inputBuffer in
            chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                let chunkBase = chunkBuffer.baseAddress!
                var inLeft = inputBuffer.count
                var inPointer: UnsafeMutablePointer<CChar>? =
                    inLeft == 0 ? nil : UnsafeMutableRawPointer(inputBuffer.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                var flushing = inLeft == 0
                while true {
                    var outPointer: UnsafeMutablePointer<CChar>? =
                        UnsafeMutableRawPointer(chunkBase).assumingMemoryBound(to: CChar.self)
                    var outLeft = chunkBuffer.count
                    let result: Int
                    if flushing {
                        result = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                    } else {
                        result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    }
                    let failure = result == -1 ? errno : 0
                    output.append(contentsOf: UnsafeBufferPointer(start: chunkBase, count: chunkBuffer.count - outLeft))
                    if failure == E2BIG { continue }
                    if flushing { break }
                    if failure == EILSEQ {
                        hadErrors = true
                        output.append(contentsOf: replacement)
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                        if inLeft == 0 { flushing = true }
                        continue
                    }
                    if failure == EINVAL || (failure != 0 && inLeft > 0) {
                        hadErrors = true
                        output.append(contentsOf: replacement)
                    }
                    flushing = true
                }
            }
        }
        return (String(decoding: output, as: UTF8.self), hadErrors)
    }

    private static func open(_ name: String) -> iconv_t? {
        let descriptor = iconv_open("UTF-8", name)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        return descriptor
    }
}

/// Byte surgery for tampering tests.
enum TestBytes {
    /// `bytes` with every occurrence of `pattern` replaced by `replacement` (same length).
    static func replacing(_ pattern: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        precondition(pattern.count == replacement.count && !pattern.isEmpty)
        var result = bytes
        var index = 0
        while index + pattern.count <= result.count {
            if Array(result[index..<(index + pattern.count)]) == pattern {
                result.replaceSubrange(index..<(index + pattern.count), with: replacement)
                index += pattern.count
            } else {
                index += 1
            }
        }
        return result
    }

    /// `bytes` with the byte at `offset` inverted.
    static func flipping(_ offset: Int, in bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        result[offset] ^= 0xFF
        return result
    }
}

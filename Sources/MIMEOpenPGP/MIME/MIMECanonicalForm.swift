/// The canonical form RFC 3156 §5 signs and encrypts: every line ending is CR LF.
enum MIMECanonicalForm {
    /// `bytes` with each bare LF turned into CR LF (existing CR LF pairs are kept).
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 32)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A && previous != 0x0D { result.append(0x0D) }
            result.append(byte)
            previous = byte
        }
        return result
    }

    /// A boundary that does not occur in `content`: RFC 2046 §5.1.1 characters, random.
    static func boundary(avoiding content: [UInt8]) -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let random = (0..<3).map { _ in String(generator.next() as UInt64, radix: 36) }.joined()
            let boundary = "=_openpgp_" + random
            if !contains(content, Array(boundary.utf8)) { return boundary }
        }
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return true
            }
            index += 1
        }
        return false
    }
}

/// Encodes bytes as base64 in lines of 76 characters ending in CRLF, the body form of
/// `application/pkcs7-mime` and `application/pkcs7-signature` parts (RFC 2045 §6.8,
/// RFC 8551 §3.2).
enum Base64Lines {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `bytes` in base64, 76 characters a line, every line (the last too) ending in CRLF.
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4 + bytes.count / 57 * 2 + 2)
        var start = 0
        while start < bytes.count {
            let line = bytes[start..<min(start + 57, bytes.count)]
            var index = line.startIndex
            while index < line.endIndex {
                let remaining = line.endIndex - index
                let b0 = UInt32(line[index])
                let b1 = remaining > 1 ? UInt32(line[index + 1]) : 0
                let b2 = remaining > 2 ? UInt32(line[index + 2]) : 0
                let group = b0 << 16 | b1 << 8 | b2
                output.append(alphabet[Int(group >> 18 & 0x3F)])
                output.append(alphabet[Int(group >> 12 & 0x3F)])
                output.append(remaining > 1 ? alphabet[Int(group >> 6 & 0x3F)] : UInt8(ascii: "="))
                output.append(remaining > 2 ? alphabet[Int(group & 0x3F)] : UInt8(ascii: "="))
                index += 3
            }
            output.append(contentsOf: [0x0D, 0x0A])
            start += 57
        }
        return output
    }
}

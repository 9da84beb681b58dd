/// Base64 content-transfer-encoding (RFC 2045 section 6.8) in lines of 76 characters, each
/// ended by CRLF.
///
/// Every output line but the last holds 76 characters (57 input bytes); the last line is
/// padded with `=` to a multiple of four and also ends with CRLF. Empty input gives empty
/// output.
public enum Base64Encoder {
    /// The characters on a full line (RFC 2045 section 6.8: "no more than 76").
    public static let lineLength = 76

    private static let bytesPerLine = lineLength / 4 * 3

    /// The exact size of the encoding of `inputCount` bytes, line endings included.
    public static func encodedCount(forInputCount inputCount: Int) -> Int {
        let characters = (inputCount + 2) / 3 * 4
        let lines = (characters + lineLength - 1) / lineLength
        return characters + 2 * lines
    }

    /// Encodes `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        bytes.withContiguousStorageIfAvailable { encode(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { encode($0) }
    }

    /// Encodes the bytes of `input`.
    public static func encode(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: encodedCount(forInputCount: input.count)) { buffer, count in
            count = encode(input, into: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// Encodes `input` into `output`, which must hold `encodedCount(forInputCount:)` bytes,
    /// and returns the number of bytes written.
    public static func encode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        let count = input.count
        precondition(output.count >= encodedCount(forInputCount: count), "output too small")
        guard count > 0, let source = input.baseAddress, let target = output.baseAddress else { return 0 }
        let digits: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        let alphabet = digits.utf8Start
        return pairs.withUnsafeBufferPointer { pairs in
            var i = 0
            var o = 0
            while i < count {
                let lineEnd = min(count, i + bytesPerLine)
                // Three bytes make two 12-bit halves, each looked up as two characters.
                while i + 3 <= lineEnd {
                    let word = Int(source.load(fromByteOffset: i, as: UInt8.self)) << 16
                        | Int(source.load(fromByteOffset: i + 1, as: UInt8.self)) << 8
                        | Int(source.load(fromByteOffset: i + 2, as: UInt8.self))
                    target.storeBytes(of: pairs[word >> 12], toByteOffset: o, as: UInt16.self)
                    target.storeBytes(of: pairs[word & 0xFFF], toByteOffset: o + 2, as: UInt16.self)
                    i += 3
                    o += 4
                }
                let rest = lineEnd - i
                if rest > 0 {
                    let first = UInt32(source.load(fromByteOffset: i, as: UInt8.self))
                    let second = rest == 2 ? UInt32(source.load(fromByteOffset: i + 1, as: UInt8.self)) : 0
                    let word = first << 16 | second << 8
                    target.storeBytes(of: alphabet[Int(word >> 18)], toByteOffset: o, as: UInt8.self)
                    target.storeBytes(of: alphabet[Int((word >> 12) & 63)], toByteOffset: o + 1, as: UInt8.self)
                    let third = rest == 2 ? alphabet[Int((word >> 6) & 63)] : UInt8(ascii: "=")
                    target.storeBytes(of: third, toByteOffset: o + 2, as: UInt8.self)
                    target.storeBytes(of: UInt8(ascii: "="), toByteOffset: o + 3, as: UInt8.self)
                    i = lineEnd
                    o += 4
                }
                target.storeBytes(of: 0x0D, toByteOffset: o, as: UInt8.self)
                target.storeBytes(of: 0x0A, toByteOffset: o + 1, as: UInt8.self)
                o += 2
            }
            return o
        }
    }

    /// The two characters of every 12-bit value, in memory order.
    private static let pairs: [UInt16] = {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        return (0..<4096).map { value in
            let first = UInt16(alphabet[value >> 6]), second = UInt16(alphabet[value & 63])
            return UInt16(littleEndian: first | second << 8)
        }
    }()
}

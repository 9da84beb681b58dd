import MIMECrypto

/// Decodes the base64 body of an `application/pkcs7-mime` or `application/pkcs7-signature`
/// part (RFC 8551 §3.2, RFC 2045 §6.8) into DER.
///
/// Line breaks and other white space are skipped; any other byte outside the base64
/// alphabet, or padding in the wrong place, is an error, since a CMS object that does not
/// decode cleanly should not be trusted to mean anything.
enum Base64Body {
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()

    /// The bytes that `encoded` stands for.
    static func decode(_ encoded: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(encoded.count / 4 * 3)
        var quantum: UInt32 = 0
        var count = 0
        var padding = 0
        for (offset, byte) in encoded.enumerated() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "="):
                guard count >= 2 else {
                    throw CryptoError(.malformedData, "base64 padding at offset \(offset) is misplaced")
                }
                padding += 1
                quantum <<= 6
                count += 1
            default:
                let value = table[Int(byte)]
                guard value != 0xFF, padding == 0 else {
                    throw CryptoError(.malformedData, "byte 0x\(String(byte, radix: 16)) at offset \(offset) is not base64")
                }
                quantum = quantum << 6 | UInt32(value)
                count += 1
            }
            if count == 4 {
                output.append(UInt8(truncatingIfNeeded: quantum >> 16))
                if padding < 2 { output.append(UInt8(truncatingIfNeeded: quantum >> 8)) }
                if padding < 1 { output.append(UInt8(truncatingIfNeeded: quantum)) }
                quantum = 0
                count = 0
                if padding > 0 { padding = 3 }
            }
        }
        guard count == 0 else {
            throw CryptoError(.malformedData, "base64 ends in the middle of a group of four")
        }
        return output
    }
}

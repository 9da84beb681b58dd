import Testing
@testable import MIMEKit

@Suite struct TokenByteTests {
    /// RFC 2045 section 5.1: a token is any US-ASCII character but SPACE, CTLs and tspecials.
    /// Bytes of 0x80 or more are taken as token bytes, tolerantly.
    @Test func everyByteIsJudgedAsRFC2045Says() {
        let tspecials = Set("()<>@,;:\\\"/[]?=".utf8)
        for value in 0...255 {
            let byte = UInt8(value)
            let expected = byte >= 0x80 || (byte > 0x20 && byte != 0x7F && !tspecials.contains(byte))
            #expect(HeaderValueScanner.isTokenByte(byte) == expected, "byte \(byte)")
        }
    }

    /// The five usual mechanisms in every mix of case, and near misses, give what the
    /// lower-casing path gives.
    @Test func usualMechanismsAreReadInAnyCase() {
        let names: [(String, TransferEncoding)] = [("7bit", .sevenBit), ("8bit", .eightBit), ("binary", .binary),
                                                   ("base64", .base64), ("quoted-printable", .quotedPrintable)]
        for (name, expected) in names {
            let bytes = Array(name.utf8)
            let letters = bytes.indices.filter { bytes[$0] >= 97 && bytes[$0] <= 122 }
            for mask in 0..<(1 << letters.count) {
                var variant = bytes
                for (bit, index) in letters.enumerated() where mask & (1 << bit) != 0 { variant[index] -= 32 }
                #expect(variant.withUnsafeBytes { TransferEncoding(token: $0) } == expected)
            }
            // One byte changed to another token byte: anything but this mechanism (or the
            // other spelling of the same letter).
            for position in bytes.indices {
                for value in 0x21...0x7E where HeaderValueScanner.isTokenByte(UInt8(value)) {
                    var variant = bytes
                    variant[position] = UInt8(value)
                    let same = variant.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 } == bytes
                    let read = variant.withUnsafeBytes { TransferEncoding(token: $0) }
                    #expect((read == expected) == same, "\(String(decoding: variant, as: UTF8.self))")
                }
            }
        }
    }
}

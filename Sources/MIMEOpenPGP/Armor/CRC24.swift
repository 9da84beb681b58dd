/// The 24-bit CRC that ASCII armor's checksum line carries (RFC 9580 §6.1).
///
/// Generator 0x864CFB, initial value 0xB704CE, computed over the binary data.
enum CRC24 {
    private static let table: [UInt32] = (0..<256).map { byte -> UInt32 in
        var crc = UInt32(byte) << 16
        for _ in 0..<8 {
            crc <<= 1
            if crc & 0x100_0000 != 0 { crc ^= 0x186_4CFB }
        }
        return crc & 0xFF_FFFF
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xB7_04CE
        for byte in bytes {
            crc = (crc << 8 ^ table[Int((crc >> 16 ^ UInt32(byte)) & 0xFF)]) & 0xFF_FFFF
        }
        return crc
    }
}

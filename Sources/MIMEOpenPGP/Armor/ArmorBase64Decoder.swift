/// Decodes the base64 lines of an armored block (RFC 9580 §6.3, the alphabet of RFC 4648
/// §4), line by line; spaces and tabs inside a line are skipped.
struct ArmorBase64Decoder {
    private(set) var output: [UInt8] = []
    private var accumulator: UInt32 = 0
    private var pending = 0
    private var padding = 0

    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()

    /// Decodes `range` of `buffer`; returns the offset of the first octet that is not base64
    /// (or that follows the padding), or nil.
    mutating func feed(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        for offset in range {
            let octet = buffer[offset]
            if octet == 0x20 || octet == 0x09 { continue }
            if octet == 0x3D {
                padding += 1
                if padding > 2 || pending + padding > 4 { return offset }
                continue
            }
            let value = Self.values[Int(octet)]
            if value == 0xFF || padding > 0 { return offset }
            accumulator = accumulator << 6 | UInt32(value)
            pending += 1
            if pending == 4 {
                output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                output.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                pending = 0
            }
        }
        return nil
    }

    /// Flushes the last group; returns why the data ends badly, or nil.
    mutating func finish() -> String? {
        switch pending {
        case 0:
            return padding == 0 ? nil : "padding without data before it"
        case 2:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default:
            return "the base64 data ends with a single character"
        }
        pending = 0
        accumulator = 0
        return nil
    }
}

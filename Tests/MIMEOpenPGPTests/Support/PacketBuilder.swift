/// Builds OpenPGP packets by hand, for edge cases no implementation writes on its own.
enum PacketBuilder {
    /// How to write a new-format length.
    enum Length {
        case oneOctet, twoOctet, fiveOctet
    }

    /// A new-format (OpenPGP format) packet.
    static func packet(tag: UInt8, _ body: [UInt8], length: Length? = nil) -> [UInt8] {
        let form = length ?? (body.count < 192 ? .oneOctet : body.count < 8384 ? .twoOctet : .fiveOctet)
        var header: [UInt8] = [0xC0 | tag]
        switch form {
        case .oneOctet:
            header.append(UInt8(body.count))
        case .twoOctet:
            let value = body.count - 192
            header += [UInt8(value >> 8 + 192), UInt8(value & 0xFF)]
        case .fiveOctet:
            header += [0xFF] + bigEndian(UInt32(body.count))
        }
        return header + body
    }

    /// A new-format packet whose body is sent in chunks of the given partial lengths (each a
    /// power of two), the rest as the final length.
    static func partialPacket(tag: UInt8, _ body: [UInt8], chunkPowers: [Int]) -> [UInt8] {
        var result: [UInt8] = [0xC0 | tag]
        var offset = 0
        for power in chunkPowers {
            result.append(UInt8(224 + power))
            result += body[offset..<(offset + (1 << power))]
            offset += 1 << power
        }
        let rest = Array(body[offset...])
        result += Array(packet(tag: 0, rest).dropFirst())
        return result
    }

    /// A legacy-format packet with length type 0 (1 octet), 1 (2), 2 (4) or 3 (to the end).
    static func legacyPacket(tag: UInt8, _ body: [UInt8], lengthType: UInt8) -> [UInt8] {
        var result: [UInt8] = [0x80 | tag << 2 | lengthType]
        switch lengthType {
        case 0: result.append(UInt8(body.count))
        case 1: result += [UInt8(body.count >> 8), UInt8(body.count & 0xFF)]
        case 2: result += bigEndian(UInt32(body.count))
        default: break
        }
        return result + body
    }

    /// A literal data body.
    static func literal(format: Character = "b", name: String, date: UInt32 = 0x5A00_0000, data: [UInt8]) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        return [UInt8(ascii: format.unicodeScalars.first!), UInt8(nameBytes.count)] + nameBytes + bigEndian(date) + data
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}

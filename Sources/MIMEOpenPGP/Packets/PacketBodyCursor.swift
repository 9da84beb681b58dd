/// Reads the fixed fields of a packet body front to back; every read checks the length and
/// throws a `malformedPacket` error naming the field and its offset.
struct PacketBodyCursor {
    let bytes: SegmentedBytes
    private(set) var position = 0
    /// Where the last field read starts, for errors about its value.
    private var fieldStart = 0

    init(_ bytes: SegmentedBytes) { self.bytes = bytes }

    var remaining: Int { bytes.count - position }

    /// The offset of the next byte in the caller's numbering.
    var absolutePosition: Int { bytes.absolute(position) }

    private mutating func need(_ n: Int, _ field: String) throws(OpenPGPPacketError) {
        fieldStart = position
        if n > remaining {
            throw .malformed(at: absolutePosition, "the body ends inside the \(field)")
        }
    }

    mutating func byte(_ field: String) throws(OpenPGPPacketError) -> UInt8 {
        try need(1, field)
        defer { position += 1 }
        return bytes[position]
    }

    mutating func uint16(_ field: String) throws(OpenPGPPacketError) -> UInt16 {
        try need(2, field)
        defer { position += 2 }
        return UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
    }

    mutating func uint32(_ field: String) throws(OpenPGPPacketError) -> UInt32 {
        try need(4, field)
        var value: UInt32 = 0
        for i in 0..<4 { value = value << 8 | UInt32(bytes[position + i]) }
        position += 4
        return value
    }

    mutating func take(_ n: Int, _ field: String) throws(OpenPGPPacketError) -> [UInt8] {
        try need(n, field)
        defer { position += n }
        return bytes.copy(position..<(position + n))
    }

    mutating func keyID(_ field: String) throws(OpenPGPPacketError) -> OpenPGPKeyID {
        try need(8, field)
        var value: UInt64 = 0
        for i in 0..<8 { value = value << 8 | UInt64(bytes[position + i]) }
        position += 8
        return OpenPGPKeyID(rawValue: value)
    }

    /// Skips `n` bytes (the caller's length field said they are there).
    mutating func skip(_ n: Int, _ field: String) throws(OpenPGPPacketError) {
        try need(n, field)
        position += n
    }

    /// The bytes from the cursor to the end of the body.
    var rest: SegmentedBytes { bytes.slice(position..<bytes.count) }

    /// An error about the value of the field read last, at that field's offset.
    func malformed(_ reason: String) -> OpenPGPPacketError {
        .malformed(at: bytes.absolute(fieldStart), reason)
    }
}

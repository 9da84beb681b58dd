/// One header field, as ranges of the input.
///
/// The name keeps its spelling and compares case-insensitively; the raw value keeps its
/// folding and any encoded-words.
public struct HeaderField: Sendable {
    /// The whole field, from its name to its final line ending.
    public let raw: ByteView
    /// The field name as written.
    public let nameBytes: ByteView
    /// The value after the colon, folding kept, without the final line ending.
    public let rawValue: ByteView

    /// The field name as written.
    public var name: String { nameBytes.utf8String }

    /// The value with folding removed (the CRLF or LF of each folded line dropped) and
    /// surrounding white space trimmed; 8-bit bytes are read as UTF-8.
    public var unfoldedValue: String {
        rawValue.withUnsafeBytes { raw in
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            for (i, byte) in raw.enumerated() {
                if byte == 0x0A { continue }
                if byte == 0x0D && i + 1 < raw.count && raw[i + 1] == 0x0A { continue }
                out.append(byte)
            }
            var start = 0, end = out.count
            while start < end && (out[start] == 0x20 || out[start] == 0x09) { start += 1 }
            while end > start && (out[end - 1] == 0x20 || out[end - 1] == 0x09) { end -= 1 }
            return String(decoding: out[start..<end], as: UTF8.self)
        }
    }

    /// Whether the name is `name`, ignoring ASCII case.
    public func hasName(_ name: String) -> Bool {
        let wanted = name.utf8
        guard wanted.count == nameBytes.count else { return false }
        return nameBytes.withUnsafeBytes { raw in
            zip(raw, wanted).allSatisfy { asciiLower($0) == asciiLower($1) }
        }
    }
}

/// The header fields of an entity, in order, with case-insensitive lookup by name.
public struct HeaderFields: Sendable, RandomAccessCollection {
    let message: MIMEMessage
    let fieldIndices: [Int]
    /// Lines kept in the header block that are not fields (junk before or between fields,
    /// and fields past the header limits); adjacent lines come as one view.
    public let junk: [ByteView]

    init(message: MIMEMessage, items: Range<Int>) {
        self.message = message
        var fields: [Int] = []
        var junk: [ByteView] = []
        for i in items {
            if message.items[i].isField {
                fields.append(i)
            } else {
                junk.append(message.storage.view(message.items[i].range))
            }
        }
        self.fieldIndices = fields
        self.junk = junk
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { fieldIndices.count }

    public subscript(position: Int) -> HeaderField {
        let item = message.items[fieldIndices[position]]
        return HeaderField(raw: message.storage.view(item.range), nameBytes: message.storage.view(item.name),
                           rawValue: message.storage.view(item.value))
    }

    /// The unfolded value of the first field named `name` (case-insensitive).
    public subscript(name: String) -> String? {
        first { $0.hasName(name) }?.unfoldedValue
    }

    /// Every field named `name` (case-insensitive), in order.
    public func fields(named name: String) -> [HeaderField] {
        filter { $0.hasName(name) }
    }
}

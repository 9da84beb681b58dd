/// Writes a parsed message back out, region by region.
///
/// For an unmodified message the output is the input, byte for byte: each region of the
/// tree (separator, header lines, blank line, bodies, preambles, boundaries, epilogues,
/// trailer) is written from the input in order.
public enum MIMEWriter {
    /// Writes `message` through `sink`, one region at a time.
    public static func write(_ message: MIMEMessage, to sink: (ByteView) -> Void) {
        if let separator = message.separator { sink(message.storage.view(separator)) }
        write(message.root, to: sink)
        if !message.trailer.isEmpty { sink(message.storage.view(message.trailer)) }
    }

    /// Writes one entity (headers and body) through `sink`.
    public static func write(_ entity: MIMEEntity, to sink: (ByteView) -> Void) {
        let message = entity.message
        let record = entity.record
        let storage = message.storage
        for item in message.items[record.headerItems] { sink(storage.view(item.range)) }
        sink(storage.view(record.blankLine))
        switch record.kind {
        case .leaf:
            sink(storage.view(record.bodyStart..<record.end))
        case .message:
            for child in entity.children { write(child, to: sink) }
        case .multipart:
            if let preamble = record.preamble { sink(storage.view(preamble)) }
            var children = entity.children.makeIterator()
            var index = record.firstDelimiter
            while index >= 0 {
                let delimiter = message.delimiters[index]
                sink(storage.view(delimiter.range))
                if !delimiter.isClosing, let child = children.next() { write(child, to: sink) }
                index = delimiter.next
            }
            if let epilogue = record.epilogue { sink(storage.view(epilogue)) }
        }
    }

    /// The bytes of `message` as `write` produces them.
    public static func serialize(_ message: MIMEMessage) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.range.count)
        write(message) { view in view.withUnsafeBytes { out.append(contentsOf: $0) } }
        return out
    }
}

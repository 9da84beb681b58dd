/// Builds `MIMEMessage` trees from the event layer's events.
struct MessageTreeBuilder {
    let storage: ByteStorage
    private var entities: [EntityRecord] = []
    private var items: [HeaderItem] = []
    private var delimiters: [DelimiterRecord] = []
    private var diagnostics: [MIMEDiagnostic] = []
    private var stack: [Int] = []
    private var messageStart = 0
    private var separator: Range<Int>?
    private var messageIndex = 0
    /// Where the top entity's header items start in `items`: a header block is read whole
    /// before anything nests, so its items are the ones appended since its `entityBegin`.
    private var headerStart = 0
    /// How many delimiters the last message with any had: the room a new message's first
    /// delimiter reserves.
    private var delimiterHint = 0
    /// The base64 leaves of the message being built that were decoded ahead of the parser.
    private var headStarts: [Base64HeadStart] = []

    init(storage: ByteStorage) { self.storage = storage }

    /// If the parser is in the body of a base64 leaf, decodes that body on as far as `end` can
    /// be known to be in it (see `Base64HeadStart`); `all` is the storage's bytes, `scratch`
    /// at least `Base64HeadStart.scratchCount` bytes. `expectedEnd` bounds the body, for the
    /// decoder's choice of tables.
    mutating func decodeAhead(_ all: UnsafeRawBufferPointer, to end: Int, expectedEnd: Int,
                              scratch: UnsafeMutableRawBufferPointer) {
        guard let top = stack.last, entities[top].headersEnded, entities[top].kind == .leaf,
              entities[top].encoding == .base64 else { return }
        if headStarts.last?.entity != top {
            let bodyStart = entities[top].bodyStart
            headStarts.append(Base64HeadStart(entity: top, bodyStart: bodyStart,
                                              expectedInputCount: expectedEnd - bodyStart))
        }
        headStarts[headStarts.count - 1].advance(all, to: end, scratch: scratch)
    }

    mutating func handle(_ event: MIMEEvent, deliver: (MIMEMessage) -> Void) {
        switch event {
        case .messageBegin(let offset):
            messageStart = offset
            separator = nil
        case .mboxSeparator(let range):
            separator = range
        case .entityBegin(let offset, let depth):
            let index = entities.count
            let parent = stack.last ?? -1
            entities.append(EntityRecord(parent: parent, depth: depth, start: offset, end: offset,
                                         blankLine: offset..<offset, headerItems: items.count..<items.count))
            if parent >= 0 {
                if entities[parent].lastChild >= 0 {
                    entities[entities[parent].lastChild].nextSibling = index
                } else {
                    entities[parent].firstChild = index
                }
                entities[parent].lastChild = index
                entities[parent].childCount += 1
                entities[index].ordinal = entities[parent].childCount
            }
            stack.append(index)
            headerStart = items.count
        case .headerField(let field, let name, let value):
            appendItem(HeaderItem(range: field, name: name, value: value, isField: true))
        case .headerJunk(let range):
            appendItem(HeaderItem(range: range, name: range.lowerBound..<range.lowerBound, value: range, isField: false))
        case .headersEnd(let info):
            let top = stack[stack.count - 1]
            entities[top].headerItems = headerStart..<items.count
            entities[top].blankLine = info.blankLine
            entities[top].kind = info.kind
            entities[top].contentType = info.contentType
            entities[top].headersEnded = true
            entities[top].isDefaultContentType = info.isDefaultContentType
            // An entity's headers end once: the record still has no transfer encoding.
            if let name = info.transferEncoding { entities[top].setTransferEncoding(name) }
            entities[top].setEncoding(info.encoding)
        case .body:
            break
        case .preamble(let range):
            let top = stack[stack.count - 1]
            entities[top].preamble = join(entities[top].preamble, range)
        case .epilogue(let range):
            let top = stack[stack.count - 1]
            entities[top].epilogue = join(entities[top].epilogue, range)
        case .boundary(let range, let isClosing):
            let top = stack[stack.count - 1]
            let index = delimiters.count
            if delimiters.capacity == 0 {
                // The first delimiter of a message: room for the usual handful at once (an
                // array grown one append at a time reallocates at 1, 2 and 4), and none at all
                // for the many messages that have no multipart.
                delimiters.reserveCapacity(Swift.max(4, Swift.min(delimiterHint, 64)))
            }
            delimiters.append(DelimiterRecord(range: range, isClosing: isClosing))
            if entities[top].lastDelimiter >= 0 {
                delimiters[entities[top].lastDelimiter].next = index
            } else {
                entities[top].firstDelimiter = index
            }
            entities[top].lastDelimiter = index
        case .entityEnd(let offset):
            let top = stack.removeLast()
            entities[top].end = offset
        case .messageEnd(let offset, let trailer):
            // An input that stops inside a header block leaves an entity whose headers never
            // ended: it gets the default content type, as if they had ended without one.
            for index in entities.indices where !entities[index].headersEnded {
                entities[index].contentType = .textPlain
            }
            let message = MIMEMessage(
                storage: storage, index: messageIndex, range: messageStart..<offset, separator: separator,
                trailer: trailer, entities: entities, items: items, delimiters: delimiters,
                diagnostics: diagnostics, headStarts: headStarts)
            messageIndex += 1
            // The arrays now belong to the message: start new ones, sized for a message like
            // this one but never carrying a huge one's capacity over to every later message.
            Self.restart(&entities, minimum: Self.perKilobyte(EntityRecord.self))
            Self.restart(&items, minimum: Self.perKilobyte(HeaderItem.self))
            if !delimiters.isEmpty { delimiterHint = delimiters.count }
            delimiters = []
            diagnostics = []
            if !headStarts.isEmpty { headStarts = [] }
            stack.removeAll(keepingCapacity: true)
            deliver(message)
        case .diagnostic(let diagnostic):
            diagnostics.append(diagnostic)
        }
    }

    /// Appends a header item of the top entity; its range of items is set at `headersEnd`.
    private mutating func appendItem(_ item: HeaderItem) {
        // Adjacent kept lines become one range, so lines past the header limits (a million
        // fields) cost no memory per line.
        if !item.isField, items.count > headerStart, let last = items.last, !last.isField,
           last.range.upperBound == item.range.lowerBound {
            items[items.count - 1].range = last.range.lowerBound..<item.range.upperBound
            items[items.count - 1].value = items[items.count - 1].range
            return
        }
        items.append(item)
    }

    /// Starts a new array with room for as many elements as the last message had (at most
    /// 64), or `minimum`. No slack beyond that: a block past about 1 KB leaves malloc's fast
    /// path (callgrind: 8 more header items cost more than the reallocations they saved).
    private static func restart<T>(_ array: inout [T], minimum: Int = 0) {
        let count = array.count
        array = []
        array.reserveCapacity(Swift.max(Swift.min(count, 64), minimum))
    }

    /// How many `T` fit in a block that malloc still serves from its per-thread cache (blocks
    /// up to about 1 KB; the array's own header takes 32 bytes): room for the parts or header
    /// lines of a typical message at no extra cost, so a message with a few more of them than
    /// the last one does not reallocate its array once or twice.
    private static func perKilobyte<T>(_: T.Type) -> Int { Swift.max(1, 960 / MemoryLayout<T>.stride) }

    private func join(_ a: Range<Int>?, _ b: Range<Int>) -> Range<Int> {
        guard let a else { return b }
        return a.lowerBound..<b.upperBound
    }
}

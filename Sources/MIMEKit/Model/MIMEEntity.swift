/// One entity of a message: the root, a body part, or the root of an enclosed message.
///
/// A view of the message's tree: cheap to copy, holding the message and an index.
public struct MIMEEntity: Sendable {
    /// The message this entity belongs to.
    public let message: MIMEMessage
    let index: Int

    init(message: MIMEMessage, index: Int) {
        self.message = message
        self.index = index
    }

    /// The entity's record, borrowed rather than copied (a copy retains its strings).
    var record: EntityRecord { _read { yield message.tree.records[index] } }

    /// How the body is parsed: leaf, multipart or enclosed message.
    public var kind: MIMEHeadersEnd.Kind { record.kind }
    /// Whether the body is content rather than other entities.
    public var isLeaf: Bool { record.kind == .leaf }
    /// Nesting depth: 0 for the root.
    public var depth: Int { record.depth }
    /// The effective content type: the entity's own, or the default (`text/plain`, or
    /// `message/rfc822` inside `multipart/digest`) when absent or unparsable.
    public var contentType: ContentType {
        // Yielded in place: a caller that only reads it (`entity.contentType.type`) copies no
        // strings and retains nothing.
        _read { yield message.tree.records[index].contentType }
    }
    /// Whether `contentType` is a default rather than given by the entity.
    public var isDefaultContentType: Bool { record.isDefaultContentType }
    /// The Content-Transfer-Encoding token as given (nil when absent: 7bit).
    public var transferEncodingName: String? { record.transferEncoding }

    /// The parent entity: a multipart, or an enclosed message's `message/rfc822` entity.
    public var parent: MIMEEntity? {
        record.parent >= 0 ? MIMEEntity(message: message, index: record.parent) : nil
    }

    /// The children: the body parts of a multipart, or the one root of an enclosed message.
    public var children: [MIMEEntity] {
        var result: [MIMEEntity] = []
        result.reserveCapacity(record.childCount)
        var child = record.firstChild
        while child >= 0 {
            result.append(MIMEEntity(message: message, index: child))
            child = message.records[child].nextSibling
        }
        return result
    }

    /// The header fields, in order.
    public var headers: HeaderFields { HeaderFields(message: message, items: record.headerItems) }

    /// The whole entity: headers, blank line and body.
    public var raw: ByteView { message.storage.view(record.start..<record.end) }
    /// The header block with the blank line that ends it.
    public var headerBlock: ByteView { message.storage.view(record.start..<record.bodyStart) }
    /// The raw body (still transfer-encoded); for a multipart, preamble to epilogue.
    public var body: ByteView { message.storage.view(record.bodyStart..<record.end) }
    /// A multipart's preamble (before its first boundary), if it has one.
    public var preamble: ByteView? { record.preamble.map { message.storage.view($0) } }
    /// A multipart's epilogue (after its close delimiter), if it has one.
    public var epilogue: ByteView? { record.epilogue.map { message.storage.view($0) } }

    /// Offsets into the input: where the entity starts, where its body starts, where it ends.
    public var offsets: (start: Int, bodyStart: Int, end: Int) { (record.start, record.bodyStart, record.end) }

    /// The diagnostics located inside this entity but not inside one of its children.
    public var diagnostics: [MIMEDiagnostic] {
        let own = record.start..<max(record.end, record.start + 1)
        let childRanges = children.map { $0.record.start..<$0.record.end }
        return message.diagnostics.filter { d in
            (own.contains(d.offset) || (d.offset == record.end && index == 0))
                && !childRanges.contains { $0.contains(d.offset) }
        }
    }

    /// The IMAP section number of this entity (RFC 3501 section 6.4.5).
    ///
    /// Body parts of a multipart are numbered from 1 (`1`, `2`, `2.1`, ...); a non-multipart
    /// message root is `1`. IMAP gives no number to a multipart that is a message's root, so
    /// it is named by the section that addresses its body: `TEXT` at the top, `N.TEXT` for
    /// the message enclosed in part `N`; a non-multipart enclosed root is `N.1`.
    public var id: String {
        let parentIndex = record.parent
        if parentIndex < 0 { return record.kind == .multipart ? "TEXT" : "1" }
        let parentRecord = message.records[parentIndex]
        let parentEntity = MIMEEntity(message: message, index: parentIndex)
        if parentRecord.kind == .message {
            return parentEntity.id + (record.kind == .multipart ? ".TEXT" : ".1")
        }
        return parentEntity.childPrefix + String(record.ordinal)
    }

    /// What a multipart's children's numbers start with.
    private var childPrefix: String {
        let parentIndex = record.parent
        if parentIndex < 0 { return "" }
        if message.records[parentIndex].kind == .message {
            return MIMEEntity(message: message, index: parentIndex).id + "."
        }
        return id + "."
    }
}

/// A parsed message: a tree of entities whose every header and body is a range of the input.
///
/// Nothing is copied or decoded while parsing; values are decoded when asked for. Every
/// input byte belongs to exactly one region of the tree (mbox separator, header field or
/// kept junk line, blank line, body, preamble, boundary, epilogue, mbox trailer), so
/// `MIMEWriter` gives back the input byte for byte.
///
/// ```swift
/// let message = MIMEMessage(parsing: try ByteStorage(contentsOfFile: "mail.eml"))
/// for entity in message.entities where entity.isLeaf {
///     print(entity.id, entity.contentType.mimeType, entity.body.count)
/// }
/// ```
public struct MIMEMessage: Sendable {
    /// Everything the message holds, in one object, so that a copy of the message (every
    /// `MIMEEntity` holds one) costs one reference count, not one per array.
    let tree: MessageTree

    /// The input the message lives in.
    public var storage: ByteStorage { tree.storage }
    /// The message's position among the messages of the parse that made it (0 for a single
    /// message or the first of an mbox; each range parsed on its own starts again at 0).
    public var index: Int { tree.index }
    /// Where the message is in the input, from its mbox separator (if any) to its end.
    public var range: Range<Int> { tree.range }
    /// The mbox `From ` line, if the message came from an mbox.
    public var separator: Range<Int>? { tree.separator }
    /// The blank line an mbox puts before the next `From ` line (empty otherwise).
    public var trailer: Range<Int> { tree.trailer }
    /// What the parser noticed about malformed input, in input order.
    public var diagnostics: [MIMEDiagnostic] { tree.diagnostics }

    var records: [EntityRecord] { _read { yield tree.records } }
    var items: [HeaderItem] { _read { yield tree.items } }
    var delimiters: [DelimiterRecord] { _read { yield tree.delimiters } }

    init(storage: ByteStorage, index: Int, range: Range<Int>, separator: Range<Int>?, trailer: Range<Int>,
         entities: [EntityRecord], items: [HeaderItem], delimiters: [DelimiterRecord],
         diagnostics: [MIMEDiagnostic], headStarts: [Base64HeadStart] = []) {
        tree = MessageTree(storage: storage, index: index, range: range, separator: separator, trailer: trailer,
                           records: entities, items: items, delimiters: delimiters, diagnostics: diagnostics,
                           headStarts: headStarts)
    }

    /// Parses one message (an mbox separator line at the start is kept as junk of the
    /// headers, with a diagnostic; use `MIMEParser.parseMessages` for mailboxes).
    public init(parsing storage: ByteStorage, options: MIMEParserOptions = MIMEParserOptions()) {
        var options = options
        options.mbox = false
        var parsed: MIMEMessage?
        MIMEParser.parseMessages(storage, options: options) { parsed = $0 }
        self = parsed!
    }

    /// Parses one message held in an array.
    public init(bytes: [UInt8], options: MIMEParserOptions = MIMEParserOptions()) {
        self.init(parsing: ByteStorage(bytes), options: options)
    }

    /// The root entity (the message's own headers and body).
    public var root: MIMEEntity { MIMEEntity(message: self, index: 0) }

    /// Every entity in input order (depth first).
    public var entities: [MIMEEntity] { records.indices.map { MIMEEntity(message: self, index: $0) } }

    /// How many entities the message has: `entities.count`, without building the array.
    public var entityCount: Int { records.count }

    /// The entity at `index` (from 0) in input order: `entities[index]`, without building
    /// the array, for a loop over every entity of every message of a mailbox.
    public func entity(at index: Int) -> MIMEEntity {
        precondition(index >= 0 && index < records.count, "entity index out of range")
        return MIMEEntity(message: self, index: index)
    }

    /// The message's own header fields (those of the root entity).
    public var headers: HeaderFields { root.headers }

    /// The bytes of the message, mbox separator and trailer included.
    public var rawBytes: ByteView { storage.view(range) }

    /// The entity with IMAP section number `id` (see `MIMEEntity.id`).
    public func entity(id: String) -> MIMEEntity? {
        entities.first { $0.id == id }
    }
}

/// The immutable parts of a `MIMEMessage`.
final class MessageTree: Sendable {
    let storage: ByteStorage
    let index: Int
    let range: Range<Int>
    let separator: Range<Int>?
    let trailer: Range<Int>
    let diagnostics: [MIMEDiagnostic]
    let records: [EntityRecord]
    let items: [HeaderItem]
    let delimiters: [DelimiterRecord]
    /// Base64 leaves decoded in part while the parser read them (`MIMEParser`'s `decodingAhead`).
    let headStarts: [Base64HeadStart]

    init(storage: ByteStorage, index: Int, range: Range<Int>, separator: Range<Int>?, trailer: Range<Int>,
         records: [EntityRecord], items: [HeaderItem], delimiters: [DelimiterRecord], diagnostics: [MIMEDiagnostic],
         headStarts: [Base64HeadStart]) {
        self.headStarts = headStarts
        self.storage = storage
        self.index = index
        self.range = range
        self.separator = separator
        self.trailer = trailer
        self.records = records
        self.items = items
        self.delimiters = delimiters
        self.diagnostics = diagnostics
    }
}

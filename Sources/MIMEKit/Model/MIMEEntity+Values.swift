/// Decoded values of an entity: disposition, file name, charset and text.
extension MIMEEntity {
    /// The first Content-Disposition field, parsed (RFC 2183), if present and readable.
    public var contentDisposition: ContentDisposition? {
        firstFieldValue(lowercasedName: "content-disposition").flatMap { range in
            message.storage.withUnsafeBytes { ContentDisposition(parsing: UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
    }

    /// The raw value range of the first field named `name` (given in lower case), found
    /// without building `HeaderFields` or any string.
    func firstFieldValue(lowercasedName name: StaticString) -> Range<Int>? {
        let items = message.items
        let range = message.records[index].headerItems
        return message.storage.withUnsafeBytes { raw in
            for i in range where items[i].isField {
                if asciiEqualsLowercased(UnsafeRawBufferPointer(rebasing: raw[items[i].name]), name) { return items[i].value }
            }
            return nil
        }
    }

    /// The file name the sender gave: Content-Disposition's `filename`, else Content-Type's
    /// older `name` (both RFC 2231 or RFC 2047 decoded). It comes from the message: never use
    /// it as a path without making it safe (see `SafeFileName`).
    public var fileName: String? {
        if let name = contentDisposition?.filename, !name.isEmpty { return name }
        if let name = contentType.name, !name.isEmpty { return name }
        return nil
    }

    /// The `charset` parameter, lower-cased.
    public var charset: String? { contentType.charset }

    /// Whether this leaf is an attachment: marked `attachment`, or naming a file.
    public var isAttachment: Bool {
        guard record.kind == .leaf else { return false }
        if let range = firstFieldValue(lowercasedName: "content-disposition") {
            // Most values are decided by a look at their bytes; `stat` asks this of every
            // leaf, and parsing the value built a few arrays and strings each time.
            let look = message.storage.withUnsafeBytes {
                ContentDisposition.quickLook(UnsafeRawBufferPointer(rebasing: $0[range]))
            }
            switch look {
            case .attachment:
                return true
            case .noFilename:
                break
            case .unknown:
                let disposition = message.storage.withUnsafeBytes {
                    ContentDisposition(parsing: UnsafeRawBufferPointer(rebasing: $0[range]))
                }
                if let disposition {
                    if disposition.isAttachment { return true }
                    if let name = disposition.filename, !name.isEmpty { return true }
                }
            }
        }
        return hasNonEmptyNameParameter
    }

    /// Whether Content-Type has a `name` parameter whose decoded value is not empty: the same
    /// answer as `contentType.name`, looked up in place rather than through a copy of the
    /// content type and of the parameter's value.
    var hasNonEmptyNameParameter: Bool {
        let parameters = record.contentType.parameters
        for i in parameters.indices where asciiCaseInsensitiveEqual(parameters[i].name, "name") {
            return !parameters[i].value.isEmpty
        }
        return false
    }

    /// What `decodeBody` reports (decoded size, issues, diagnostics), for a caller that wants
    /// only the report, such as `mimekit stat`.
    ///
    /// A 7bit, 8bit or binary body decodes to itself (less one `>` per quoted `From ` line of
    /// an mbox), so its size is counted over the pieces `decodeBody` would hand over, with none
    /// of the decoding loop's buffer, chunks and calls; it has no issues and no diagnostics.
    /// Other encodings, and `discardingPages` (which gives the pages back as it goes), take
    /// `decodeBody` itself. A base64 body that the parser decoded in part as it read it
    /// (`MIMEParser.parseMessages(_:in:options:discardingPages:decodingAhead:_:)`) is decoded
    /// on from there, to the same report.
    public func decodedBodyReport(discardingPages: Bool = false) -> DecodedBodyReport {
        if !message.tree.headStarts.isEmpty, let report = headStartReport(discardingPages: discardingPages) {
            return report
        }
        if discardingPages { return decodeBody(discardingPages: true) { _ in } }
        let encoding = isLeaf ? transferEncoding : .sevenBit
        switch encoding {
        case .sevenBit, .eightBit, .binary:
            let range = record.bodyStart..<record.end
            var size = range.count
            if message.separator != nil {
                size = 0
                message.storage.withUnsafeBytes { all in
                    forEachUnquotedPiece(of: UnsafeRawBufferPointer(rebasing: all[range])) { size += $0.count }
                }
            }
            return DecodedBodyReport(encoding: encoding, decodedSize: size, issues: DecoderIssues(), diagnostics: [])
        default:
            return decodeBody { _ in }
        }
    }

    /// The decoded body as text, converted from the part's charset (`fallbackCharset`, then
    /// windows-1252, when the part has none or an unknown one); invalid bytes become U+FFFD.
    /// nil for entities that are not leaves.
    public func decodedText(fallbackCharset: String = "windows-1252") -> String? {
        guard isLeaf else { return nil }
        let bytes = decodedBody()
        if let charset, let text = Charset.decode(bytes, charset: charset) { return text }
        if charset == nil || charset == "us-ascii", let text = String(validating: bytes, as: UTF8.self) { return text }
        return Charset.decode(bytes, charset: fallbackCharset) ?? String(decoding: bytes, as: UTF8.self)
    }
}

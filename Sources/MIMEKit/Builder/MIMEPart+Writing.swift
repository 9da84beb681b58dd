extension MIMEPart {
    /// The entity's bytes: header fields, blank line and body, with CRLF line endings (a raw
    /// part or an enclosed parsed message keeps the endings it has).
    public func serialize(options: MIMEBuildOptions = MIMEBuildOptions()) -> [UInt8] {
        var context = BuildContext(options: options)
        let rendered = render(&context)
        return rendered.header + rendered.rest
    }

    /// A rendered entity: the header fields the part writes, then everything after them (the
    /// blank line and the body; for a raw part, all of its bytes). Kept apart so that a
    /// message can put its own fields in front.
    struct Rendered {
        var header: [UInt8]
        var rest: [UInt8]
    }

    func render(_ context: inout BuildContext) -> Rendered {
        let crlf: [UInt8] = [0x0D, 0x0A]
        var parameters = contentType.parameters.map { (name: $0.name, value: $0.value) }
        var encoding: TransferEncoding?
        let body: [UInt8]
        switch content {
        case .raw(let bytes):
            return Rendered(header: [], rest: bytes)
        case .text(let text):
            let normalized = Self.withCRLF(Array(text.utf8))
            (encoding, body) = encodeLeaf(normalized, isText: true)
        case .bytes(let bytes):
            (encoding, body) = encodeLeaf(bytes, isText: contentType.type == "text")
        case .message(let message):
            body = message.root.raw.bytes
            encoding = Self.identityEncoding(for: ContentProfile(body))
        case .builtMessage(let builder):
            body = builder.serialize(&context)
            encoding = Self.identityEncoding(for: ContentProfile(body))
        case .multipart(let parts, let preamble, let epilogue):
            let children = parts.map { $0.render(&context) }.map { $0.header + $0.rest }
            let before = preamble.map { Self.withCRLF(Array($0.utf8)) }
            let after = epilogue.map { Self.withCRLF(Array($0.utf8)) }
            let boundary = context.boundary(avoiding: children + [before ?? [], after ?? []])
            parameters.removeAll { asciiCaseInsensitiveEqual($0.name, "boundary") }
            parameters.append((name: "boundary", value: boundary))
            let delimiter = Array("--\(boundary)".utf8)
            var out: [UInt8] = []
            out.reserveCapacity(children.reduce(0) { $0 + $1.count + delimiter.count + 4 } + 64)
            if let before { out += before + crlf }
            for child in children {
                out += delimiter + crlf + child + crlf
            }
            out += delimiter + Array("--".utf8) + crlf
            if let after { out += after }
            body = out
            encoding = children.map(ContentProfile.init).map(Self.identityEncoding).max { rank($0) < rank($1) } ?? nil
        }
        var header = HeaderEncoder.parameterizedField(name: "Content-Type", value: contentType.mimeType, parameters: parameters)
        if let encoding { header += Array("Content-Transfer-Encoding: \(encoding)".utf8) + crlf }
        if let disposition {
            header += HeaderEncoder.parameterizedField(
                name: "Content-Disposition", value: disposition, parameters: filename.map { [(name: "filename", value: $0)] } ?? [])
        }
        if let contentID {
            header += Array("Content-ID: \(contentID.hasPrefix("<") ? contentID : "<\(contentID)>")".utf8) + crlf
        }
        if let contentDescription { header += HeaderEncoder.unstructuredField(name: "Content-Description", value: contentDescription) }
        for field in fields { header += field.bytes }
        return Rendered(header: header, rest: crlf + body)
    }

    /// The transfer encoding and encoded body of a leaf; a nil encoding means `7bit`, which
    /// needs no field.
    private func encodeLeaf(_ bytes: [UInt8], isText: Bool) -> (TransferEncoding?, [UInt8]) {
        let encoding = transferEncoding ?? Self.chooseEncoding(for: ContentProfile(bytes), isText: isText)
        switch encoding {
        case .base64: return (encoding, Base64Encoder.encode(bytes))
        case .quotedPrintable: return (encoding, QuotedPrintableEncoder.encode(bytes))
        case .sevenBit: return (transferEncoding, bytes)
        default: return (encoding, bytes)
        }
    }

    /// The encoding the builder picks for a leaf's bytes (RFC 2045 section 6).
    ///
    /// Quoted-printable keeps line breaks only as CRLF, so it is chosen only for bytes whose
    /// line breaks already are CRLF; otherwise base64 carries the bytes exactly.
    static func chooseEncoding(for profile: ContentProfile, isText: Bool) -> TransferEncoding {
        if profile.isSevenBitSafe { return .sevenBit }
        if isText && profile.isMostlyASCII && profile.bareLF == 0 { return .quotedPrintable }
        return .base64
    }

    /// The identity encoding that labels an enclosed message or multipart whose bytes are
    /// given (RFC 2046 section 5.2.1 forbids the others); nil for `7bit`.
    static func identityEncoding(for profile: ContentProfile) -> TransferEncoding? {
        if profile.nul > 0 || profile.longestLine > 998 { return .binary }
        if profile.eightBit > 0 { return .eightBit }
        return nil
    }

    /// `bytes` with every line break (CRLF, LF or a lone CR) as CRLF.
    static func withCRLF(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: 2 * input.count) { output, count in
                let n = input.count
                var i = 0
                var o = 0
                while i < n {
                    let byte = input[i]
                    if byte == 0x0D || byte == 0x0A {
                        output[o] = 0x0D
                        output[o + 1] = 0x0A
                        o += 2
                        i += byte == 0x0D && i + 1 < n && input[i + 1] == 0x0A ? 2 : 1
                    } else {
                        output[o] = byte
                        o += 1
                        i += 1
                    }
                }
                count = o
            }
        }
    }
}

private func rank(_ encoding: TransferEncoding?) -> Int {
    switch encoding {
    case .binary: 2
    case .eightBit: 1
    default: 0
    }
}

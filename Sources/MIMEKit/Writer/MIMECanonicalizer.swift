#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The canonical form of an entity for signing: the exact bytes S/MIME (RFC 8551 section
/// 3.1.1) and OpenPGP/MIME (RFC 3156 section 5) sign and verify.
///
/// What changes:
/// - Every bare LF becomes CRLF, in header fields, blank lines, bodies, preambles,
///   boundary lines and epilogues.
/// - A leaf whose body is not 7-bit safe (bytes above 127, NUL, a CR without LF, a line over
///   998 characters, or a line ending in white space, which RFC 3156 section 5 forbids in
///   signed data) is re-encoded:
///   - `7bit` or `8bit` (line-oriented): its lines, with CRLF breaks, as quoted-printable
///     when the part is text and mostly ASCII, else as base64;
///   - `binary`: its exact bytes as base64;
///   - `quoted-printable` or `base64`: decoded and encoded again the same way.
///
///   Its Content-Transfer-Encoding field gets the new mechanism in place (the name keeps
///   its spelling, every such field is rewritten), or one is added at the end of the header
///   when it had none.
/// - A multipart or enclosed message labelled `8bit` or `binary` whose canonical content is
///   7-bit is relabelled `7bit` the same way.
/// - Multiparts and enclosed messages are canonicalised part by part, recursively; but the
///   parts of a `multipart/signed` only have their line endings changed, since re-encoding
///   them would break their signature.
///
/// What never changes: the order, names and values of header fields other than
/// Content-Transfer-Encoding, byte for byte (8-bit bytes in header values included); the
/// boundaries; preambles and epilogues but for line endings; bodies in a mechanism this
/// module cannot decode (uuencode, unknown tokens) but for line endings. An entity that is
/// already canonical comes out as its raw bytes, unchanged; and canonicalising the output
/// again gives the same bytes.
public enum MIMECanonicalizer {
    /// The canonical bytes of a parsed entity.
    public static func canonicalize(_ entity: MIMEEntity) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entity.raw.count + entity.raw.count / 16)
        write(entity, into: &out)
        return out
    }

    /// The canonical bytes of an entity given as bytes (header fields, blank line, body).
    public static func canonicalize(entityBytes bytes: [UInt8]) -> [UInt8] {
        canonicalize(MIMEMessage(bytes: bytes).root)
    }

    /// The canonical bytes of a built part: it is serialized with `options`, then
    /// canonicalised (which changes nothing unless it asked for `8bit` or `binary`, or holds
    /// raw or enclosed bytes that are not canonical).
    ///
    /// Boundaries are random unless `options` has a seed, so sign the bytes returned here
    /// and send them with `MIMEPart.raw(_:)`, rather than serializing the part again.
    public static func canonicalize(_ part: MIMEPart, options: MIMEBuildOptions = MIMEBuildOptions()) -> [UInt8] {
        canonicalize(entityBytes: part.serialize(options: options))
    }

    /// A received entity's bytes with only bare LFs made CRLF: what a verifier hashes.
    ///
    /// Verifying must not re-encode: the signer's bytes are checked as they came, and only
    /// the line endings a local store may have changed are put back (RFC 8551 section 3.1.1,
    /// RFC 3156 section 5). Use `canonicalize` to make bytes to sign, this to check them.
    public static func receivedBytes(_ entity: MIMEEntity) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entity.raw.count + entity.raw.count / 16)
        appendWithCRLF(entity.raw, to: &out)
        return out
    }

    /// Whether `entity`'s raw bytes are already its canonical form.
    public static func isCanonical(_ entity: MIMEEntity) -> Bool {
        let raw = entity.raw
        return raw.withUnsafeBytes { canonicalize(entity).elementsEqual($0) }
    }

    private static func write(_ entity: MIMEEntity, into out: inout [UInt8]) {
        let message = entity.message
        let record = entity.record
        let storage = message.storage
        switch record.kind {
        case .leaf:
            let plan = plan(for: entity)
            writeHeader(entity, newEncoding: plan?.encoding, into: &out)
            if let plan {
                out += plan.body
            } else {
                appendWithCRLF(storage.view(record.bodyStart..<record.end), to: &out)
            }
        case .message:
            var content: [UInt8] = []
            for child in entity.children { write(child, into: &content) }
            writeHeader(entity, newEncoding: relabel(entity, content: content), into: &out)
            out += content
        case .multipart:
            var content: [UInt8] = []
            // Re-encoding inside a signed multipart would break its signature (RFC 1847
            // section 2.1): its parts only get their line endings, as a verifier's would.
            let isSigned = entity.contentType.subtype == "signed"
            if let preamble = record.preamble { appendWithCRLF(storage.view(preamble), to: &content) }
            var children = entity.children.makeIterator()
            var index = record.firstDelimiter
            while index >= 0 {
                let delimiter = message.delimiters[index]
                appendWithCRLF(storage.view(delimiter.range), to: &content)
                if !delimiter.isClosing, let child = children.next() {
                    if isSigned {
                        appendWithCRLF(child.raw, to: &content)
                    } else {
                        write(child, into: &content)
                    }
                }
                index = delimiter.next
            }
            if let epilogue = record.epilogue { appendWithCRLF(storage.view(epilogue), to: &content) }
            writeHeader(entity, newEncoding: relabel(entity, content: content), into: &out)
            out += content
        }
    }

    /// Writes the header block and blank line, with every Content-Transfer-Encoding field
    /// set to `newEncoding` when one is given (and one added when there is none).
    private static func writeHeader(_ entity: MIMEEntity, newEncoding: TransferEncoding?, into out: inout [UInt8]) {
        let message = entity.message
        let record = entity.record
        var rewrote = false
        for item in message.items[record.headerItems] {
            let field = HeaderField(raw: message.storage.view(item.range), nameBytes: message.storage.view(item.name),
                                    rawValue: message.storage.view(item.value))
            if let newEncoding, item.isField, field.hasName("Content-Transfer-Encoding") {
                out += field.nameBytes.bytes + Array(": \(newEncoding)\r\n".utf8)
                rewrote = true
            } else {
                appendWithCRLF(field.raw, to: &out)
            }
        }
        if let newEncoding, !rewrote {
            out += Array("Content-Transfer-Encoding: \(newEncoding)\r\n".utf8)
        }
        appendWithCRLF(message.storage.view(record.blankLine), to: &out)
    }

    /// `7bit` for a multipart or enclosed message labelled `8bit` or `binary` whose
    /// canonical content is 7-bit; nil when the label stays.
    private static func relabel(_ entity: MIMEEntity, content: [UInt8]) -> TransferEncoding? {
        guard entity.transferEncodingName != nil,
              entity.transferEncoding == .eightBit || entity.transferEncoding == .binary else { return nil }
        let profile = ContentProfile(content)
        return profile.eightBit == 0 && profile.nul == 0 && profile.longestLine <= 998 ? .sevenBit : nil
    }

    /// How a leaf's body is re-encoded, or nil when only its line endings change.
    private static func plan(for entity: MIMEEntity) -> (encoding: TransferEncoding, body: [UInt8])? {
        let raw = entity.body
        let profile = raw.withUnsafeBytes { ContentProfile($0) }
        // Bare LFs are line breaks that become CRLF, so they do not count against the body.
        let clean = profile.eightBit == 0 && profile.nul == 0 && profile.bareCR == 0
            && profile.longestLine <= 998 && !profile.trailingWhitespace
        let isText = entity.contentType.type == "text"
        switch entity.transferEncoding {
        case .sevenBit, .eightBit:
            guard !clean else { return nil }
            let lines = MIMEPart.withCRLF(raw.bytes)
            let lineProfile = ContentProfile(lines)
            if isText && lineProfile.isMostlyASCII {
                return (.quotedPrintable, QuotedPrintableEncoder.encode(lines))
            }
            return (.base64, Base64Encoder.encode(lines))
        case .binary:
            guard !clean || profile.bareLF > 0 else { return nil }
            return (.base64, Base64Encoder.encode(entity.decodedBody()))
        case .quotedPrintable:
            guard !clean else { return nil }
            return (.quotedPrintable, QuotedPrintableEncoder.encode(entity.decodedBody()))
        case .base64:
            guard !clean else { return nil }
            return (.base64, Base64Encoder.encode(entity.decodedBody()))
        case .uuencode, .other:
            return nil
        }
    }

    /// Appends `view` with every LF not preceded by CR made CRLF; at the start of the view the
    /// byte before is the last one already written.
    static func appendWithCRLF(_ view: ByteView, to out: inout [UInt8]) {
        view.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                guard let found = memchr(base + start, 0x0A, bytes.count - start) else {
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...]))
                    return
                }
                let lf = base.distance(to: UnsafeRawPointer(found))
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<lf]))
                if out.last != 0x0D { out.append(0x0D) }
                out.append(0x0A)
                start = lf + 1
            }
        }
    }
}

public import MIMEKit

/// A message split for signing or encryption (RFC 8551 §3.1): the outer header fields that
/// stay in clear (From, To, Subject, Date, …), and the entity that gets protected, made of
/// the message's content header fields (`Content-*`) and body in canonical form.
///
/// The canonical form has CRLF line ends (RFC 8551 §3.1.1) and, for a body that is not
/// already 7-bit safe (8-bit or NUL bytes, lines over 998 bytes, RFC 5322 §2.1.1), a
/// base64 transfer encoding instead of its own (RFC 8551 §3.1.2), with text turned to CRLF
/// before it is encoded. A multipart whose parts are not 7-bit safe is kept as it is: it can
/// still be encrypted or signed opaquely, but a detached signature over it would not
/// survive transport, so ``isSevenBitSafe`` tells the signer to refuse.
///
/// This is a minimal canonicalisation kept inside `MIMESMIME` until the builder's canonical
/// form is available.
public struct SMIMEProtectedContent: Sendable {
    /// The header fields that stay outside, each with a CRLF line end; `MIME-Version` is
    /// left out, since the new message writes its own.
    public var outerFields: [[UInt8]]
    /// The entity to protect: content header fields, a blank line, the body; CRLF line ends.
    public var entity: [UInt8]
    /// Whether `entity` is 7-bit safe.
    public var isSevenBitSafe: Bool

    /// Splits `message`'s root entity.
    public init(message: MIMEMessage) {
        let root = message.root
        var outer: [[UInt8]] = []
        var content: [[UInt8]] = []
        for field in root.headers {
            if field.hasName("MIME-Version") { continue }
            let canonical = SMIMECanonicalization.crlf(Self.withLineEnd(field.raw.bytes))
            if field.name.lowercased().hasPrefix("content-") {
                content.append(canonical)
            } else {
                outer.append(canonical)
            }
        }
        if !content.contains(where: { Self.fieldName(of: $0) == "content-type" }) {
            content.insert(Array("Content-Type: text/plain; charset=us-ascii\r\n".utf8), at: 0)
        }
        let body = root.body.bytes
        var safe = Self.isSevenBitSafe(body)
        var entityBody = SMIMECanonicalization.crlf(body)
        if !safe, root.isLeaf {
            var decoded = root.decodedBody()
            if root.contentType.type.lowercased() == "text" {
                decoded = SMIMECanonicalization.crlf(decoded)
            }
            content.removeAll { Self.fieldName(of: $0) == "content-transfer-encoding" }
            content.append(Array("Content-Transfer-Encoding: base64\r\n".utf8))
            entityBody = Base64Lines.encode(decoded)
            safe = true
        }
        outerFields = outer
        entity = content.flatMap { $0 } + [0x0D, 0x0A] + entityBody
        isSevenBitSafe = safe
    }

    /// The new message: the outer fields, `MIME-Version: 1.0`, then `contentFields` (without
    /// line ends), a blank line and `body`.
    func message(contentFields: [String], body: [UInt8]) -> [UInt8] {
        var output = outerFields.flatMap { $0 }
        output += Array("MIME-Version: 1.0\r\n".utf8)
        for field in contentFields {
            output += Array(field.utf8) + [0x0D, 0x0A]
        }
        return output + [0x0D, 0x0A] + body
    }

    private static func withLineEnd(_ field: [UInt8]) -> [UInt8] {
        field.last == UInt8(ascii: "\n") ? field : field + [0x0D, 0x0A]
    }

    private static func fieldName(of field: [UInt8]) -> String {
        String(decoding: field.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self)
            .trimmingSuffix(" \t").lowercased()
    }

    private static func isSevenBitSafe(_ body: [UInt8]) -> Bool {
        var lineLength = 0
        for byte in body {
            if byte >= 0x80 || byte == 0 { return false }
            if byte == UInt8(ascii: "\n") {
                lineLength = 0
            } else {
                lineLength += 1
                if lineLength > 998 { return false }
            }
        }
        return true
    }
}

extension String {
    fileprivate func trimmingSuffix(_ characters: String) -> String {
        String(reversed().drop { characters.contains($0) }.reversed())
    }
}

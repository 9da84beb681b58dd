public import MIMEKit

/// A message split for signing or encryption (RFC 8551 §3.1): the outer header fields that
/// stay in clear (From, To, Subject, Date, …), and the entity that gets protected, made of
/// the message's content header fields (`Content-*`) and body in canonical form.
///
/// The canonical form is `MIMECanonicalizer`'s: CRLF line ends (RFC 8551 §3.1.1), and
/// leaves that are not 7-bit safe re-encoded (RFC 8551 §3.1.2), part by part through
/// multiparts, so a detached signature survives transport.
public struct SMIMEProtectedContent: Sendable {
    /// The header fields that stay outside, each with a CRLF line end; `MIME-Version` is
    /// left out, since the new message writes its own.
    public var outerFields: [[UInt8]]
    /// The entity to protect in canonical form: content header fields, a blank line, the
    /// body.
    public var entity: [UInt8]

    /// Splits `message`'s root entity. A message without a Content-Type gets the default
    /// one written out (RFC 2045 §5.2), so that the protected entity says what it is.
    public init(message: MIMEMessage) {
        let root = message.root
        var outer: [[UInt8]] = []
        var content: [UInt8] = []
        var hasContentType = false
        for field in root.headers where !field.hasName("MIME-Version") {
            let bytes = Self.withLineEnd(field.raw.bytes)
            if field.hasName("Content-Type") { hasContentType = true }
            if field.name.lowercased().hasPrefix("content-") {
                content += bytes
            } else {
                outer.append(SMIMECanonicalization.crlf(bytes))
            }
        }
        if !hasContentType {
            content = Array("Content-Type: text/plain; charset=us-ascii\r\n".utf8) + content
        }
        outerFields = outer
        entity = MIMECanonicalizer.canonicalize(entityBytes: content + [0x0D, 0x0A] + root.body.bytes)
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
}

internal import MIMEKit

/// A message split for RFC 3156 protection: the header fields that stay in clear (From, To,
/// Subject, Date, …) and the entity that is signed or encrypted, made of the message's
/// `Content-*` fields and body in `MIMECanonicalizer`'s canonical form (RFC 3156 §3, §5).
struct OpenPGPMessageSplit {
    /// The outer fields, each ending in CR LF; `MIME-Version` is left out, as the new
    /// message writes its own.
    var outerFields: [UInt8]
    /// The entity to protect: content fields, a blank line, the body; canonical.
    var entity: [UInt8]

    init(_ message: MIMEMessage) {
        var outer: [UInt8] = []
        var content: [UInt8] = []
        var typed = false
        for field in message.root.headers {
            let name = field.name.lowercased()
            if name == "mime-version" { continue }
            var bytes = MIMECanonicalForm.crlf(field.raw.bytes)
            if bytes.last != 0x0A { bytes += [0x0D, 0x0A] }
            if name.hasPrefix("content-") {
                typed = typed || name == "content-type"
                content += bytes
            } else {
                outer += bytes
            }
        }
        // RFC 2045 §5.2's default, written out so the protected entity says what it is.
        if !typed { content = Array("Content-Type: text/plain; charset=us-ascii\r\n".utf8) + content }
        outerFields = outer
        entity = MIMECanonicalizer.canonicalize(entityBytes: content + [0x0D, 0x0A] + message.root.body.bytes)
    }

    /// The outer fields, `MIME-Version: 1.0`, and `protected` (a Content-Type field, a blank
    /// line and the multipart body).
    func message(with protected: OpenPGPMIMEEntity) -> [UInt8] {
        outerFields + Array("MIME-Version: 1.0\r\n".utf8) + protected.bytes
    }
}

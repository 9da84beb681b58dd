import MIMEKit

/// The JSON form of messages and entities that `dump --json` prints (schema in README.md).
enum EntityJSON {
    /// One message: `{"message","offset","root","diagnostics"}`, with `"file"` after
    /// `"message"` when the input is a directory.
    static func message(_ message: MIMEMessage, index: Int, file: String? = nil) -> JSONValue {
        var diagnostics = message.diagnostics
        let root = entity(message.root, decodingDiagnostics: &diagnostics)
        diagnostics.sort { $0.offset < $1.offset }
        var members: [(String, JSONValue)] = [("message", .int(index))]
        if let file { members.append(("file", .string(file))) }
        members += [
            ("offset", .int(message.range.lowerBound)),
            ("envelope", envelope(message.envelope)),
            ("root", root),
            ("diagnostics", .array(diagnostics.map(diagnostic))),
        ]
        return .object(members)
    }

    static func entity(_ entity: MIMEEntity, decodingDiagnostics: inout [MIMEDiagnostic]) -> JSONValue {
        let type = entity.contentType
        var parameters: [(String, JSONValue)] = []
        for parameter in type.parameters where !parameters.contains(where: { $0.0 == parameter.name.lowercased() }) {
            parameters.append((parameter.name.lowercased(), .string(parameter.value)))
        }
        let offsets = entity.offsets
        var members: [(String, JSONValue)] = [
            ("id", .string(entity.id)),
            ("contentType", .string(type.mimeType)),
            ("parameters", .object(parameters)),
            ("headers", .array(entity.headers.map { field in
                .object([("name", .string(field.name)), ("value", .string(field.rawValue.utf8String))])
            })),
            ("transferEncoding", .optional(entity.transferEncodingName?.lowercased())),
            ("charset", .optional(entity.charset)),
            ("filename", .optional(entity.fileName)),
            ("offsets", .object([
                ("start", .int(offsets.start)), ("bodyStart", .int(offsets.bodyStart)), ("end", .int(offsets.end)),
            ])),
        ]
        if entity.isLeaf {
            var digest = SHA256Digest()
            let report = entity.decodeBody(discardingPages: true) { digest.update($0) }
            decodingDiagnostics += report.diagnostics
            members.append(("decodedSize", .int(report.decodedSize)))
            members.append(("sha256", .string(digest.hexDigest())))
        } else {
            members.append(("children", .array(entity.children.map { self.entity($0, decodingDiagnostics: &decodingDiagnostics) })))
        }
        return .object(members)
    }

    /// `{"date","subject","from","sender","replyTo","to","cc","bcc","inReplyTo","messageId"}`,
    /// addresses as `{"name","address"}`.
    static func envelope(_ envelope: MessageEnvelope) -> JSONValue {
        func addresses(_ list: [MailboxAddress]) -> JSONValue {
            .array(list.map { .object([("name", .optional($0.name)), ("address", .optional($0.hasAddress ? $0.address : nil))]) })
        }
        return .object([
            ("date", .optional(envelope.date?.iso8601)),
            ("subject", .optional(envelope.subject)),
            ("from", addresses(envelope.from)),
            ("sender", addresses(envelope.sender)),
            ("replyTo", addresses(envelope.replyTo)),
            ("to", addresses(envelope.to)),
            ("cc", addresses(envelope.cc)),
            ("bcc", addresses(envelope.bcc)),
            ("inReplyTo", .array(envelope.inReplyTo.map(JSONValue.string))),
            ("messageId", .optional(envelope.messageID)),
        ])
    }

    static func diagnostic(_ diagnostic: MIMEDiagnostic) -> JSONValue {
        .object([
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code.rawValue)),
            ("offset", .int(diagnostic.offset)),
            ("message", .string(diagnostic.message)),
        ])
    }
}

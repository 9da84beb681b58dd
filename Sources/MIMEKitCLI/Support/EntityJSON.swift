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

    static func diagnostic(_ diagnostic: MIMEDiagnostic) -> JSONValue {
        .object([
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code.rawValue)),
            ("offset", .int(diagnostic.offset)),
            ("message", .string(diagnostic.message)),
        ])
    }
}

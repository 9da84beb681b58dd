import MIMEKit

/// The text form of `mimekit dump`.
enum DumpText {
    static func message(_ message: MIMEMessage, index: Int, file: String? = nil) -> String {
        var out = "message \(index)" + (file.map { " in \($0)" } ?? "")
            + " at offset \(message.range.lowerBound), \(message.range.count) bytes\n"
        let envelope = message.envelope
        func names(_ list: [MailboxAddress]) -> String { list.map(\.description).joined(separator: ", ") }
        let summary: [(String, String?)] = [
            ("Subject", envelope.subject),
            ("From", envelope.from.isEmpty ? nil : names(envelope.from)),
            ("To", envelope.to.isEmpty ? nil : names(envelope.to)),
            ("Cc", envelope.cc.isEmpty ? nil : names(envelope.cc)),
            ("Date", envelope.date?.iso8601 ?? envelope.rawDate),
            ("Message-ID", envelope.messageID),
        ]
        for case let (name, value?) in summary { out += "  \(name): \(value)\n" }
        var diagnostics = message.diagnostics
        for entity in message.entities {
            out += line(for: entity, diagnostics: &diagnostics)
        }
        diagnostics.sort { $0.offset < $1.offset }
        if !diagnostics.isEmpty {
            out += "diagnostics:\n"
            for d in diagnostics {
                out += "  \(d.severity.rawValue) \(d.code.rawValue) at \(d.offset): \(d.message)\n"
            }
        }
        return out + "\n"
    }

    private static func line(for entity: MIMEEntity, diagnostics: inout [MIMEDiagnostic]) -> String {
        let indent = String(repeating: "  ", count: entity.depth + 1)
        var columns = [entity.id, entity.contentType.mimeType + (entity.isDefaultContentType ? " (default)" : "")]
        let parameters = entity.contentType.parameters.map { "\($0.name.lowercased())=\"\($0.value)\"" }
        if !parameters.isEmpty { columns.append(parameters.joined(separator: "; ")) }
        if let encoding = entity.transferEncodingName { columns.append(encoding.lowercased()) }
        if let disposition = entity.contentDisposition { columns.append(disposition.type) }
        if let name = entity.fileName { columns.append("\"\(name)\"") }
        if entity.isLeaf {
            let report = entity.decodeBody(discardingPages: true) { _ in }
            diagnostics += report.diagnostics
            columns.append("\(report.decodedSize) bytes")
        }
        return indent + columns.joined(separator: "  ") + "\n"
    }
}

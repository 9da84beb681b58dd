@testable import MIMEKit

/// Parses `text` as one message, once with LF and once with CRLF line endings, and runs
/// `check` on each tree with the line ending used.
func withBothLineEndings(_ text: String, options: MIMEParserOptions = MIMEParserOptions(),
                         _ check: (MIMEMessage, String) throws -> Void) rethrows {
    let lf = Array(text.utf8)
    for (bytes, ending) in [(lf, "\n"), (crlf(lf), "\r\n")] {
        var messages: [MIMEMessage] = []
        MIMEParser.parseMessages(ByteStorage(bytes), options: options) { messages.append($0) }
        try check(messages[0], ending)
    }
}

/// Every message of `text` (an mbox when `mbox` is set).
func parseAll(_ text: String, mbox: Bool = false) -> [MIMEMessage] {
    var options = MIMEParserOptions()
    options.mbox = mbox
    var messages: [MIMEMessage] = []
    MIMEParser.parseMessages(ByteStorage(Array(text.utf8)), options: options) { messages.append($0) }
    return messages
}

extension MIMEMessage {
    var codes: [MIMEDiagnostic.Code] { diagnostics.map(\.code) }
    /// `id contentType` for every entity, in order.
    var outline: [String] { entities.map { "\($0.id) \($0.contentType.mimeType)" } }
}

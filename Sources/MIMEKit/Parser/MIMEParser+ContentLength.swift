extension MIMEParser {
    /// `parseMessages(_:in:options:discardingPages:_:)` with `respectContentLength`: the
    /// messages are cut by `MboxSplitter` (which looks ahead to where each Content-Length
    /// ends, so it needs the whole input), then each is fed to a parser of its own that takes
    /// only the message's first line as a separator, so `From ` lines inside stay content.
    ///
    /// A message whose Content-Length was ignored gets the splitter's warning first among its
    /// diagnostics.
    static func parseMessagesCutByContentLength<E: Error>(
        _ storage: ByteStorage, in range: Range<Int>, options: MIMEParserOptions,
        discardingPages: Bool, _ body: (MIMEMessage) throws(E) -> Void
    ) throws(E) {
        var builder = MessageTreeBuilder(storage: storage)
        var failure: E?
        let window = 1 << 24
        var messages = MboxSplitter(storage, range: range, options: options)
        withoutActuallyEscaping(body) { body in
            let deliver: (MIMEMessage) -> Void = { message in
                guard failure == nil else { return }
                do throws(E) { try body(message) } catch { failure = error }
            }
            while failure == nil, let message = messages.next() {
                var parser = MIMEStreamParser(options: options, startOffset: message.lowerBound)
                parser.onlyFirstLineSeparates = true
                if let warning = messages.ignoredContentLength {
                    builder.handle(.diagnostic(warning), deliver: deliver)
                }
                storage.withUnsafeBytes { raw in
                    var start = message.lowerBound
                    while start < message.upperBound {
                        let end = min(message.upperBound, start + window)
                        parser.feed(UnsafeRawBufferPointer(rebasing: raw[start..<end])) { builder.handle($0, deliver: deliver) }
                        if discardingPages { storage.discard(start..<end) }
                        start = end
                    }
                    parser.finish(beforeSeparator: message.upperBound < storage.count) { builder.handle($0, deliver: deliver) }
                }
            }
        }
        if let failure { throw failure }
    }
}

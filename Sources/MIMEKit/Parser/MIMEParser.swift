/// Entry points that parse an input held in memory or mapped from a file into trees.
public enum MIMEParser {
    /// Parses every message of `storage`, handing each to `body` as soon as it is complete;
    /// with `options.mbox` the input is split on `From ` lines, otherwise it is one message.
    ///
    /// Only one message's tree is held at a time, so a mailbox of any size is parsed in
    /// memory bounded by its largest message's tree (the bytes stay in the storage).
    public static func parseMessages<E: Error>(
        _ storage: ByteStorage, options: MIMEParserOptions = MIMEParserOptions(),
        _ body: (MIMEMessage) throws(E) -> Void
    ) throws(E) {
        var parser = MIMEStreamParser(options: options)
        var builder = MessageTreeBuilder(storage: storage)
        var failure: E?
        withoutActuallyEscaping(body) { body in
            let deliver: (MIMEMessage) -> Void = { message in
                guard failure == nil else { return }
                do throws(E) { try body(message) } catch { failure = error }
            }
            storage.withUnsafeBytes { raw in
                parser.feed(raw) { builder.handle($0, deliver: deliver) }
                parser.finish { builder.handle($0, deliver: deliver) }
            }
        }
        if let failure { throw failure }
    }

    /// Whether the input starts like an mbox (`From ` at its first byte).
    public static func looksLikeMbox(_ storage: ByteStorage) -> Bool {
        storage.withUnsafeBytes { raw in
            raw.count >= 5 && raw[0] == 0x46 && raw[1] == 0x72 && raw[2] == 0x6F && raw[3] == 0x6D && raw[4] == 0x20
        }
    }
}

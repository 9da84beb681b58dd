public import MIMEKit

/// The work each benchmark measures, shared by the ordo-one suite and `mimekit-bench` so
/// both time the same code. Each returns counts that depend on every step, so the optimiser
/// cannot drop any of it, and that compare.py checks against the peers' counts.
public enum Workloads {
    /// What a run counted.
    public struct Tally: Sendable, Equatable, CustomStringConvertible {
        public var messages = 0
        public var entities = 0
        public var leaves = 0
        public var decodedBytes = 0
        public var events = 0
        public var checksum = 0

        public init() {}

        mutating func count(_ event: MIMEEvent) {
            events &+= 1
            if case .messageEnd(let offset, _) = event {
                messages &+= 1
                checksum &+= offset
            }
        }

        public var description: String {
            "messages \(messages) entities \(entities) leaves \(leaves) decoded \(decodedBytes) events \(events)"
        }
    }

    /// The event layer alone: every event of the input, fed as one chunk (as
    /// `MIMEParser.parseMessages` feeds a mapped file), nothing built.
    public static func events(_ storage: ByteStorage, options: MIMEParserOptions) -> Tally {
        var tally = Tally()
        var parser = MIMEStreamParser(options: options)
        // Closures written in place, not stored: a stored closure is escaping, and the
        // `tally` it captures then costs a run-time exclusivity check per event (8% of the
        // instructions on small.mbox), which is the harness's cost, not the parser's.
        // One closure for both calls: two identical ones were merged into one body reached
        // through two forwarding thunks, eight instructions an event spent in the harness.
        func run(_ count: (MIMEEvent) -> Void) {
            storage.withUnsafeBytes { raw in
                parser.feed(raw, count)
                parser.finish(count)
            }
        }
        run { tally.count($0) }
        return tally
    }

    /// The tree: every message parsed into its `MIMEMessage`, nothing decoded.
    public static func tree(_ storage: ByteStorage, options: MIMEParserOptions) -> Tally {
        var tally = Tally()
        MIMEParser.parseMessages(storage, options: options) { message in
            tally.messages &+= 1
            tally.checksum &+= message.range.count
        }
        return tally
    }

    /// The tree plus the transfer decoding of every leaf, streamed into a sink that only
    /// counts: the work `mimekit stat` does, and what the peers do.
    public static func treeAndDecode(_ storage: ByteStorage, options: MIMEParserOptions) -> Tally {
        var tally = Tally()
        MIMEParser.parseMessages(storage, options: options) { message in
            tally.messages &+= 1
            for entity in message.entities {
                tally.entities &+= 1
                guard entity.isLeaf else { continue }
                tally.leaves &+= 1
                let report = entity.decodeBody { chunk in tally.checksum &+= chunk.count }
                tally.decodedBytes &+= report.decodedSize
            }
        }
        return tally
    }

    /// Header decoding: the tree, the Content-Type field of every entity parsed from its raw
    /// bytes, and every message's Subject decoded (RFC 2047 encoded-words, charsets).
    public static func headers(_ storage: ByteStorage, options: MIMEParserOptions) -> Tally {
        var tally = Tally()
        MIMEParser.parseMessages(storage, options: options) { message in
            tally.messages &+= 1
            for entity in message.entities {
                tally.entities &+= 1
                for field in entity.headers where field.hasName("Content-Type") {
                    if let type = ContentType(parsing: field.rawValue) {
                        tally.checksum &+= type.parameters.count &+ type.subtype.utf8.count
                    }
                }
            }
            for field in message.headers where field.hasName("Subject") {
                tally.checksum &+= HeaderText.decodeUnstructured(field.rawValue).utf8.count
            }
        }
        return tally
    }

    /// The encoded bodies of every leaf with `encoding`, concatenated (at most `limit`
    /// bytes): the input of the decoder benchmarks.
    public static func bodies(of storage: ByteStorage, options: MIMEParserOptions, encoding: TransferEncoding,
                              limit: Int = 256 << 20) -> [UInt8] {
        var out: [UInt8] = []
        MIMEParser.parseMessages(storage, options: options) { message in
            for entity in message.entities where entity.isLeaf && entity.transferEncoding == encoding {
                guard out.count < limit else { return }
                entity.body.withUnsafeBytes { out.append(contentsOf: $0.prefix(limit - out.count)) }
            }
        }
        return out
    }

    /// One decoder alone over `input`, fed in chunks of `chunkSize` into one reused buffer.
    @inlinable
    public static func decode<D: TransferDecoder>(_ decoder: D.Type, _ input: UnsafeRawBufferPointer,
                                                  chunkSize: Int = 1 << 16) -> Int {
        var state = D()
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: D.maxOutputCount(forInputCount: chunkSize),
                                                            alignment: 16)
        defer { output.deallocate() }
        var written = 0
        var start = 0
        while start < input.count {
            let end = min(input.count, start + chunkSize)
            written &+= state.decode(UnsafeRawBufferPointer(rebasing: input[start..<end]), into: output)
            start = end
        }
        written &+= state.finish(into: output)
        return written
    }
}

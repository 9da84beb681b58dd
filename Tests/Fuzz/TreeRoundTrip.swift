// Fuzz target: every message of the input parses into a tree that writes back the input
// byte for byte, and walking the tree (ids, headers, diagnostics, children) stays within
// the input. Limits and mbox mode come from the input's first byte. Built and run by
// Tests/Fuzz/fuzz.sh.

import MIMEKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTreeRoundTrip(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let options = fuzzOptions(UnsafeRawBufferPointer(start: data, count: size))
    let storage = ByteStorage(bytes)
    var written: [UInt8] = []
    var nextStart = 0
    MIMEParser.parseMessages(storage, options: options) { message in
        require(message.range.lowerBound == nextStart, "message \(message.index) starts at \(message.range.lowerBound), not \(nextStart)")
        nextStart = message.range.upperBound
        let out = MIMEWriter.serialize(message)
        require(out.count == message.range.count, "message \(message.index) wrote \(out.count) of \(message.range.count) bytes")
        written += out
        var ids = Set<String>()
        for entity in message.entities {
            let (start, bodyStart, end) = entity.offsets
            require(message.range.lowerBound <= start && start <= bodyStart && bodyStart <= end
                        && end <= message.range.upperBound, "entity \(entity.id) at \(start)..<\(end) outside its message")
            require(entity.depth <= options.maxDepth, "entity \(entity.id) deeper than maxDepth")
            require(ids.insert(entity.id).inserted, "two entities with id \(entity.id)")
            for field in entity.headers { _ = field.unfoldedValue; _ = field.name }
            _ = entity.diagnostics
            for child in entity.children {
                require(child.parent.map { $0.offsets == entity.offsets } ?? false, "child's parent is not its parent")
            }
            if let preamble = entity.preamble { require(preamble.range.lowerBound >= bodyStart, "preamble before body") }
            if let epilogue = entity.epilogue { require(epilogue.range.upperBound <= end, "epilogue past the end") }
        }
        for diagnostic in message.diagnostics {
            require(diagnostic.offset >= 0 && diagnostic.offset <= size, "diagnostic offset \(diagnostic.offset) outside the input")
        }
    }
    require(written == bytes, "the tree does not write back the input (\(written.count) of \(size) bytes)")
    return 0
}

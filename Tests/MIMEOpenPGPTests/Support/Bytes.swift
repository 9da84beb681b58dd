/// Helpers for writing test inputs.
extension Array where Element == UInt8 {
    /// The UTF-8 bytes of `text`.
    init(text: String) { self = Array(text.utf8) }

    /// The bytes with every LF turned into CR LF.
    var crlf: [UInt8] {
        var result: [UInt8] = []
        for byte in self {
            if byte == 0x0A { result.append(0x0D) }
            result.append(byte)
        }
        return result
    }

    /// Whether `needle` occurs in the bytes.
    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

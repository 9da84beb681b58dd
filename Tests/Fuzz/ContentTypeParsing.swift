// Fuzz target: Content-Type and Content-Transfer-Encoding values. The parse never keeps
// more than it was given, type and subtype are lower-case tokens that survive
// writing the value out and reading it again, and a transfer encoding's name reads back as
// the same encoding. Built and run by Tests/Fuzz/fuzz.sh.

import MIMEKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContentTypeParsing(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    if let parsed = ContentType(parsing: input) {
        require(!parsed.type.isEmpty && !parsed.subtype.isEmpty, "empty type or subtype")
        require(parsed.type == parsed.type.lowercased() && parsed.subtype == parsed.subtype.lowercased(),
                "type or subtype not lower-cased: \(parsed.mimeType)")
        // A name is text: each invalid UTF-8 byte in it becomes one U+FFFD.
        let kept = parsed.parameters.reduce(0) { $0 + $1.name.unicodeScalars.count + $1.rawValue.count }
        require(kept <= size, "parameters hold \(kept) bytes of \(size)")
        if let boundary = parsed.boundary { require(!boundary.isEmpty && boundary.count <= size, "boundary of \(boundary.count) bytes") }
        let again = ContentType(parsing: Array(parsed.description.utf8))
        require(again?.mimeType == parsed.mimeType, "\(parsed.mimeType) reads back as \(again?.mimeType ?? "nothing")")
        _ = parsed.charset
    }
    let encoding = TransferEncoding(input)
    require(TransferEncoding(encoding.description) == encoding, "\(encoding) reads back as \(TransferEncoding(encoding.description))")
    return 0
}

// Fuzz target: Content-Disposition values and their RFC 2231 / RFC 2047 parameters
// (ContentDisposition, MIMEParameters). The parse keeps no more than it was given, the type
// is a lower-case token, parsing is deterministic, and the disposition written again by
// HeaderEncoder.parameterizedField (tokens, quoted-strings or RFC 2231 sections, whichever
// each value needs) reads back with the same type and parameter values. Built and run by
// Tests/Fuzz/fuzz.sh.

import MIMEKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContentDispositionParsing(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeRawBufferPointer(start: data, count: size))
    guard let parsed = ContentDisposition(parsing: input) else { return 0 }
    require(ContentDisposition(parsing: input) == parsed, "parsing not deterministic")
    require(!parsed.type.isEmpty && parsed.type == parsed.type.lowercased(), "type \(parsed.type.debugDescription)")
    require(parsed.type.utf8.allSatisfy(isTokenByte), "type \(parsed.type.debugDescription) is not a token")
    let kept = parsed.parameters.reduce(0) { $0 + $1.name.unicodeScalars.count + $1.rawValue.count }
    require(kept <= size, "parameters hold \(kept) bytes of \(size)")
    for parameter in parsed.parameters {
        // Charset conversion may expand a byte, but not without bound.
        require(parameter.value.unicodeScalars.count <= 4 * size, "value of \(parameter.value.unicodeScalars.count) scalars")
    }
    _ = (parsed.kind, parsed.filename, parsed.creationDate, parsed.modificationDate, parsed.readDate, parsed.size)
    if let size = parsed.size { require(size >= 0, "negative size") }

    // Write it again with the builder's encoder: one parameter per (case-insensitive) name,
    // the value that lookup gives for it, and names the encoder can write as they are.
    var seen: Set<String> = []
    var parameters: [(name: String, value: String)] = []
    for parameter in parsed.parameters {
        let key = parameter.name.lowercased()
        guard !parameter.name.isEmpty, parameter.name.utf8.allSatisfy({ isTokenByte($0) && $0 != UInt8(ascii: "*") }),
              !seen.contains(key), let value = parsed.parameters[parameter.name] else { continue }
        seen.insert(key)
        parameters.append((parameter.name, value))
    }
    let field = HeaderEncoder.parameterizedField(name: "Content-Disposition", value: parsed.type, parameters: parameters)
    let prefix = Array("Content-Disposition:".utf8)
    require(field.starts(with: prefix), "field without its name")
    let again = ContentDisposition(parsing: field[prefix.count...])
    require(again?.type == parsed.type, "type \(parsed.type) reads back as \(again?.type ?? "nothing")")
    for (name, value) in parameters {
        let read = again?.parameters[name]
        require(read == value, "\(name)=\(value.debugDescription) reads back as \(read.debugDescription)")
    }
    return 0
}

/// RFC 2045 token characters (printable ASCII but space and tspecials), and the 8-bit
/// bytes the parser also accepts in a token.
private func isTokenByte(_ byte: UInt8) -> Bool {
    byte > 0x20 && byte != 0x7F && !"()<>@,;:\\\"/[]?=".utf8.contains(byte)
}

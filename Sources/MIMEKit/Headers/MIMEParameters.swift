/// The parameters of a `Content-Type` or `Content-Disposition` value, in order.
///
/// ```
/// parameter := attribute "=" value                        ; RFC 2045 section 5.1
/// extended  := name "*" ["0*" / "N" / "N*"] "=" value     ; RFC 2231 sections 3 and 4
/// ext-value := [charset] "'" [language] "'" *(%XX / attribute-char)
/// ```
///
/// RFC 2231 continuations (`name*0`, `name*1*`, ...) are joined into one parameter: the
/// sections are sorted by number (so they may come in any order), a missing number is
/// skipped, encoded (`*N*`) and plain (`*N`) sections may be mixed, and the charset and
/// language of the first section apply to all. Section numbers have at most six digits
/// (up to 999,999); joining sorts the sections that exist, so it costs O(n log n) in their
/// count and nothing in the size of the numbers. A name that does not fit the RFC 2231 form
/// (`a**`, `a*x`, `a*1234567`) is kept as a plain parameter under its written name.
///
/// When a name is given more than once, an RFC 2231 form beats a plain one (a client that
/// writes both means the extended one, and MimeKit prefers it too): `name*` first, then the
/// joined continuations, then the first plain `name=`. Among equals the first one wins.
///
/// Values that are not RFC 2231 encoded have their RFC 2047 encoded-words decoded (many
/// clients write `name="=?utf-8?b?...?="`); an unquoted value that starts with `=?` runs to
/// the next `;`, so `name==?a?b?x?= =?a?b?y?=` is one value. Raw 8-bit bytes are decoded as
/// UTF-8 when valid, else as windows-1252. `rawValue` keeps the bytes: as written (quotes
/// removed) for a plain value, and after percent-decoding, before charset conversion, for
/// an RFC 2231 one.
public struct MIMEParameters: Sendable, Hashable, RandomAccessCollection {
    /// One parameter, after RFC 2231 joining.
    public struct Parameter: Sendable, Hashable {
        /// The name as written, without any RFC 2231 `*` suffix.
        public var name: String
        /// The value's bytes: quoting removed, or RFC 2231 percent-decoding applied.
        public var rawValue: [UInt8]
        /// The value as text, with RFC 2231 or RFC 2047 decoding applied.
        public var value: String
        /// The RFC 2231 charset, if the value was given in the extended form with one.
        public var charset: String?
        /// The RFC 2231 language tag, if one was given (`en`, `en-us`).
        public var language: String?

        /// A parameter from a name and text value.
        public init(name: String, value: String) {
            self.name = name
            self.rawValue = Array(value.utf8)
            self.value = value
        }

        /// A parameter from a name and raw value bytes, decoded as a plain value.
        public init(name: String, rawValue: [UInt8]) {
            self.name = name
            self.rawValue = rawValue
            self.value = MIMEParameters.decodePlain(rawValue)
        }

        init(name: String, rawValue: [UInt8], value: String, charset: String?, language: String?) {
            self.name = name
            self.rawValue = rawValue
            self.value = value
            self.charset = charset
            self.language = language
        }
    }

    private var storage: [Parameter]
    /// A plain value given to the parameter at `index` in place of its own (see
    /// `replaceBoundaryValue`): its text is its bytes decoded as UTF-8, made when asked for.
    /// The storage stays the one shared with the value it came from, so a multipart's
    /// Content-Type with a new boundary costs one array of bytes instead of a copy of the
    /// parameters and a string, and their release.
    private var replacement: Replacement?

    private struct Replacement: Sendable {
        var index: Int
        var rawValue: [UInt8]
    }

    /// No parameters.
    public init() { storage = [] }

    /// Parameters already read.
    init(_ parameters: [Parameter]) { storage = parameters }

    /// Parameters from `(name, value)` pairs.
    public init(_ pairs: [(String, String)]) {
        storage = pairs.map { Parameter(name: $0.0, value: $0.1) }
    }

    public var startIndex: Int { storage.startIndex }
    public var endIndex: Int { storage.endIndex }
    public subscript(position: Int) -> Parameter {
        guard let replaced = replacedRawValue(at: position) else { return storage[position] }
        var parameter = storage[position]
        parameter.rawValue = replaced
        parameter.value = String(decoding: replaced, as: UTF8.self)
        return parameter
    }

    /// The replacement's bytes when the parameter at `index` has one.
    private func replacedRawValue(at index: Int) -> [UInt8]? {
        guard let replacement, replacement.index == index else { return nil }
        return replacement.rawValue
    }

    /// The decoded value of the parameter named `name` (case-insensitive).
    public subscript(name: String) -> String? {
        index(named: name).map { index in
            replacedRawValue(at: index).map { String(decoding: $0, as: UTF8.self) } ?? storage[index].value
        }
    }

    /// The raw bytes of the parameter named `name` (case-insensitive).
    public func rawValue(for name: String) -> [UInt8]? {
        index(named: name).map { replacedRawValue(at: $0) ?? storage[$0].rawValue }
    }

    /// The parameter named `name` (case-insensitive).
    public func parameter(named name: String) -> Parameter? {
        index(named: name).map { self[$0] }
    }

    /// Where the parameter named `name` is: found by index, so that a look-up for one field
    /// does not copy (retain and release) the whole parameter's five fields.
    private func index(named name: String) -> Int? {
        // Names are nearly always spelled as asked (`boundary`, `charset`): equal strings
        // compare in a few instructions, before the case-blind comparison.
        storage.firstIndex { $0.name == name || asciiCaseInsensitiveEqual($0.name, name) }
    }

    /// Appends a parameter.
    public mutating func append(_ parameter: Parameter) { storage.append(parameter) }

    /// Gives the parameter at `index` a new plain value (for `ContentTypeCache`, which
    /// reuses a parsed multipart Content-Type with another boundary). The value must be one
    /// whose text is its bytes decoded as UTF-8, as a plain simple value's is.
    mutating func replaceBoundaryValue(at index: Int, with value: [UInt8]) {
        if let earlier = replacement, earlier.index != index {
            storage[earlier.index] = self[earlier.index]
        }
        replacement = Replacement(index: index, rawValue: value)
    }

    // Equal when the parameters are, however they are held.
    public static func == (lhs: MIMEParameters, rhs: MIMEParameters) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for parameter in self { hasher.combine(parameter) }
    }

    /// Reads `*(";" parameter)` from a scanner positioned after the main value.
    ///
    /// Tolerates a missing `;` between parameters, a parameter with no `=` (its value is
    /// empty), a value with no name (skipped), white space around `=`, and an unterminated
    /// quoted-string (it runs to the end).
    init(scanning scanner: inout HeaderValueScanner) {
        var written: [WrittenParameter] = []
        while true {
            scanner.skipCFWS()
            while scanner.consume(UInt8(ascii: ";")) { scanner.skipCFWS() }
            if scanner.isAtEnd { break }
            if scanner.consume(UInt8(ascii: "=")) {
                // A value without a name (`; =value`): skip it whole.
                scanner.skipCFWS()
                if scanner.peek == UInt8(ascii: "\"") {
                    _ = scanner.quotedString()
                } else {
                    _ = scanner.parameterValueToken()
                }
                continue
            }
            guard let name = scanner.token(), !name.isEmpty else {
                scanner.skipByte()
                continue
            }
            scanner.skipCFWS()
            var value: [UInt8] = []
            if scanner.consume(UInt8(ascii: "=")) {
                scanner.skipCFWS()
                if scanner.peek == UInt8(ascii: "\"") {
                    value = scanner.quotedString()
                } else {
                    value = scanner.parameterValueToken()
                    if value.starts(with: [UInt8(ascii: "="), UInt8(ascii: "?")]) {
                        Self.extendEncodedWords(&value, &scanner)
                    }
                }
            }
            written.append(WrittenParameter(name: String(decoding: name, as: UTF8.self), value: value))
        }
        storage = Self.join(written)
    }

    /// Continues an unquoted value made of encoded-words separated by white space.
    private static func extendEncodedWords(_ value: inout [UInt8], _ scanner: inout HeaderValueScanner) {
        while true {
            let save = scanner.position
            while let byte = scanner.peek, HeaderText.isWhiteSpace(byte) { scanner.skipByte() }
            guard scanner.peek == UInt8(ascii: "="),
                  scanner.position + 1 < scanner.bytes.count,
                  scanner.bytes[scanner.position + 1] == UInt8(ascii: "?") else {
                scanner.position = save
                return
            }
            value.append(0x20)
            value.append(contentsOf: scanner.parameterValueToken())
        }
    }

    /// One `name=value` as written, before RFC 2231 joining.
    private struct WrittenParameter {
        var name: String
        var value: [UInt8]
    }

    /// What an RFC 2231 name says: base name, section number, whether encoded.
    private struct Form {
        var base: String
        var section: Int?
        var extended: Bool
    }

    /// Parses `base`, `base*`, `base*N` or `base*N*`; `nil` for a plain name or a malformed one.
    private static func form(of name: String) -> Form? {
        var utf8 = Substring(name).utf8[...]
        guard utf8.contains(UInt8(ascii: "*")) else { return nil }
        var extended = false
        if utf8.last == UInt8(ascii: "*") {
            extended = true
            utf8 = utf8.dropLast()
        }
        var section: Int?
        if let star = utf8.lastIndex(of: UInt8(ascii: "*")) {
            let digits = utf8[utf8.index(after: star)...]
            guard !digits.isEmpty, digits.count <= 6,
                  digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            section = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            utf8 = utf8[..<star]
        }
        guard !utf8.isEmpty, !utf8.contains(UInt8(ascii: "*")) else { return nil }
        guard extended || section != nil else { return nil }
        return Form(base: String(decoding: utf8, as: UTF8.self), section: section, extended: extended)
    }

    /// Groups parameters by name and applies RFC 2231 and the precedence rules.
    private static func join(_ written: [WrittenParameter]) -> [Parameter] {
        // The common case, a few plain parameters with no RFC 2231 `*` in any name, needs
        // no grouping: the first of each name is kept, in order, as the general path does.
        if written.count <= 8 && !written.contains(where: { $0.name.utf8.contains(UInt8(ascii: "*")) }) {
            var kept: [Parameter] = []
            kept.reserveCapacity(written.count)
            for parameter in written where !kept.contains(where: { asciiCaseInsensitiveEqual($0.name, parameter.name) }) {
                kept.append(Parameter(name: parameter.name, rawValue: parameter.value))
            }
            return kept
        }
        struct Group {
            var name: String
            var plain: [UInt8]?
            var extended: [UInt8]?
            var sections: [(number: Int, order: Int, extended: Bool, value: [UInt8])] = []
        }
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for (order, parameter) in written.enumerated() {
            let form = form(of: parameter.name)
            let name = form?.base ?? parameter.name
            let key = name.lowercased()
            let slot: Int
            if let existing = index[key] {
                slot = existing
            } else {
                slot = groups.count
                index[key] = slot
                groups.append(Group(name: name))
            }
            if let form {
                if let number = form.section {
                    groups[slot].sections.append((number, order, form.extended, parameter.value))
                } else if groups[slot].extended == nil {
                    groups[slot].extended = parameter.value
                }
            } else if groups[slot].plain == nil {
                groups[slot].plain = parameter.value
            }
        }
        return groups.map { group in
            if let extended = group.extended {
                return decodeExtended([(extended: true, value: extended)], name: group.name)
            }
            if !group.sections.isEmpty {
                var seen = Set<Int>()
                let ordered = group.sections
                    .sorted { ($0.number, $0.order) < ($1.number, $1.order) }
                    .filter { seen.insert($0.number).inserted }
                return decodeExtended(ordered.map { ($0.extended, $0.value) }, name: group.name)
            }
            return Parameter(name: group.name, rawValue: group.plain ?? [])
        }
    }

    /// Joins RFC 2231 sections (already in order) and decodes them.
    private static func decodeExtended(_ sections: [(extended: Bool, value: [UInt8])], name: String) -> Parameter {
        var bytes: [UInt8] = []
        var charset: String?
        var language: String?
        var anyExtended = false
        for (position, section) in sections.enumerated() {
            guard section.extended else {
                bytes.append(contentsOf: section.value)
                continue
            }
            anyExtended = true
            var data = section.value[...]
            if position == 0 {
                let quotes = data.indices.filter { data[$0] == UInt8(ascii: "'") }.prefix(2)
                if quotes.count == 2 {
                    charset = String(decoding: data[data.startIndex..<quotes[0]], as: UTF8.self)
                    language = String(decoding: data[(quotes[0] + 1)..<quotes[1]], as: UTF8.self)
                    data = data[(quotes[1] + 1)...]
                } else if quotes.count == 1,
                          Charset.isKnown(String(decoding: data[data.startIndex..<quotes[0]], as: UTF8.self)) {
                    charset = String(decoding: data[data.startIndex..<quotes[0]], as: UTF8.self)
                    data = data[(quotes[0] + 1)...]
                }
            } else {
                // Some clients repeat `charset'` (and the language) in every section.
                data = dropPrefix(charset, from: data)
                if data.startIndex != section.value.startIndex { data = dropPrefix(language, from: data) }
            }
            bytes.append(contentsOf: percentDecoded(data))
        }
        if charset?.isEmpty == true { charset = nil }
        if language?.isEmpty == true { language = nil }
        let value: String
        if !anyExtended {
            value = decodePlain(bytes)
        } else if let charset, let decoded = Charset.decode(bytes, charset: charset) {
            value = decoded
        } else {
            value = Charset.decodeHeaderText(bytes, fallback: nil)
        }
        return Parameter(name: name, rawValue: bytes, value: value, charset: charset, language: language)
    }

    /// `data` without a leading `prefix'` (ASCII case-insensitive), if it has one.
    private static func dropPrefix(_ prefix: String?, from data: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let prefix, !prefix.isEmpty else { return data }
        let utf8 = Array(prefix.utf8)
        guard data.count > utf8.count,
              zip(data, utf8).allSatisfy({ asciiLower($0) == asciiLower($1) }),
              data[data.startIndex + utf8.count] == UInt8(ascii: "'") else { return data }
        return data[(data.startIndex + utf8.count + 1)...]
    }

    /// `%XX` escapes decoded; a `%` without two hex digits stays as it is.
    private static func percentDecoded(_ data: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var i = data.startIndex
        while i < data.endIndex {
            if data[i] == UInt8(ascii: "%"), i + 2 < data.endIndex,
               let high = hexValue(data[i + 1]), let low = hexValue(data[i + 2]) {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(data[i])
                i += 1
            }
        }
        return out
    }

    /// A plain value's text: RFC 2047 encoded-words decoded, raw 8-bit as UTF-8 or
    /// windows-1252.
    static func decodePlain(_ bytes: [UInt8]) -> String {
        if isPlainPrintableASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return EncodedWordDecoder.decode(bytes, fallback: nil)
    }

    /// Printable ASCII with no `=?`: nothing for the encoded-word decoder to change.
    static func isPlainPrintableASCII(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte < 0x20 || byte > 0x7E || (previous == UInt8(ascii: "=") && byte == UInt8(ascii: "?")) { return false }
            previous = byte
        }
        return true
    }
}

func asciiCaseInsensitiveEqual(_ a: String, _ b: String) -> Bool {
    let x = a.utf8, y = b.utf8
    guard x.count == y.count else { return false }
    let contiguous = x.withContiguousStorageIfAvailable { xs in
        y.withContiguousStorageIfAvailable { ys in
            for i in 0..<xs.count where asciiLower(xs[i]) != asciiLower(ys[i]) { return false }
            return true
        }
    }
    if let contiguous, let equal = contiguous { return equal }
    return zip(x, y).allSatisfy { asciiLower($0) == asciiLower($1) }
}

@inline(__always)
func asciiLower(_ byte: UInt8) -> UInt8 {
    byte &- 65 < 26 ? byte | 0x20 : byte
}

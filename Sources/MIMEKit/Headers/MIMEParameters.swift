/// The parameters of a `Content-Type` or `Content-Disposition` value, in order.
///
/// Names compare case-insensitively and keep their spelling; when a name is given twice the
/// first one wins, as in most mail clients. Values keep their raw bytes (after removing the
/// quotes of a quoted-string) next to a decoded `String`.
public struct MIMEParameters: Sendable, Hashable, RandomAccessCollection {
    /// One `name=value` pair.
    public struct Parameter: Sendable, Hashable {
        /// The name as written.
        public var name: String
        /// The value's bytes with quoting removed.
        public var rawValue: [UInt8]
        /// The value as text (UTF-8, invalid bytes replaced).
        public var value: String { String(decoding: rawValue, as: UTF8.self) }

        /// A parameter from a name and text value.
        public init(name: String, value: String) {
            self.name = name
            self.rawValue = Array(value.utf8)
        }

        /// A parameter from a name and raw value bytes.
        public init(name: String, rawValue: [UInt8]) {
            self.name = name
            self.rawValue = rawValue
        }
    }

    private var storage: [Parameter]

    /// No parameters.
    public init() { storage = [] }

    /// Parameters from `(name, value)` pairs.
    public init(_ pairs: [(String, String)]) {
        storage = pairs.map { Parameter(name: $0.0, value: $0.1) }
    }

    public var startIndex: Int { storage.startIndex }
    public var endIndex: Int { storage.endIndex }
    public subscript(position: Int) -> Parameter { storage[position] }

    /// The first value named `name` (case-insensitive).
    public subscript(name: String) -> String? {
        rawValue(for: name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The raw bytes of the first value named `name` (case-insensitive).
    public func rawValue(for name: String) -> [UInt8]? {
        storage.first { asciiCaseInsensitiveEqual($0.name, name) }?.rawValue
    }

    /// Appends a parameter.
    public mutating func append(_ parameter: Parameter) { storage.append(parameter) }

    /// Reads `*(";" parameter)` from a scanner positioned after the main value.
    ///
    /// Tolerates a missing `;` between parameters, a parameter with no `=` (its value is
    /// empty), white space around `=`, and an unterminated quoted-string (it runs to the end).
    init(scanning scanner: inout HeaderValueScanner) {
        storage = []
        while true {
            scanner.skipCFWS()
            while scanner.consume(UInt8(ascii: ";")) { scanner.skipCFWS() }
            if scanner.isAtEnd { break }
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
                }
            }
            storage.append(Parameter(name: String(decoding: name, as: UTF8.self), rawValue: value))
        }
    }
}

func asciiCaseInsensitiveEqual(_ a: String, _ b: String) -> Bool {
    let x = a.utf8, y = b.utf8
    guard x.count == y.count else { return false }
    return zip(x, y).allSatisfy { asciiLower($0) == asciiLower($1) }
}

@inline(__always)
func asciiLower(_ byte: UInt8) -> UInt8 {
    byte &- 65 < 26 ? byte | 0x20 : byte
}

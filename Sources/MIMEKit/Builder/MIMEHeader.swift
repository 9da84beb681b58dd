/// A header field to add to a built message or part, beyond those the builder writes itself.
public struct MIMEHeader: Sendable, Hashable {
    /// The field name (printable ASCII other than `:`).
    public let name: String
    let text: String?
    let raw: [UInt8]?

    /// A field whose value is text: written as an unstructured value (RFC 5322 section
    /// 3.2.5), with encoded-words where needed, folded at 78 columns.
    public init(_ name: String, _ value: String) {
        precondition(Self.isValidName(name), "invalid header field name \(name.debugDescription)")
        self.name = name
        self.text = value
        self.raw = nil
    }

    /// A field whose value is written exactly as given after the colon (folding, if any,
    /// included; no final line ending).
    public init(_ name: String, rawValue: [UInt8]) {
        precondition(Self.isValidName(name), "invalid header field name \(name.debugDescription)")
        self.name = name
        self.text = nil
        self.raw = rawValue
    }

    /// A copy of a parsed field: its name as spelled and its raw value, folding kept (any
    /// LF-only line endings in the fold become CRLF).
    public init(_ field: HeaderField) {
        self.init(field.name, rawValue: MIMEPart.withCRLF(field.rawValue.bytes))
    }

    /// Whether the name is `name`, ignoring ASCII case.
    public func hasName(_ name: String) -> Bool { asciiCaseInsensitiveEqual(self.name, name) }

    /// The field as written, with its final CRLF.
    public var bytes: [UInt8] {
        if let raw { return Array(name.utf8) + [UInt8(ascii: ":")] + raw + [0x0D, 0x0A] }
        return HeaderEncoder.unstructuredField(name: name, value: text ?? "")
    }

    /// RFC 5322 section 3.6.8 `field-name`: printable ASCII but `:`.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 >= 33 && $0 <= 126 && $0 != UInt8(ascii: ":") }
    }
}

/// A parsed `Content-Type` value (RFC 2045 section 5.1), tolerant of real-world breakage.
///
/// ```
/// content := "Content-Type" ":" type "/" subtype *(";" parameter)
/// parameter := attribute "=" value
/// value := token / quoted-string
/// ```
///
/// Type and subtype are lower-cased. A value that has no `type/subtype` makes the
/// initializer return `nil`; callers then use the default (RFC 2045 section 5.2).
public struct ContentType: Sendable, Hashable, CustomStringConvertible {
    /// The media type, lower-cased (`text`, `multipart`, ...).
    public var type: String
    /// The subtype, lower-cased (`plain`, `mixed`, ...).
    public var subtype: String
    /// The parameters in the order given.
    public var parameters: MIMEParameters

    /// A content type from its parts; `type` and `subtype` are lower-cased.
    public init(type: String, subtype: String, parameters: MIMEParameters = MIMEParameters()) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
        self.parameters = parameters
    }

    /// Parses a raw header value (folding and comments allowed).
    public init?(parsing raw: some Collection<UInt8>) {
        let simple = raw.withContiguousStorageIfAvailable { Self.parseSimple(UnsafeRawBufferPointer($0)) }
        if let simple, let simple {
            self = simple
            return
        }
        self.init(parsingGenerally: raw)
    }

    /// `type` and `subtype` already lower-cased, no parameters.
    init(lowercasedType type: String, subtype: String) {
        self.type = type
        self.subtype = subtype
        self.parameters = MIMEParameters()
    }

    /// The general parser, for any value; `init(parsing:)` takes a shortcut for simple ones.
    init?(parsingGenerally raw: some Collection<UInt8>) {
        var scanner = HeaderValueScanner(Array(HeaderText.fieldValue(Array(raw))))
        scanner.skipCFWS()
        guard let type = scanner.token(), !type.isEmpty else { return nil }
        scanner.skipCFWS()
        guard scanner.consume(UInt8(ascii: "/")) else { return nil }
        scanner.skipCFWS()
        guard let subtype = scanner.token(), !subtype.isEmpty else { return nil }
        self.type = String(decoding: type, as: UTF8.self).lowercased()
        self.subtype = String(decoding: subtype, as: UTF8.self).lowercased()
        self.parameters = MIMEParameters(scanning: &scanner)
    }

    /// `text/plain; charset=us-ascii`, the default of RFC 2045 section 5.2.
    public static let textPlain = ContentType(
        type: "text", subtype: "plain", parameters: MIMEParameters([("charset", "us-ascii")]))

    /// `message/rfc822`, the default inside `multipart/digest` (RFC 2046 section 5.1.5).
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// `type/subtype`.
    public var mimeType: String { "\(type)/\(subtype)" }

    /// Whether this is `multipart/*`.
    public var isMultipart: Bool { type == "multipart" }

    /// Whether this is a message that encloses another: `message/rfc822` or `message/global`
    /// (RFC 6532 section 3.7).
    public var isEnclosedMessage: Bool {
        type == "message" && (subtype == "rfc822" || subtype == "global")
    }

    /// The `boundary` parameter's bytes, if present and not empty.
    public var boundary: [UInt8]? {
        guard let value = parameters.rawValue(for: "boundary"), !value.isEmpty else { return nil }
        return value
    }

    /// The `charset` parameter, lower-cased.
    public var charset: String? { parameters["charset"]?.lowercased() }

    /// The `name` parameter (the file name old clients give), RFC 2231 or RFC 2047 decoded.
    public var name: String? { parameters["name"] }

    public var description: String {
        var text = mimeType
        for parameter in parameters { text += "; \(parameter.name)=\"\(parameter.value)\"" }
        return text
    }
}

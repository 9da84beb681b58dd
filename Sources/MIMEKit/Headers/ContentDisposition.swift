/// A parsed `Content-Disposition` value (RFC 2183), tolerant of real-world breakage.
///
/// ```
/// disposition := "Content-Disposition" ":" disposition-type *(";" disposition-parm)
/// disposition-type := "inline" / "attachment" / extension-token
/// disposition-parm := filename-parm / creation-date-parm / modification-date-parm
///                   / read-date-parm / size-parm / parameter
/// ```
///
/// Parameters follow ``MIMEParameters`` (RFC 2231 continuations and charsets, RFC 2047
/// encoded-words in quoted values). The dates are RFC 5322 `date-time`s in quoted-strings
/// (RFC 2183 section 2.4), parsed with ``MailDate``.
public struct ContentDisposition: Sendable, Hashable {
    /// The disposition type, lower-cased (`inline`, `attachment`, or an extension).
    public var type: String
    /// The parameters in the order given.
    public var parameters: MIMEParameters

    /// A disposition from its parts; `type` is lower-cased.
    public init(type: String, parameters: MIMEParameters = MIMEParameters()) {
        self.type = type.lowercased()
        self.parameters = parameters
    }

    /// Parses a raw header value (folding and comments allowed); `nil` when there is no
    /// disposition type.
    public init?(parsing raw: some Collection<UInt8>) {
        var scanner = HeaderValueScanner(Array(HeaderText.fieldValue(Array(raw))))
        scanner.skipCFWS()
        guard let type = scanner.token(), !type.isEmpty else { return nil }
        self.type = String(decoding: type, as: UTF8.self).lowercased()
        self.parameters = MIMEParameters(scanning: &scanner)
    }

    /// The disposition type as a closed set.
    public enum Kind: Sendable, Hashable {
        /// `inline` (section 2.1): shown with the message.
        case inline
        /// `attachment` (section 2.2): offered separately.
        case attachment
        /// Any other type, lower-cased; section 2.8 says to treat it as `attachment`.
        case other(String)
    }

    /// The disposition type as a ``Kind``.
    public var kind: Kind {
        switch type {
        case "inline": return .inline
        case "attachment": return .attachment
        default: return .other(type)
        }
    }

    /// Whether the type is `inline` (section 2.1).
    public var isInline: Bool { type == "inline" }

    /// Whether the type is `attachment` (section 2.2); RFC 2183 section 2.8 says to treat an
    /// unknown type as `attachment`, which ``isAttachmentLike`` does.
    public var isAttachment: Bool { type == "attachment" }

    /// Whether the part should be offered as an attachment: any type but `inline`.
    public var isAttachmentLike: Bool { type != "inline" }

    /// The `filename` parameter, decoded (section 2.3, RFC 2231, RFC 2047).
    public var filename: String? { parameters["filename"] }

    /// The `creation-date` parameter (section 2.4).
    public var creationDate: MailDate? { date("creation-date") }

    /// The `modification-date` parameter (section 2.5).
    public var modificationDate: MailDate? { date("modification-date") }

    /// The `read-date` parameter (section 2.6).
    public var readDate: MailDate? { date("read-date") }

    /// The `size` parameter, an approximate size in octets (section 2.7); `nil` when absent
    /// or not a non-negative decimal number.
    public var size: Int64? {
        guard let raw = parameters.rawValue(for: "size"), !raw.isEmpty, raw.count <= 18,
              raw.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return raw.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
    }

    private func date(_ name: String) -> MailDate? {
        parameters.rawValue(for: name).flatMap { MailDate(parsing: $0) }
    }
}

extension ContentDisposition {
    /// What a look at a raw Content-Disposition value tells about `isAttachment`, without
    /// parsing it (no array, no string).
    enum QuickLook: Equatable {
        /// The type is `attachment`.
        case attachment
        /// The type is not `attachment` (or there is none) and no parameter can be named
        /// `filename`.
        case noFilename
        /// Only the full parse can tell.
        case unknown
    }

    /// Decides the two questions `MIMEEntity.isAttachment` asks of a disposition (is the type
    /// `attachment`, is there a `filename`) for the values nearly every message has; anything
    /// unusual is `.unknown`, and the caller parses it.
    ///
    /// It agrees with `init(parsing:)` because:
    /// - The parser trims white space and skips comments before the type, and only CR, LF and
    ///   `(` can change what it does there (a line break may end the field, a comment is
    ///   skipped): this look stops at them. After spaces and tabs alone, both read the type
    ///   token from the same byte.
    /// - The type matches `attachment` when its bytes do, ignoring ASCII case: `lowercased()`
    ///   maps no non-ASCII character to one of its letters (a test checks every scalar).
    /// - A parameter's name (RFC 2231 `filename*0*` forms included) is a run of the value's
    ///   bytes, compared by ASCII case only; with no `filename` anywhere in the value, in any
    ///   case, there is no such parameter.
    static func quickLook(_ raw: UnsafeRawBufferPointer) -> QuickLook {
        let count = raw.count
        var i = 0
        while i < count, raw[i] == 0x20 || raw[i] == 0x09 { i += 1 }
        if i < count, raw[i] == 0x0D || raw[i] == 0x0A || raw[i] == UInt8(ascii: "(") { return .unknown }
        if count - i >= 10, asciiEqualsLowercased(UnsafeRawBufferPointer(rebasing: raw[i..<(i + 10)]), "attachment"),
           i + 10 == count || !HeaderValueScanner.isTokenByte(raw[i + 10]) {
            return .attachment
        }
        return containsFilename(raw) ? .unknown : .noFilename
    }

    /// Whether `filename` occurs in `raw`, in any ASCII case.
    private static func containsFilename(_ raw: UnsafeRawBufferPointer) -> Bool {
        let count = raw.count
        guard count >= 8 else { return false }
        for start in 0...(count - 8) where raw[start] | 0x20 == UInt8(ascii: "f") {
            if asciiEqualsLowercased(UnsafeRawBufferPointer(rebasing: raw[start..<(start + 8)]), "filename") { return true }
        }
        return false
    }
}

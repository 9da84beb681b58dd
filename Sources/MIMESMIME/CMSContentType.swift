/// The type of a CMS ContentInfo, named by its object identifier (RFC 5652 §3).
///
/// ```
/// ContentInfo ::= SEQUENCE {
///   contentType ContentType,
///   content [0] EXPLICIT ANY DEFINED BY contentType }
/// ContentType ::= OBJECT IDENTIFIER
/// ```
public enum CMSContentType: Sendable, Hashable, CustomStringConvertible {
    /// id-data, 1.2.840.113549.1.7.1 (RFC 5652 §4).
    case data
    /// id-signedData, 1.2.840.113549.1.7.2 (RFC 5652 §5).
    case signedData
    /// id-envelopedData, 1.2.840.113549.1.7.3 (RFC 5652 §6).
    case envelopedData
    /// id-ct-authEnvelopedData, 1.2.840.113549.1.9.16.1.23 (RFC 5083 §1).
    case authEnvelopedData
    /// id-ct-compressedData, 1.2.840.113549.1.9.16.1.9 (RFC 3274 §1.1).
    case compressedData
    /// Any other type, by its object identifier in dotted form.
    case other(oid: String)

    /// The type that `oid` (dotted form) names.
    public init(oid: String) {
        switch oid {
        case "1.2.840.113549.1.7.1": self = .data
        case "1.2.840.113549.1.7.2": self = .signedData
        case "1.2.840.113549.1.7.3": self = .envelopedData
        case "1.2.840.113549.1.9.16.1.23": self = .authEnvelopedData
        case "1.2.840.113549.1.9.16.1.9": self = .compressedData
        default: self = .other(oid: oid)
        }
    }

    /// The object identifier in dotted form.
    public var oid: String {
        switch self {
        case .data: "1.2.840.113549.1.7.1"
        case .signedData: "1.2.840.113549.1.7.2"
        case .envelopedData: "1.2.840.113549.1.7.3"
        case .authEnvelopedData: "1.2.840.113549.1.9.16.1.23"
        case .compressedData: "1.2.840.113549.1.9.16.1.9"
        case .other(let oid): oid
        }
    }

    /// The RFC name (`signedData`), or the dotted object identifier for other types.
    public var description: String {
        switch self {
        case .data: "data"
        case .signedData: "signedData"
        case .envelopedData: "envelopedData"
        case .authEnvelopedData: "authEnvelopedData"
        case .compressedData: "compressedData"
        case .other(let oid): oid
        }
    }
}

public import MIMEKit
public import MIMECrypto

/// What an entity is in S/MIME terms, read from its content type (RFC 8551 §3.2, §3.5;
/// RFC 1847 §2.1).
///
/// ```
/// multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256   -- detached
/// application/pkcs7-mime; smime-type=signed-data                              -- opaque
/// application/pkcs7-mime; smime-type=enveloped-data
/// application/pkcs7-mime; smime-type=authEnveloped-data                       -- RFC 8551 §3.3
/// ```
///
/// The `x-pkcs7-` spellings of older clients are accepted (RFC 8551 §3.2.1). When a
/// `pkcs7-mime` part has no `smime-type`, as some old clients send, the CMS content type
/// in its body decides.
public enum SMIMEEntityKind: Sendable, Hashable {
    /// `multipart/signed` with an `application/pkcs7-signature` part.
    case detachedSignature
    /// `application/pkcs7-mime` carrying signed-data.
    case signedData
    /// `application/pkcs7-mime` carrying enveloped-data (CBC and other unauthenticated
    /// ciphers).
    case envelopedData
    /// `application/pkcs7-mime` carrying authEnveloped-data (AES-GCM).
    case authEnvelopedData
    /// `application/pkcs7-mime` carrying something else (compressed-data, certs-only).
    case other(smimeType: String)

    static let signatureTypes: Set<String> = ["application/pkcs7-signature", "application/x-pkcs7-signature"]
    static let mimeTypes: Set<String> = ["application/pkcs7-mime", "application/x-pkcs7-mime"]

    /// The kind of `entity`, or `nil` when it is not an S/MIME entity.
    public init?(_ entity: MIMEEntity) {
        let type = entity.contentType
        let mimeType = type.mimeType.lowercased()
        if mimeType == "multipart/signed" {
            let declared = type.parameters["protocol"]?.lowercased()
            let second = entity.children.dropFirst().first?.contentType.mimeType.lowercased()
            guard declared.map(Self.signatureTypes.contains) ?? second.map(Self.signatureTypes.contains) ?? false else {
                return nil
            }
            self = .detachedSignature
            return
        }
        guard Self.mimeTypes.contains(mimeType) else { return nil }
        switch type.parameters["smime-type"]?.lowercased() {
        case "signed-data": self = .signedData
        case "enveloped-data": self = .envelopedData
        case "authenveloped-data": self = .authEnvelopedData
        case let other?: self = .other(smimeType: other)
        case nil:
            switch (try? CMSInspector.inspect(der: entity.decodedBody()))?.contentType {
            case .signedData: self = .signedData
            case .envelopedData: self = .envelopedData
            case .authEnvelopedData: self = .authEnvelopedData
            case let type?: self = .other(smimeType: type.description)
            case nil: self = .other(smimeType: "")
            }
        }
    }

    /// Whether the entity is signed or encrypted; `nil` for ``other(smimeType:)``.
    public var role: MIMECryptoRole? {
        switch self {
        case .detachedSignature, .signedData: .signed
        case .envelopedData, .authEnvelopedData: .encrypted
        case .other: nil
        }
    }
}

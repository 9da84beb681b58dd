public import MIMECrypto

/// Reads the outline of a CMS message from its DER without keys or OpenSSL.
///
/// It walks the grammar of RFC 5652 and RFC 5083 down to the parts that matter for a
/// security decision:
///
/// ```
/// ContentInfo ::= SEQUENCE {
///   contentType ContentType,
///   content [0] EXPLICIT ANY DEFINED BY contentType }
///
/// SignedData ::= SEQUENCE {                                  -- RFC 5652 §5.1
///   version CMSVersion,
///   digestAlgorithms DigestAlgorithmIdentifiers,
///   encapContentInfo EncapsulatedContentInfo,
///   certificates [0] IMPLICIT CertificateSet OPTIONAL,
///   crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
///   signerInfos SignerInfos }
/// EncapsulatedContentInfo ::= SEQUENCE {                     -- RFC 5652 §5.2
///   eContentType ContentType,
///   eContent [0] EXPLICIT OCTET STRING OPTIONAL }
///
/// EnvelopedData ::= SEQUENCE {                               -- RFC 5652 §6.1
///   version CMSVersion,
///   originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
///   recipientInfos RecipientInfos,
///   encryptedContentInfo EncryptedContentInfo,
///   unprotectedAttrs [1] IMPLICIT UnprotectedAttributes OPTIONAL }
/// AuthEnvelopedData ::= SEQUENCE {                           -- RFC 5083 §2.1
///   version CMSVersion,
///   originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
///   recipientInfos RecipientInfos,
///   authEncryptedContentInfo EncryptedContentInfo,
///   authAttrs [1] IMPLICIT AuthAttributes OPTIONAL,
///   mac MessageAuthenticationCode,
///   unauthAttrs [2] IMPLICIT UnauthAttributes OPTIONAL }
/// EncryptedContentInfo ::= SEQUENCE {
///   contentType ContentType,
///   contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier,
///   encryptedContent [0] IMPLICIT EncryptedContent OPTIONAL }
/// ```
///
/// Other content types are reported by type alone. Malformed or truncated input throws a
/// ``CryptoError`` with code `malformedData`; bytes after the ContentInfo are refused too.
public enum CMSInspector {
    /// Inspects a CMS ContentInfo in BER or DER.
    public static func inspect(der: some Collection<UInt8>) throws(CryptoError) -> CMSInspection {
        var reader = DERReader(Array(der))
        let contentInfo = try reader.read(universal: DERReader.Tag.sequence, "ContentInfo SEQUENCE")
        guard reader.isAtEnd else {
            throw DERReader.malformed("\(der.count - reader.offset) bytes follow the ContentInfo")
        }
        var fields = try reader.children(of: contentInfo)
        let contentType = CMSContentType(oid: try fields.readObjectIdentifier("ContentInfo contentType"))
        switch contentType {
        case .signedData, .envelopedData, .authEnvelopedData:
            guard let explicit = try fields.readOptional(context: 0) else {
                throw DERReader.malformed("\(contentType) ContentInfo has no [0] content")
            }
            var wrapper = try fields.children(of: explicit)
            let content = try wrapper.read(universal: DERReader.Tag.sequence, "\(contentType) SEQUENCE")
            var body = try wrapper.children(of: content)
            if contentType == .signedData {
                return try inspectSignedData(&body)
            }
            return try inspectEnvelope(&body, contentType: contentType)
        default:
            return CMSInspection(contentType: contentType)
        }
    }

    /// Inspects the base64 body of an `application/pkcs7-mime` or `application/pkcs7-signature`
    /// part (RFC 8551 §3.2); line breaks are allowed.
    public static func inspect(base64: some Collection<UInt8>) throws(CryptoError) -> CMSInspection {
        try inspect(der: Base64Body.decode(base64))
    }

    private static func inspectSignedData(_ body: inout DERReader) throws(CryptoError) -> CMSInspection {
        _ = try body.read(universal: DERReader.Tag.integer, "SignedData version")
        _ = try body.read(universal: DERReader.Tag.set, "SignedData digestAlgorithms SET")
        let encapsulated = try body.read(universal: DERReader.Tag.sequence, "EncapsulatedContentInfo SEQUENCE")
        var encapsulatedFields = try body.children(of: encapsulated)
        _ = try encapsulatedFields.readObjectIdentifier("eContentType")
        let hasContent = try encapsulatedFields.readOptional(context: 0) != nil
        _ = try body.readOptional(context: 0)
        _ = try body.readOptional(context: 1)
        let signerInfos = try body.read(universal: DERReader.Tag.set, "SignerInfos SET")
        var signers = try body.children(of: signerInfos)
        return CMSInspection(
            contentType: .signedData,
            signerInfoCount: try signers.countRemaining(),
            hasEncapsulatedContent: hasContent
        )
    }

    private static func inspectEnvelope(
        _ body: inout DERReader, contentType: CMSContentType
    ) throws(CryptoError) -> CMSInspection {
        _ = try body.read(universal: DERReader.Tag.integer, "\(contentType) version")
        _ = try body.readOptional(context: 0)
        let recipientInfos = try body.read(universal: DERReader.Tag.set, "RecipientInfos SET")
        var recipients = try body.children(of: recipientInfos)
        let recipientCount = try recipients.countRemaining()
        let encrypted = try body.read(universal: DERReader.Tag.sequence, "EncryptedContentInfo SEQUENCE")
        var encryptedFields = try body.children(of: encrypted)
        _ = try encryptedFields.readObjectIdentifier("EncryptedContentInfo contentType")
        let algorithm = try encryptedFields.read(universal: DERReader.Tag.sequence, "ContentEncryptionAlgorithmIdentifier")
        var algorithmFields = try encryptedFields.children(of: algorithm)
        let oid = try algorithmFields.readObjectIdentifier("content-encryption algorithm")
        return CMSInspection(
            contentType: contentType,
            contentEncryptionAlgorithm: CMSContentEncryptionAlgorithm(oid: oid),
            recipientCount: recipientCount
        )
    }
}

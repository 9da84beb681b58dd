/// SS-CMS-ECONTENT: a detached `multipart/signed` whose CMS also carries content.
///
/// In `multipart/signed` (RFC 8551 §3.5) the signed content is the first part and the
/// SignedData is detached. If the SignedData also encapsulates content, some clients
/// verify the encapsulated content but display the first part, so a valid signature is
/// shown over text nobody signed (Müller et al., "Johnny, You Are Fired!", USENIX Security
/// 2019, §5.1, CMS eContent confusion).
public struct CMSEncapsulatedContentRule: ScanRule {
    public var id: String { "SS-CMS-ECONTENT" }
    public var severity: ScanSeverity { .high }
    public var title: String { "Detached S/MIME signature whose CMS also encapsulates content" }
    public var explanation: String {
        """
        A multipart/signed's application/pkcs7-signature holds a SignedData with eContent: \
        the signature may cover the encapsulated content while the client shows the first \
        part, a signature-spoofing pattern (Müller et al., "Johnny, You Are Fired!", USENIX \
        Security 2019, §5.1). Senders: detached signatures carry no eContent (RFC 8551 §3.5; \
        openssl cms -sign without -nodetach).
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        context.signedParts.filter { $0.kind == .multipartSigned }.compactMap { part in
            guard let signature = part.payload, signature.contentType.subtype.hasSuffix("pkcs7-signature"),
                let outline = context.cms(of: signature), outline.hasEncapsulatedContent == true
            else { return nil }
            return finding(signature, "detached pkcs7-signature part \(signature.id) carries eContent")
        }
    }
}

/// SS-CMS-SIGNERS: a CMS SignedData with no SignerInfo, or with several.
///
/// A SignedData without SignerInfo signs nothing yet some clients show it as signed; with
/// several, clients differ on whose verdict and identity they show (Müller et al., "Johnny,
/// You Are Fired!", USENIX Security 2019, §5.1, multiple signers). A certs-only message
/// (RFC 8551 §3.6) legitimately has none and is skipped. Several signers are graded medium:
/// RFC 5652 allows them.
public struct CMSSignerCountRule: ScanRule {
    public var id: String { "SS-CMS-SIGNERS" }
    public var severity: ScanSeverity { .high }
    public var title: String { "CMS SignedData with no signer or several signers" }
    public var explanation: String {
        """
        An S/MIME signature (detached or opaque) has zero SignerInfos — nothing is signed, \
        whatever the client shows — or several, where clients disagree about which verdict \
        and identity to display (Müller et al., "Johnny, You Are Fired!", USENIX Security \
        2019, §5.1). Senders: one SignerInfo per signature; certs-only messages are exempt.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        context.signedParts.compactMap { part in
            guard let signature = part.payload, signature.contentType.subtype.contains("pkcs7"),
                signature.contentType.parameters["smime-type"]?.lowercased() != "certs-only",
                let outline = context.cms(of: signature), let count = outline.signerInfoCount, count != 1
            else { return nil }
            return finding(signature, "SignedData with \(count) SignerInfos", severity: count == 0 ? .high : .medium)
        }
    }
}

import MIMESMIME

/// CRY-SMIME-LABEL: the `smime-type` parameter disagrees with the CMS content type.
///
/// RFC 8551 §3.2.2 ties `smime-type` to the CMS content (enveloped-data, authEnveloped-data,
/// signed-data, certs-only, compressed-data). A client that trusts the label shows a
/// signed message as encrypted or the reverse; "Johnny, You Are Fired!" (Müller et al.,
/// USENIX Security 2019, §5) relies on such confusion between what is shown and what was
/// checked.
public struct SMIMELabelRule: ScanRule {
    public var id: String { "CRY-SMIME-LABEL" }
    public var severity: ScanSeverity { .high }
    public var title: String { "smime-type parameter disagrees with the CMS content" }
    public var explanation: String {
        """
        The Content-Type's smime-type parameter names one kind of CMS content and the body \
        holds another (say smime-type=enveloped-data over a SignedData). Clients that decide \
        from the label mislead the reader about what was encrypted or signed (RFC 8551 \
        §3.2.2; Müller et al., "Johnny, You Are Fired!", USENIX Security 2019). Senders: \
        write the smime-type that matches the CMS content type.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        context.protectedParts.filter { $0.kind == .smimeEncrypted || $0.kind == .smimeOpaqueSigned }.compactMap { part in
            guard let label = part.entity.contentType.parameters["smime-type"]?.lowercased(),
                let outline = context.cms(of: part.entity)
            else { return nil }
            let expected: CMSContentType? = switch label {
            case "enveloped-data": .envelopedData
            case "authenveloped-data": .authEnvelopedData
            case "signed-data", "certs-only": .signedData
            case "compressed-data": .compressedData
            default: nil
            }
            guard let expected, expected != outline.contentType else { return nil }
            return finding(part.entity, "smime-type=\(label) but the CMS content is \(outline.contentType)")
        }
    }
}

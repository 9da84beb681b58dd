/// SS-MIME-WRAP: a signed entity that is not the message's root.
///
/// "Johnny, You Are Fired!" (Müller et al., USENIX Security 2019, §6, MIME wrapping) takes
/// a message signed by someone else and wraps it: an unsigned sibling in `multipart/mixed`,
/// a hidden attachment, a `cid:` reference, a forwarded `message/rfc822`. Clients that show
/// "signed" for any signed part then lend the signature to the attacker's text. Inside an
/// enclosed message (a forwarded signed mail) the finding is graded medium.
public struct SignatureWrappingRule: ScanRule {
    public var id: String { "SS-MIME-WRAP" }
    public var severity: ScanSeverity { .high }
    public var title: String { "Signed part is not the root of the message" }
    public var explanation: String {
        """
        A multipart/signed, opaque signed-data or clear-signed block sits next to unsigned \
        parts, as an attachment, or in an enclosed message: a client that shows a signature \
        indicator for the message lends the signature to unsigned text (MIME wrapping; \
        Müller et al., "Johnny, You Are Fired!", USENIX Security 2019, §6). Senders: sign \
        the whole message, the signature layer being the root (RFC 1847, RFC 8551 §3.5).
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        context.signedParts.compactMap { part in
            guard let placement = context.misplacement(of: part.entity, allowSignedWrapper: false) else { return nil }
            return finding(part.entity, "\(part.label) \(placement.description)",
                           severity: placement.isInsideEnclosedMessage ? .medium : nil)
        }
    }
}

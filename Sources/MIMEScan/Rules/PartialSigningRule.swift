import MIMEOpenPGP

/// SS-PGP-PARTIAL: a signed inline PGP block mixed with unsigned text in the same part.
///
/// Added beside the issue's table: SS-MIME-WRAP sees a signed entity among unsigned
/// entities, but inline PGP can mix signed and unsigned text inside one text part, which
/// no MIME structure shows. Clients that draw one "signed" indicator for the part lend it
/// to the unsigned text ("Johnny, You Are Fired!", Müller et al., USENIX Security 2019, §6,
/// partial signing and wrapping of inline PGP). Text only after the block (a signature, a
/// mailing-list footer) is graded medium; text before it, or several signed blocks, high.
public struct PartialSigningRule: ScanRule {
    public var id: String { "SS-PGP-PARTIAL" }
    public var severity: ScanSeverity { .high }
    public var title: String { "Clear-signed or inline-signed PGP block mixed with unsigned text" }
    public var explanation: String {
        """
        A text part holds a PGP-signed block (clear-signed or an armored signed message) \
        with unsigned text before or after it, or several signed blocks. A client that marks \
        the part as signed vouches for text the signer never signed (partial signing; \
        Müller et al., "Johnny, You Are Fired!", USENIX Security 2019, §6). Text only after \
        the block, as mailing lists append, is medium. Senders: sign the whole body, \
        preferably as PGP/MIME (RFC 3156 §5).
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        var findings: [Finding] = []
        var seen: Set<Int> = []
        for part in context.signedParts where part.kind == .pgpClearSigned || part.kind == .pgpInlineSigned {
            guard seen.insert(part.entity.offsets.start).inserted else { continue }
            let armor = context.armor(of: part.entity)
            let signed = armor.scan.blocks.filter { $0.kind == .signedMessage || $0.kind == .message }
            guard let first = signed.first else { continue }
            if signed.count > 1 {
                findings.append(finding(part.entity, "\(signed.count) signed PGP blocks in part \(part.entity.id)"))
            }
            guard let text = armor.scan.surroundingText.first else { continue }
            let before = text.lowerBound < first.range.lowerBound
            let sample = armor.text.map { ByteSearch.excerpt($0, at: text.lowerBound) }
                ?? ByteSearch.excerpt(part.entity.message.storage.view(text).bytes, at: 0)
            findings.append(finding(part.entity, "unsigned text \(before ? "before" : "after") the signed block: \"\(sample)\"",
                                    severity: before ? nil : .medium, offsets: armor.isAbsolute ? text : nil))
        }
        return findings
    }
}

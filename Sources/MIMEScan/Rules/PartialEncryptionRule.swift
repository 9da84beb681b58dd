import MIMEOpenPGP

/// EF-DE-PARTIAL: an armored PGP message with text around it, or several in one part.
///
/// Inline PGP lets a message mix cleartext and ciphertext in one text part; EFAIL's direct
/// exfiltration against inline PGP (Poddebniak et al., USENIX Security 2018, §4.2) and the
/// covert-content attacks of "Re: What's up Johnny?" (Müller et al., ACNS 2019) put
/// attacker text around a captured block. RFC 3156 exists so that nothing but the
/// encrypted message is in the part. Text only after the block (a signature, a list
/// footer) is graded medium: it cannot open a context that swallows the plaintext.
public struct PartialEncryptionRule: ScanRule {
    public var id: String { "EF-DE-PARTIAL" }
    public var severity: ScanSeverity { .high }
    public var title: String { "Armored PGP message mixed with other text, or several in one part" }
    public var explanation: String {
        """
        A text part holds an armored PGP MESSAGE with non-blank text before or after it, or \
        several armored blocks. Clients that decrypt blocks in place show attacker text and \
        decrypted text as one message, and may render it as HTML (EFAIL against inline PGP; \
        Poddebniak et al., USENIX Security 2018, §4.2; Müller et al., "Re: What's up \
        Johnny?", 2019). Senders: use PGP/MIME (RFC 3156) and encrypt the whole body.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        var findings: [Finding] = []
        for part in context.encryptedParts where part.kind != .smimeEncrypted {
            guard let payload = part.payload else { continue }
            let scan: OpenPGPArmorScan
            let text: [UInt8]?
            if part.kind == .pgpInlineEncrypted {
                let armor = context.armor(of: payload)
                scan = armor.scan
                text = armor.text
            } else {
                let body = context.text(of: payload)
                scan = OpenPGPArmor.scan(body)
                text = body
                if scan.blocks.isEmpty { continue }
            }
            let messages = scan.blocks.filter { $0.kind == .message || $0.kind == .messagePart }
            if messages.count > 1 {
                findings.append(finding(payload, "\(messages.count) armored PGP MESSAGE blocks in part \(payload.id)"))
            }
            if let first = scan.surroundingText.first, let block = messages.first {
                let sample: String
                if let text {
                    sample = ByteSearch.excerpt(text, at: first.lowerBound)
                } else {
                    sample = ByteSearch.excerpt(payload.message.storage.view(first).bytes, at: 0)
                }
                let absolute = text == nil ? first : nil
                // Text only after the block (a signature, a list footer) cannot open a
                // context around the plaintext: medium. Text before it can: high.
                let before = first.lowerBound < block.range.lowerBound
                findings.append(finding(payload, "\(scan.surroundingText.count) run(s) of text \(before ? "before" : "after") the PGP block, first: \"\(sample)\"",
                                        severity: before ? nil : .medium, offsets: absolute))
            }
        }
        return findings
    }
}

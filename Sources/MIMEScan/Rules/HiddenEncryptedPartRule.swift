import MIMEKit

/// RE-HIDE: an encrypted part hidden from the reader.
///
/// "Re: What's up Johnny?" (Müller et al., ACNS 2019) hides a captured ciphertext in a
/// harmless-looking message: as an attachment, an image the HTML references by `cid:`,
/// inside a forwarded `message/rfc822`, below screens of blank lines, or under CSS that
/// hides it. The client decrypts it anyway, and the victim's unsuspecting reply quotes or
/// attaches the plaintext back to the attacker.
public struct HiddenEncryptedPartRule: ScanRule {
    public var id: String { "RE-HIDE" }
    public var severity: ScanSeverity { .high }
    public var title: String { "Encrypted part hidden from the reader" }
    public var explanation: String {
        """
        An encrypted part is marked as an attachment, referenced by cid: from HTML, enclosed \
        in a message/rfc822, placed after runs of blank lines, or next to HTML that hides \
        content with CSS. The client decrypts it unseen and a reply carries the plaintext \
        back to the sender (Müller et al., "Re: What's up Johnny?", ACNS 2019). Senders \
        never need this; clients should not decrypt attachments or hidden parts \
        automatically, nor quote them in replies.
        """
    }

    /// Blank lines at the end of a preceding text part that push the next part out of view.
    static let blankLineRun = 20
    private static let hidingCSS = ["display:none", "display: none", "visibility:hidden", "visibility: hidden",
                                    "font-size:0", "font-size: 0", "opacity:0;", "opacity: 0;", "max-height:0", "height:0;"]

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        var findings: [Finding] = []
        for part in context.encryptedParts {
            guard let placement = context.misplacement(of: part.entity, allowSignedWrapper: true) else { continue }
            let entity = part.entity
            if placement.isInsideEnclosedMessage {
                findings.append(finding(entity, "\(part.label) \(placement.description)", severity: .medium))
            }
            if let disposition = entity.headers.first(where: { $0.hasName("Content-Disposition") }),
                let parsed = ContentDisposition(parsing: disposition.rawValue), parsed.isAttachment
            {
                findings.append(finding(entity, "\(part.label) is marked Content-Disposition: attachment"))
            }
            if let contentID = entity.headers["Content-ID"] {
                let bare = contentID.trimmingAngles.lowercasedASCII
                for html in context.cleartextHTMLLeaves where ByteSearch.contains("cid:" + bare, in: ByteSearch.lowered(context.text(of: html))) {
                    findings.append(finding(entity, "\(part.label) is referenced as cid:\(bare) from part \(html.id)"))
                }
            }
            for leaf in context.cleartextLeaves(before: entity) {
                let blanks = trailingBlankLines(context.text(of: leaf))
                if blanks >= Self.blankLineRun {
                    findings.append(finding(entity, "\(part.label) follows \(blanks) blank lines at the end of part \(leaf.id)"))
                }
            }
            for html in context.cleartextHTMLLeaves {
                let text = ByteSearch.lowered(context.text(of: html))
                if let css = Self.hidingCSS.first(where: { ByteSearch.contains($0, in: text) }) {
                    findings.append(finding(entity, "\(part.label) is next to part \(html.id), which hides content with CSS \"\(css)\""))
                }
            }
        }
        return findings
    }

    private func trailingBlankLines(_ text: [UInt8]) -> Int {
        var count = 0
        for byte in text.reversed() {
            switch byte {
            case 0x0A: count += 1
            case 0x0D, 0x20, 0x09: continue
            default: return count
            }
        }
        return count
    }
}

extension String {
    var trimmingAngles: String {
        var value = Substring(self)
        if value.hasPrefix("<") { value = value.dropFirst() }
        if value.hasSuffix(">") { value = value.dropLast() }
        return String(value)
    }

    var lowercasedASCII: String {
        String(decoding: ByteSearch.lowered(Array(utf8)), as: UTF8.self)
    }
}

import MIMEKit

/// BC-REMOTE: remote resources and `mailto:` attachment links next to (or inside)
/// encrypted content.
///
/// Every EFAIL exfiltration channel (Poddebniak et al., USENIX Security 2018, §6) is a
/// request the client makes on its own: images, stylesheets, fonts, frames, CSS `url()`.
/// Next to encrypted content such a request carries, or confirms, the plaintext; a
/// `mailto:` link with `attach=` makes some clients attach local files, keys included, to a
/// reply (Müller et al., "Mailto: Me Your Secrets", NDSS 2020). Without keys the rule reads
/// the cleartext HTML parts of messages that hold encrypted content; with keys it also
/// reads the HTML inside what was decrypted.
public struct BackchannelRemoteRule: ScanRule {
    public var id: String { "BC-REMOTE" }
    public var severity: ScanSeverity { .high }
    public var title: String { "Remote resources or mailto attachment links next to encrypted content" }
    public var explanation: String {
        """
        HTML in a message that holds encrypted content (or, with keys, HTML inside the \
        decrypted content) loads remote resources — images, stylesheets, frames, CSS url() \
        or @import — or has mailto: links with attach= parameters. Such requests are the \
        exfiltration channels of EFAIL (Poddebniak et al., USENIX Security 2018, §6) and \
        backchannels that reveal when and where a message was decrypted. Senders of \
        encrypted mail: no remote content; clients: block remote content by default.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        let encrypted = context.encryptedParts
        guard !encrypted.isEmpty else { return [] }
        var findings: [Finding] = []
        for html in context.cleartextHTMLLeaves {
            let found = RemoteResources.find(in: context.text(of: html))
            if !found.isEmpty {
                findings.append(finding(html, "cleartext part \(html.id) next to encrypted content: " + found.joined(separator: " | ")))
            }
        }
        for part in encrypted {
            guard case .plaintext(let plaintext) = context.decryption(of: part) else { continue }
            if part.kind == .pgpInlineEncrypted {
                // Inline PGP plaintext is text, not a MIME entity; clients still render it.
                let found = RemoteResources.find(in: plaintext)
                if !found.isEmpty {
                    findings.append(finding(part.entity, "inside decrypted \(part.label): " + found.joined(separator: " | ")))
                }
                continue
            }
            let inner = MIMEMessage(bytes: plaintext)
            for leaf in inner.entities where leaf.isLeaf && leaf.contentType.mimeType == "text/html" {
                let found = RemoteResources.find(in: leaf.decodedBody())
                if !found.isEmpty {
                    findings.append(finding(part.entity, "inside decrypted \(part.label), part \(leaf.id): " + found.joined(separator: " | ")))
                }
            }
        }
        return findings
    }
}

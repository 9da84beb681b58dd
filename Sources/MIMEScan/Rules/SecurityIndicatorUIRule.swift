/// SS-UI: HTML that draws look-alike security indicators.
///
/// "Johnny, You Are Fired!" (Müller et al., USENIX Security 2019, §8, UI redressing) spoofs
/// signatures without any cryptography: the HTML body draws a "valid signature" banner, a
/// padlock or a seal where the client draws its own. The rule looks for the phrases and
/// images such banners use in every HTML part it can read (all but encrypted content) of
/// a message that holds signed or encrypted content, as the issue scopes it: inside a
/// signed part too, since an attacker may sign their own look-alike banner. Keeping to
/// such messages also keeps the scanner at parse speed on ordinary HTML mail.
public struct SecurityIndicatorUIRule: ScanRule {
    public var id: String { "SS-UI" }
    public var severity: ScanSeverity { .high }
    public var title: String { "HTML draws look-alike signature or encryption indicators" }
    public var explanation: String {
        """
        An HTML part shows text or images that imitate the client's security indicators \
        ("good signature", "signature verified", "this message is encrypted", padlock or \
        seal images): the reader sees a verdict no check produced (UI redressing; Müller et \
        al., "Johnny, You Are Fired!", USENIX Security 2019, §8). Senders: never imitate \
        indicators; clients: draw indicators outside the area HTML can reach.
        """
    }

    static let phrases = [
        "good signature", "valid signature", "signature is valid", "signature verified", "verified signature",
        "signature: valid", "digitally signed by", "this message is signed", "this message was signed",
        "this message is encrypted", "this message was encrypted", "message was decrypted", "[gnupg:]",
    ]
    static let images = ["padlock", "lock.png", "lock.gif", "seal.png", "signed.png", "verified.png", "smime.png", "certificate.png"]

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        guard !context.protectedParts.isEmpty else { return [] }
        let encrypted = context.encryptedParts.map(\.entity)
        let htmlLeaves = context.entities.filter { entity in
            entity.isLeaf && entity.contentType.mimeType == "text/html" && !encrypted.contains { context.isInside(entity, $0) }
        }
        return htmlLeaves.compactMap { html in
            let text = ByteSearch.lowered(context.text(of: html))
            let hits = Self.phrases.filter { ByteSearch.contains($0, in: text) }
                + Self.images.filter { ByteSearch.contains($0, in: text) }
            guard !hits.isEmpty else { return nil }
            return finding(html, "HTML part \(html.id) shows \(hits.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
    }
}

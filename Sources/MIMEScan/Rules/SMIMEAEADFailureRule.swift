/// CRY-SMIME-AEADFAIL: with keys, an authEnveloped-data tag check fails.
///
/// AuthEnvelopedData (RFC 5083) with AES-GCM (RFC 5084) authenticates the ciphertext; a
/// tag that does not verify means the content was modified, as EFAIL's gadgets would
/// (Poddebniak et al., USENIX Security 2018, §3). The decryptor releases nothing.
public struct SMIMEAEADFailureRule: ScanRule {
    public var id: String { "CRY-SMIME-AEADFAIL" }
    public var severity: ScanSeverity { .critical }
    public var title: String { "S/MIME authEnveloped-data fails authentication (with keys)" }
    public var explanation: String {
        """
        With the recipient's key, the AuthEnvelopedData's authentication tag does not \
        verify: the ciphertext or its authenticated attributes were modified (RFC 5083 §2.2; \
        EFAIL, Poddebniak et al., USENIX Security 2018). No plaintext is released. \
        Recipients: treat as an attack; senders: nothing to change.
        """
    }
    public var needsKeys: Bool { true }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        context.encryptedParts.filter { $0.kind == .smimeEncrypted }.compactMap { part in
            guard context.cms(of: part.entity)?.contentType == .authEnvelopedData,
                case .failed(let code, let reason) = context.decryption(of: part), code == "decryptionFailed"
            else { return nil }
            return finding(part.entity, "authEnvelopedData: \(reason)")
        }
    }
}

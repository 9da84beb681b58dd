import MIMESMIME

/// CRY-SMIME-CBC: S/MIME enveloped-data with a malleable content cipher.
///
/// EnvelopedData (RFC 5652 §6) with a CBC cipher has no integrity protection: EFAIL's CBC
/// gadgets (Poddebniak et al., USENIX Security 2018, §3) turn one known plaintext block
/// into chosen plaintext, enough to plant an exfiltration URL inside the encrypted part
/// itself. Almost every S/MIME client still sends this, hence medium: it is the sender's
/// weakness, not an attack in itself. RFC 8551 §2.7 moves to AuthEnvelopedData (RFC 5083)
/// with AES-GCM.
public struct SMIMEMalleableCipherRule: ScanRule {
    public var id: String { "CRY-SMIME-CBC" }
    public var severity: ScanSeverity { .medium }
    public var title: String { "S/MIME enveloped-data with a CBC (malleable) cipher" }
    public var explanation: String {
        """
        The S/MIME part is EnvelopedData with a CBC-mode cipher (AES-CBC, 3DES, RC2, DES): \
        no integrity protection, so ciphertext blocks can be rearranged into chosen \
        plaintext (EFAIL CBC gadgets; Poddebniak et al., USENIX Security 2018, §3). Senders: \
        use AuthEnvelopedData with AES-GCM (RFC 5083, RFC 5084, RFC 8551 §2.7); OpenSSL: \
        `openssl cms -encrypt -aes-256-gcm`.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        context.encryptedParts.filter { $0.kind == .smimeEncrypted }.compactMap { part in
            guard let outline = context.cms(of: part.entity), let algorithm = outline.contentEncryptionAlgorithm,
                !algorithm.isAuthenticated
            else { return nil }
            return finding(part.entity, "\(outline.contentType) encrypted with \(algorithm)")
        }
    }
}

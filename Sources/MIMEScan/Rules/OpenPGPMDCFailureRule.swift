/// CRY-PGP-MDCFAIL: with keys, decryption reports a missing or bad MDC.
///
/// A ciphertext that decrypts but fails its integrity check was modified in transit: the
/// signature of a CFB-gadget attack (Poddebniak et al., USENIX Security 2018, §5.2). The
/// back end discards the plaintext; this rule records why.
public struct OpenPGPMDCFailureRule: ScanRule {
    public var id: String { "CRY-PGP-MDCFAIL" }
    public var severity: ScanSeverity { .critical }
    public var title: String { "OpenPGP decryption failed its integrity check (with keys)" }
    public var explanation: String {
        """
        With the recipient's key, the OpenPGP message decrypts but its Modification \
        Detection Code is missing or wrong (or its AEAD tag fails): the ciphertext was \
        modified, as EFAIL's CFB gadgets do (Poddebniak et al., USENIX Security 2018, \
        §5.2). The plaintext is discarded. Senders: nothing to fix unless the sending \
        software disables MDC; recipients: treat the message as an attack.
        """
    }
    public var needsKeys: Bool { true }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        context.encryptedParts.filter(\.isOpenPGP).compactMap { part in
            guard case .failed(let code, let reason) = context.decryption(of: part),
                code == "integrity-protection-missing" || code == "integrity-check-failed"
            else { return nil }
            return finding(part.entity, "\(part.label): \(code): \(reason)")
        }
    }
}

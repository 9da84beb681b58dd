/// EF-DE-NONROOT: an encrypted entity that is not the message's root.
///
/// EFAIL's direct exfiltration (Poddebniak et al., USENIX Security 2018, §4) wraps a
/// captured ciphertext between attacker-written parts of a `multipart/mixed`; a client that
/// decrypts the part in place and renders all parts as one document sends the plaintext to
/// the attacker. Legitimate encrypted mail puts the encryption at the root (RFC 3156 §4,
/// RFC 8551 §3.3), or directly under a root `multipart/signed` (encrypt-then-sign). Inside an
/// enclosed `message/rfc822` (a forwarded encrypted message) the finding is graded medium.
public struct DirectExfiltrationNonRootRule: ScanRule {
    public var id: String { "EF-DE-NONROOT" }
    public var severity: ScanSeverity { .high }
    public var title: String { "Encrypted part is not the root of the message" }
    public var explanation: String {
        """
        An encrypted entity sits next to other parts (multipart/mixed, alternative, related) \
        or inside an enclosed message. Clients that decrypt it in place and render the parts \
        together hand its plaintext to whatever the other parts load (EFAIL direct \
        exfiltration; Poddebniak et al., USENIX Security 2018, §4). Senders: encrypt the \
        whole message, the encryption layer being the root (RFC 3156 §4, RFC 8551 §3.3).
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        context.encryptedParts.compactMap { part in
            guard let placement = context.misplacement(of: part.entity, allowSignedWrapper: true) else { return nil }
            return finding(part.entity, "\(part.label) \(placement.description)",
                           severity: placement.isInsideEnclosedMessage ? .medium : nil)
        }
    }
}

public import MIMEKit

/// The outcome of verifying one signed entity: a ``SignatureInfo`` a signature, the signed
/// content parsed as MIME, and what the message's shape says about spoofing.
public struct SignedEntityVerification: Sendable {
    /// One result for each signature (SignerInfo), in order; empty when there is none.
    public var signatures: [SignatureInfo]
    /// Whether the signature is detached (`multipart/signed`, RFC 1847 §2.1) rather than
    /// carrying the content (opaque signed data).
    public var isDetached: Bool
    /// The form of the content the signatures were checked over.
    public var contentForm: SignedContentForm
    /// The signed content, parsed into the same tree types; its own signed or encrypted
    /// entities can be checked in turn.
    public var content: MIMEMessage
    /// Facts that signature spoofing hides behind, found while verifying.
    public var findings: [SignatureFinding]

    /// Whether there is at least one signature and every one is valid.
    public var isValid: Bool {
        !signatures.isEmpty && signatures.allSatisfy { $0.status == .valid }
    }

    /// A verification result from its parts.
    public init(
        signatures: [SignatureInfo], isDetached: Bool, contentForm: SignedContentForm, content: MIMEMessage,
        findings: [SignatureFinding]
    ) {
        self.signatures = signatures
        self.isDetached = isDetached
        self.contentForm = contentForm
        self.content = content
        self.findings = findings
    }
}

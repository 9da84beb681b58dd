public import MIMEKit

/// A decrypted entity: how it was protected, and its plaintext parsed as MIME.
public struct DecryptedEntity: Sendable {
    /// The content-encryption algorithm and whether it authenticated the ciphertext.
    public var info: DecryptionInfo
    /// The plaintext parsed into the same tree types; its signed entities can be verified in
    /// turn (triple wrapping, RFC 8551 §3.7).
    public var content: MIMEMessage
    /// Signatures checked in the same pass as the decryption, for formats that sign inside
    /// the encryption (OpenPGP, RFC 3156 §6.2); empty when there are none, and for S/MIME,
    /// whose signed content is a MIME entity of ``content`` verified in turn.
    public var signatures: [SignatureInfo]
    /// What the in-pass signatures' shape says about spoofing (their signers compared with
    /// the sender, say); empty when there are none.
    public var findings: [SignatureFinding]

    /// A decryption result from its parts.
    public init(info: DecryptionInfo, content: MIMEMessage, signatures: [SignatureInfo] = [], findings: [SignatureFinding] = []) {
        self.info = info
        self.content = content
        self.signatures = signatures
        self.findings = findings
    }
}

public import MIMECrypto

/// The outcome of verifying a CMS signed-data message: one ``SignatureInfo`` a signer, and
/// the facts about the message's shape that signature spoofing relies on.
public struct SMIMEVerification: Sendable {
    /// One result for each SignerInfo, in order. Empty when the message has no SignerInfo,
    /// which is never a valid signature.
    public var signatures: [SignatureInfo]
    /// The number of SignerInfos in the message.
    public var signerInfoCount: Int
    /// Whether the CMS itself carries the content (eContent). For a detached signature this
    /// should be `false`: content inside a detached signature is not what was displayed.
    public var hasEncapsulatedContent: Bool
    /// The signed content: the eContent of opaque signed-data, or the bytes given to a
    /// detached check. Empty for opaque signed-data whose content could not be digested
    /// (an unsupported digest algorithm, or no digest algorithm at all).
    public var content: [UInt8]

    /// Whether there is at least one signature and every one is valid.
    public var isValid: Bool {
        !signatures.isEmpty && signatures.allSatisfy { $0.status == .valid }
    }

    /// A verification result from its parts.
    public init(signatures: [SignatureInfo], signerInfoCount: Int, hasEncapsulatedContent: Bool, content: [UInt8]) {
        self.signatures = signatures
        self.signerInfoCount = signerInfoCount
        self.hasEncapsulatedContent = hasEncapsulatedContent
        self.content = content
    }
}

/// The result of decrypting or verifying the one OpenPGP block inside a text (inline PGP),
/// with where the block is, so a reader can show what the protection covers and what it
/// does not.
public struct OpenPGPInlineResult<Outcome: Hashable & Sendable>: Hashable, Sendable {
    /// The armored block that was processed.
    public let block: OpenPGPArmoredBlock
    /// The runs of non-blank text outside the block: not encrypted, not signed. A client
    /// should never show them as part of the protected content (EFAIL, signature spoofing).
    public let surroundingText: [Range<Int>]
    /// The decryption or verification.
    public let outcome: Outcome

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(block: OpenPGPArmoredBlock, surroundingText: [Range<Int>], outcome: Outcome) {
        self.block = block
        self.surroundingText = surroundingText
        self.outcome = outcome
    }
}

/// The armored blocks found in a text, and the non-blank text around them.
public struct OpenPGPArmorScan: Hashable, Sendable {
    /// The blocks, in order.
    public let blocks: [OpenPGPArmoredBlock]
    /// The runs of text outside every block that hold something other than spaces, tabs and
    /// line breaks (trimmed of those), in order. Text around an encrypted block is what an
    /// EFAIL direct-exfiltration message uses to wrap the plaintext.
    public let surroundingText: [Range<Int>]

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(blocks: [OpenPGPArmoredBlock], surroundingText: [Range<Int>]) {
        self.blocks = blocks
        self.surroundingText = surroundingText
    }

    /// Whether non-blank text lies before, between or after the blocks.
    public var hasSurroundingText: Bool { !surroundingText.isEmpty }
}

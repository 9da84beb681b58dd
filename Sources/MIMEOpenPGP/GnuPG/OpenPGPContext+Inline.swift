extension OpenPGPContext {
    /// Decrypts the one `PGP MESSAGE` block of a text (an inline-encrypted mail body).
    ///
    /// Only the block's own bytes reach GnuPG. A text holding several message blocks is
    /// refused with `invalidContent`: stitching blocks together with attacker text is how
    /// EFAIL-style messages get plaintext shown next to content the attacker controls; decrypt
    /// such blocks one by one, on purpose, if at all.
    ///
    /// - Throws: `brokenArmor` when the text holds no message block or it is broken,
    ///   `invalidContent` for several, and the errors of `decrypt`.
    public func decryptInline(_ text: [UInt8], allowMissingIntegrityProtection: Bool = false) throws(OpenPGPError)
        -> OpenPGPInlineResult<OpenPGPDecryption>
    {
        let (block, surrounding) = try Self.onlyBlock(of: .message, in: text)
        let decryption = try decrypt(
            Array(text[block.range]), allowMissingIntegrityProtection: allowMissingIntegrityProtection)
        return OpenPGPInlineResult(block: block, surroundingText: surrounding, outcome: decryption)
    }

    /// Verifies the one clear-signed block (`-----BEGIN PGP SIGNED MESSAGE-----`) of a text.
    ///
    /// Only the block's own bytes reach GnuPG; `surroundingText` lists the unsigned text
    /// around it.
    ///
    /// - Throws: `brokenArmor` when the text holds no clear-signed block or it is broken,
    ///   `invalidContent` for several, and the errors of `verify`.
    public func verifyInline(_ text: [UInt8]) throws(OpenPGPError) -> OpenPGPInlineResult<OpenPGPVerification> {
        let (block, surrounding) = try Self.onlyBlock(of: .signedMessage, in: text)
        let verification = try verify(Array(text[block.range]))
        return OpenPGPInlineResult(block: block, surroundingText: surrounding, outcome: verification)
    }

    /// The single block of `kind` in `text`, and the text's non-blank runs outside it.
    private static func onlyBlock(of kind: OpenPGPArmoredBlock.Kind, in text: [UInt8]) throws(OpenPGPError)
        -> (OpenPGPArmoredBlock, [Range<Int>])
    {
        let scan = OpenPGPArmor.scan(text)
        let matching = scan.blocks.filter { $0.kind == kind }
        let name = kind == .message ? "PGP MESSAGE" : "PGP SIGNED MESSAGE"
        guard let block = matching.first else {
            throw OpenPGPError(code: .brokenArmor, reason: "the text holds no -----BEGIN \(name)----- block")
        }
        if matching.count > 1 {
            throw OpenPGPError(
                code: .invalidContent,
                reason: "the text holds \(matching.count) \(name) blocks, at offsets "
                    + matching.map { String($0.range.lowerBound) }.joined(separator: ", "))
        }
        if let problem = block.problem {
            throw OpenPGPError(code: .brokenArmor, reason: problem.description)
        }
        // Other blocks (a key, say) count as text outside the protected one.
        var outside = scan.surroundingText
        outside += scan.blocks.filter { $0.range != block.range }.map(\.range)
        return (block, outside.sorted { $0.lowerBound < $1.lowerBound })
    }
}

/// The result of checking an inline-signed or clear-signed message.
public struct OpenPGPVerification: Hashable, Sendable {
    /// One entry a signature; empty when the message carried none.
    public let signatures: [OpenPGPSignature]
    /// The signed content as GnuPG recovered it (for a clear-signed message: the text with
    /// dash escapes removed).
    public let signedContent: [UInt8]

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(signatures: [OpenPGPSignature], signedContent: [UInt8]) {
        self.signatures = signatures
        self.signedContent = signedContent
    }
}

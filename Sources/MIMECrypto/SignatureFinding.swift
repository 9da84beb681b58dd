/// A fact about a signed entity that a reader should know because spoofing hides behind it,
/// whatever the signatures' status.
public enum SignatureFinding: Sendable, Hashable {
    /// The signature has no SignerInfo: nothing is signed, whatever a client displays.
    case noSigner
    /// The signature has several SignerInfos; each is checked on its own and a client may
    /// show only one.
    case multipleSigners(count: Int)
    /// A detached signature whose CMS also carries content: what was signed may not be what
    /// the message displays.
    case detachedSignatureCarriesContent
    /// A signer's certificate names none of the addresses of the message's From field.
    case signerIsNotSender(signer: String?, addresses: [String], sender: String)
    /// The message has no From address to compare the signers with.
    case senderUnknown
    /// The signature verified only over the CRLF form of content stored with bare LF.
    case lineEndingsRestored
    /// The signed text is one block of a text part that also holds unsigned text around it
    /// (inline OpenPGP, RFC 4880 §7): only the block is covered by the signature.
    case unsignedTextAround

    /// A stable name for programs (used in JSON output).
    public var code: String {
        switch self {
        case .noSigner: "noSigner"
        case .multipleSigners: "multipleSigners"
        case .detachedSignatureCarriesContent: "detachedSignatureCarriesContent"
        case .signerIsNotSender: "signerIsNotSender"
        case .senderUnknown: "senderUnknown"
        case .lineEndingsRestored: "lineEndingsRestored"
        case .unsignedTextAround: "unsignedTextAround"
        }
    }

    /// A sentence for people.
    public var message: String {
        switch self {
        case .noSigner:
            "the signature has no signer"
        case .multipleSigners(let count):
            "the signature has \(count) signers; each is reported"
        case .detachedSignatureCarriesContent:
            "the detached signature also carries content of its own"
        case .signerIsNotSender(let signer, let addresses, let sender):
            "the signer \(signer ?? "(unknown)") (\(addresses.isEmpty ? "no address" : addresses.joined(separator: ", "))) is not the sender \(sender)"
        case .senderUnknown:
            "the message has no From address to compare the signer with"
        case .lineEndingsRestored:
            "verified over the CRLF form of content stored with LF line endings"
        case .unsignedTextAround:
            "the part holds unsigned text outside the signed block"
        }
    }
}

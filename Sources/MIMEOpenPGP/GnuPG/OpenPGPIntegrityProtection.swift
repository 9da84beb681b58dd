/// How an encrypted message protects itself against modification.
public enum OpenPGPIntegrityProtection: String, Hashable, Sendable {
    /// None: a Symmetrically Encrypted Data packet (tag 9). Malleable: EFAIL's CFB gadgets
    /// rewrite such plaintext at will.
    case none
    /// A Modification Detection Code (SEIPD v1, tag 18): SHA-1 over the plaintext, checked
    /// after decryption.
    case mdc
    /// An authenticated mode (SEIPD v2, or the AEAD packet, tag 20): every chunk is checked.
    case aead
}

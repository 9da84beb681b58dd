/// The signed text of a clear-signed block (RFC 9580 §7, RFC 4880 §7).
///
/// ```
/// -----BEGIN PGP SIGNED MESSAGE-----
/// Hash: SHA256                      (zero or more, comma-separated algorithm names)
///                                   (blank line)
/// dash-escaped text                 (a line starting with "-" is written "- -…")
/// -----BEGIN PGP SIGNATURE-----
/// armored signature packets
/// -----END PGP SIGNATURE-----
/// ```
/// The signature covers the text with the dash escapes removed, trailing spaces and tabs
/// removed from every line, lines ending in CR LF, and without the line break that precedes
/// `-----BEGIN PGP SIGNATURE-----`: that is `canonicalText`.
public struct OpenPGPClearSignedText: Hashable, Sendable {
    /// The algorithm names from the `Hash:` headers, in order.
    public let hashAlgorithms: [String]
    /// The dash-escaped text as it appears in the input (without the final line break).
    public let textRange: Range<Int>
    /// The bytes the signature covers.
    public let canonicalText: [UInt8]
    /// The armored signature, from its BEGIN line to the end of its END line.
    public let signatureRange: Range<Int>

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(hashAlgorithms: [String], textRange: Range<Int>, canonicalText: [UInt8], signatureRange: Range<Int>) {
        self.hashAlgorithms = hashAlgorithms
        self.textRange = textRange
        self.canonicalText = canonicalText
        self.signatureRange = signatureRange
    }
}

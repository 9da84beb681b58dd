/// Lays out one header field in lines of at most 78 characters (RFC 5322 section 2.2.3),
/// folding only in the white space between words.
///
/// A field is written as its name and colon, then words, each after the white space that
/// separates it from the previous one. A fold is a CRLF put in front of that white space, so
/// unfolding (removing the CRLF) gives back the value exactly. Words are never cut: an
/// encoded-word or quoted-string is one word. A word longer than a line stays whole on a line
/// of its own, which RFC 5322 allows up to 998 characters.
struct HeaderFolder {
    /// The preferred line length of RFC 5322 section 2.1.1, line ending excluded.
    static let lineLength = 78

    private(set) var bytes: [UInt8]
    private var column: Int

    /// Starts a field named `name`.
    init(name: String) {
        bytes = Array(name.utf8)
        bytes.append(UInt8(ascii: ":"))
        bytes.reserveCapacity(80)
        column = bytes.count
    }

    /// The characters left on the current line for a word written after `space` white space
    /// characters.
    func room(after space: Int = 1) -> Int { Self.lineLength - column - space }

    /// Appends `word` after `space` (white space: one space unless given), folding first when
    /// the word would run past the line length.
    mutating func append(_ word: some Collection<UInt8>, after space: some Collection<UInt8> = [UInt8(ascii: " ")]) {
        if !space.isEmpty && column + space.count + word.count > Self.lineLength {
            bytes.append(0x0D)
            bytes.append(0x0A)
            column = 0
        }
        bytes.append(contentsOf: space)
        bytes.append(contentsOf: word)
        column += space.count + word.count
    }

    /// Appends `word` directly after what was written, with no chance to fold (a `,` or `;`
    /// after the previous word).
    mutating func appendGlued(_ word: some Collection<UInt8>) {
        append(word, after: EmptyCollection())
    }

    /// The field, with its final CRLF.
    func finished() -> [UInt8] { bytes + [0x0D, 0x0A] }
}

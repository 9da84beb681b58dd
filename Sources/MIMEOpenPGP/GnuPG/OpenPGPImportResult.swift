/// What an import added to the keyring.
public struct OpenPGPImportResult: Hashable, Sendable {
    /// The number of keys found in the input.
    public let considered: Int
    /// The number of new public keys.
    public let imported: Int
    /// The number of keys already present and unchanged.
    public let unchanged: Int
    /// The number of new secret keys.
    public let secretImported: Int
    /// The fingerprints of the keys seen, in order.
    public let fingerprints: [String]

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(considered: Int, imported: Int, unchanged: Int, secretImported: Int, fingerprints: [String]) {
        self.considered = considered
        self.imported = imported
        self.unchanged = unchanged
        self.secretImported = secretImported
        self.fingerprints = fingerprints
    }
}

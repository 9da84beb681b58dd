public import MIMEKit

/// A back end that can verify or decrypt entities of one format (S/MIME, OpenPGP), so that
/// the CLI and the scanner treat every format alike.
///
/// A back end is a value holding what it needs (trust anchors, keys); callers pass a list of
/// them (`[any MIMECryptoBackend]`) to ``MIMECryptoUnwrapper``. Outcomes of signature checks
/// are values in ``SignedEntityVerification``; a throw means the entity could not be checked
/// or decrypted at all.
public protocol MIMECryptoBackend: Sendable {
    /// A short stable name for reports, such as `smime` or `openpgp`.
    var name: String { get }

    /// What `entity` is to this back end, or `nil` when the back end does not handle it.
    ///
    /// Decided from the headers (content type and parameters) without decoding, except for
    /// formats that have no header of their own: inline OpenPGP is found by an armor line in
    /// the decoded body of a text leaf.
    func role(of entity: MIMEEntity) -> MIMECryptoRole?

    /// Verifies an entity whose role is ``MIMECryptoRole/signed``.
    ///
    /// - Parameter sender: the address the message claims to be from (its From field), to
    ///   compare with the signers' addresses; `nil` when unknown.
    func verify(_ entity: MIMEEntity, sender: String?) throws(CryptoError) -> SignedEntityVerification

    /// Decrypts an entity whose role is ``MIMECryptoRole/encrypted`` and parses the
    /// plaintext as a MIME entity.
    func decrypt(_ entity: MIMEEntity) throws(CryptoError) -> DecryptedEntity

    /// How an encrypted entity is encrypted, read without any key where the format allows
    /// (a scanner can flag unauthenticated encryption before anyone decrypts); `nil` when
    /// it cannot be told.
    func encryptionInfo(of entity: MIMEEntity) -> DecryptionInfo?
}

extension MIMECryptoBackend {
    /// No information without a key.
    public func encryptionInfo(of entity: MIMEEntity) -> DecryptionInfo? { nil }
}

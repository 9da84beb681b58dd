public import MIMECrypto

/// What the DER of a CMS message says about it, read without any key.
///
/// Enveloped and authEnveloped messages carry their content-encryption algorithm in
/// clear, so a scanner can tell unauthenticated CBC (open to EFAIL-style malleability) from
/// AES-GCM before anyone decrypts. Signed messages carry the number of SignerInfos and
/// whether the content is encapsulated, facts that signature spoofing hides behind.
public struct CMSInspection: Sendable, Hashable {
    /// The ContentInfo's content type.
    public var contentType: CMSContentType
    /// The content-encryption algorithm (enveloped and authEnveloped data only).
    public var contentEncryptionAlgorithm: CMSContentEncryptionAlgorithm?
    /// The number of RecipientInfos (enveloped and authEnveloped data only).
    public var recipientCount: Int?
    /// The number of SignerInfos (signed data only); zero and several both deserve a look.
    public var signerInfoCount: Int?
    /// Whether the EncapsulatedContentInfo carries eContent (signed data only): `true` for
    /// opaque signed-data, `false` for a detached signature.
    public var hasEncapsulatedContent: Bool?

    /// Whether the content is encrypted with authentication (authEnveloped-data with an AEAD
    /// algorithm, RFC 5083), so tampering makes decryption fail. `nil` for messages that are
    /// not encrypted.
    public var isIntegrityProtected: Bool? {
        guard let algorithm = contentEncryptionAlgorithm else { return nil }
        return contentType == .authEnvelopedData && algorithm.isAuthenticated
    }

    /// The algorithm facts as the shared decryption vocabulary, for encrypted messages.
    public var decryptionInfo: DecryptionInfo? {
        guard let algorithm = contentEncryptionAlgorithm, let isIntegrityProtected else { return nil }
        return DecryptionInfo(
            contentEncryptionAlgorithm: algorithm.description,
            contentEncryptionAlgorithmOID: algorithm.oid,
            isIntegrityProtected: isIntegrityProtected
        )
    }

    /// An inspection result from its parts.
    public init(
        contentType: CMSContentType,
        contentEncryptionAlgorithm: CMSContentEncryptionAlgorithm? = nil,
        recipientCount: Int? = nil,
        signerInfoCount: Int? = nil,
        hasEncapsulatedContent: Bool? = nil
    ) {
        self.contentType = contentType
        self.contentEncryptionAlgorithm = contentEncryptionAlgorithm
        self.recipientCount = recipientCount
        self.signerInfoCount = signerInfoCount
        self.hasEncapsulatedContent = hasEncapsulatedContent
    }
}

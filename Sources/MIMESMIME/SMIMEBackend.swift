public import MIMECrypto
public import MIMEKit

/// S/MIME (RFC 8551) at the level of MIME entities: verifies `multipart/signed` and opaque
/// signed-data, and decrypts enveloped-data and authEnveloped-data, as a
/// ``MIMECryptoBackend``.
///
/// A detached signature is checked over the first part's exact bytes, as the parser gives
/// them (the line ending before the boundary belongs to the boundary, RFC 2046 §5.1.1,
/// RFC 1847 §2.1). When that fails and the bytes have bare LF line ends, as in an mbox, the
/// check is run again over their CRLF form (RFC 8551 §3.1.1) and the result says which
/// form verified.
///
/// ```swift
/// let backend = SMIMEBackend(verifier: SMIMEVerifier(trust: .system), identities: [identity])
/// let layers = MIMECryptoUnwrapper(backends: [backend]).unwrap(message)
/// ```
public struct SMIMEBackend: MIMECryptoBackend {
    /// Checks the signatures.
    public var verifier: SMIMEVerifier
    /// The keys to decrypt with, tried in order.
    public var identities: [SMIMEIdentity]

    /// A back end that verifies with `verifier` and decrypts with `identities`.
    public init(verifier: SMIMEVerifier = SMIMEVerifier(), identities: [SMIMEIdentity] = []) {
        self.verifier = verifier
        self.identities = identities
    }

    public var name: String { "smime" }

    public func role(of entity: MIMEEntity) -> MIMECryptoRole? {
        SMIMEEntityKind(entity)?.role
    }

    public func verify(_ entity: MIMEEntity, sender: String?) throws(CryptoError) -> SignedEntityVerification {
        switch SMIMEEntityKind(entity) {
        case .detachedSignature: try verifyDetached(entity, sender: sender)
        case .signedData: try verifyOpaque(entity, sender: sender)
        default: throw CryptoError(.unexpectedContentType, "part \(entity.id) (\(entity.contentType.mimeType)) is not an S/MIME signed entity")
        }
    }

    public func decrypt(_ entity: MIMEEntity) throws(CryptoError) -> DecryptedEntity {
        guard SMIMEEntityKind(entity)?.role == .encrypted else {
            throw CryptoError(.unexpectedContentType, "part \(entity.id) (\(entity.contentType.mimeType)) is not an S/MIME encrypted entity")
        }
        guard !identities.isEmpty else {
            throw CryptoError(.missingKey, "part \(entity.id) is encrypted and no key was given")
        }
        let der = entity.decodedBody()
        var notAddressed: CryptoError?
        for identity in identities {
            do throws(CryptoError) {
                let decryption = try SMIMEDecryptor(identity: identity).decrypt(der)
                return DecryptedEntity(info: decryption.info, content: MIMEMessage(bytes: decryption.plaintext))
            } catch {
                guard error.code == .wrongKey else { throw error }
                notAddressed = error
            }
        }
        throw notAddressed ?? CryptoError(.wrongKey, "part \(entity.id) is not encrypted to any given key")
    }

    /// The content-encryption algorithm, read from the DER without a key (``CMSInspector``).
    public func encryptionInfo(of entity: MIMEEntity) -> DecryptionInfo? {
        guard SMIMEEntityKind(entity)?.role == .encrypted else { return nil }
        return (try? CMSInspector.inspect(der: entity.decodedBody()))?.decryptionInfo
    }

    /// RFC 1847 §2.1: the first part is the signed content, the second the signature.
    private func verifyDetached(_ entity: MIMEEntity, sender: String?) throws(CryptoError) -> SignedEntityVerification {
        let children = entity.children
        guard children.count == 2 else {
            throw CryptoError(.malformedData, "a multipart/signed has two parts (RFC 1847 §2.1); part \(entity.id) has \(children.count)")
        }
        guard SMIMEEntityKind.signatureTypes.contains(children[1].contentType.mimeType.lowercased()) else {
            throw CryptoError(.unexpectedContentType, "the second part of \(entity.id) is \(children[1].contentType.mimeType), not application/pkcs7-signature")
        }
        let signature = children[1].decodedBody()
        let stored = children[0].raw.bytes
        var verification = try verifier.verifyDetached(content: stored, signature: signature)
        var form = SignedContentForm.asStored
        if !verification.isValid, stored.contains(UInt8(ascii: "\n")) {
            let canonical = SMIMECanonicalization.crlf(stored)
            if canonical != stored {
                let retry = try verifier.verifyDetached(content: canonical, signature: signature)
                if Self.badCount(retry) < Self.badCount(verification) {
                    verification = retry
                    form = .crlf
                }
            }
        }
        return SignedEntityVerification(
            signatures: verification.signatures, isDetached: true, contentForm: form,
            content: MIMEMessage(bytes: verification.content),
            findings: Self.findings(verification, detached: true, form: form, sender: sender)
        )
    }

    private func verifyOpaque(_ entity: MIMEEntity, sender: String?) throws(CryptoError) -> SignedEntityVerification {
        let verification = try verifier.verifyOpaque(entity.decodedBody())
        return SignedEntityVerification(
            signatures: verification.signatures, isDetached: false, contentForm: .asStored,
            content: MIMEMessage(bytes: verification.content),
            findings: Self.findings(verification, detached: false, form: .asStored, sender: sender)
        )
    }

    private static func badCount(_ verification: SMIMEVerification) -> Int {
        verification.signatures.count { $0.status == .bad || $0.status == .error }
    }

    private static func findings(
        _ verification: SMIMEVerification, detached: Bool, form: SignedContentForm, sender: String?
    ) -> [SignatureFinding] {
        var findings: [SignatureFinding] = []
        switch verification.signerInfoCount {
        case 0: findings.append(.noSigner)
        case 1: break
        case let count: findings.append(.multipleSigners(count: count))
        }
        if detached, verification.hasEncapsulatedContent {
            findings.append(.detachedSignatureCarriesContent)
        }
        if form == .crlf {
            findings.append(.lineEndingsRestored)
        }
        if let sender {
            for signature in verification.signatures where !SenderAddress.matches(signature.emailAddresses, sender: sender) {
                findings.append(.signerIsNotSender(signer: signature.signer, addresses: signature.emailAddresses, sender: sender))
            }
        } else if !verification.signatures.isEmpty {
            findings.append(.senderUnknown)
        }
        return findings
    }
}

public import MIMECrypto
public import MIMEKit

/// OpenPGP at the level of MIME entities, as a ``MIMECrypto/MIMECryptoBackend``: verifies
/// RFC 3156 §5 `multipart/signed` and inline clear-signed text, and decrypts RFC 3156 §4
/// `multipart/encrypted` and inline armored messages, checking the signatures inside in the
/// same pass.
///
/// A detached signature is checked over the first part's exact bytes; when that fails and
/// they have bare LF line ends (mail stored in an mbox or Maildir), it is checked again over
/// their CRLF form (RFC 3156 §5) and the result says which form verified.
///
/// A message without integrity protection (a Symmetrically Encrypted Data packet, tag 9:
/// the EFAIL setting) is refused and no plaintext is released, unless
/// ``allowMissingIntegrityProtection`` is set.
///
/// ```swift
/// let openpgp = OpenPGPBackend(context: OpenPGPContext(homeDirectory: "/home/me/.gnupg"))
/// let layers = MIMECryptoUnwrapper(backends: [smime, openpgp]).unwrap(message)
/// ```
public struct OpenPGPBackend: MIMECryptoBackend {
    /// The GnuPG home and passphrase source used for every operation.
    public var context: OpenPGPContext
    /// Whether to decrypt messages without MDC or AEAD protection anyway.
    public var allowMissingIntegrityProtection: Bool

    /// A back end on `context`.
    public init(context: OpenPGPContext = OpenPGPContext(), allowMissingIntegrityProtection: Bool = false) {
        self.context = context
        self.allowMissingIntegrityProtection = allowMissingIntegrityProtection
    }

    public var name: String { "openpgp" }

    public func role(of entity: MIMEEntity) -> MIMECryptoRole? {
        OpenPGPEntityKind(entity).map { $0.isSigned ? .signed : .encrypted }
    }

    public func verify(_ entity: MIMEEntity, sender: String?) throws(CryptoError) -> SignedEntityVerification {
        do throws(OpenPGPError) {
            switch OpenPGPEntityKind(entity) {
            case .detachedSignature: return try verifyDetached(entity, sender: sender)
            case .inlineSigned: return try verifyInline(entity, sender: sender)
            default:
                throw OpenPGPError(
                    code: .invalidContent,
                    reason: "part \(entity.id) (\(entity.contentType.mimeType)) is not an OpenPGP signed entity")
            }
        } catch {
            throw error.cryptoError
        }
    }

    public func decrypt(_ entity: MIMEEntity) throws(CryptoError) -> DecryptedEntity {
        do throws(OpenPGPError) {
            let decryption: OpenPGPDecryption
            let content: MIMEMessage
            switch OpenPGPEntityKind(entity) {
            case .encryptedMultipart:
                let result = try context.decrypt(
                    encrypted: entity, allowMissingIntegrityProtection: allowMissingIntegrityProtection)
                decryption = result.decryption
                content = result.entity
            case .inlineEncrypted:
                decryption = try context.decryptInline(
                    entity.decodedBody(), allowMissingIntegrityProtection: allowMissingIntegrityProtection
                ).outcome
                content = Self.textEntity(decryption.plaintext, charset: entity.charset)
            default:
                throw OpenPGPError(
                    code: .invalidContent,
                    reason: "part \(entity.id) (\(entity.contentType.mimeType)) is not an OpenPGP encrypted entity")
            }
            let signatures = decryption.signatures.map(\.signatureInfo)
            // The protocol gives decrypt no sender; the From of the message holding the
            // entity is it when that message is the outer one (a nested layer has none).
            let sender = SenderAddress.of(entity.message)
            return DecryptedEntity(
                info: decryption.decryptionInfo, content: content, signatures: signatures,
                findings: sender.map { Self.senderFindings(signatures, sender: $0) } ?? [])
        } catch {
            throw error.cryptoError
        }
    }

    /// How the message is encrypted, read from its packets without a key: the packet that
    /// holds the data says whether it is integrity-protected (tag 9: no; tag 18 v1: MDC;
    /// tag 18 v2 and tag 20: AEAD). In a v1 SEIPD or a tag 9 packet the cipher travels
    /// inside the encrypted session key, so only the mode is named.
    public func encryptionInfo(of entity: MIMEEntity) -> DecryptionInfo? {
        let armored: [UInt8]
        switch OpenPGPEntityKind(entity) {
        case .encryptedMultipart:
            guard let payload = entity.children.dropFirst().first else { return nil }
            armored = payload.decodedBody()
        case .inlineEncrypted:
            let body = entity.decodedBody()
            guard let block = OpenPGPArmor.scan(body).blocks.first(where: { $0.kind == .message }) else { return nil }
            armored = Array(body[block.range])
        default:
            return nil
        }
        guard let binary = try? OpenPGPArmor.dearmorIfNeeded(armored) else { return nil }
        for packet in OpenPGPPacketReader().listing(of: binary).packets {
            switch packet.content {
            case .symmetricallyEncryptedData:
                return DecryptionInfo(contentEncryptionAlgorithm: "openpgp-cfb", isIntegrityProtected: false)
            case .symmetricallyEncryptedIntegrityProtectedData(let data) where data.version == 1:
                return DecryptionInfo(contentEncryptionAlgorithm: "openpgp-cfb-mdc", isIntegrityProtected: true)
            case .symmetricallyEncryptedIntegrityProtectedData(let data):
                let cipher = data.symmetricAlgorithm.map { "\($0)" } ?? "unknown"
                let mode = data.aeadAlgorithm.map { "\($0)" } ?? "aead"
                return DecryptionInfo(contentEncryptionAlgorithm: "\(cipher)-\(mode)".lowercased(), isIntegrityProtected: true)
            case .aeadEncryptedData(let data):
                return DecryptionInfo(
                    contentEncryptionAlgorithm: "\(data.symmetricAlgorithm)-\(data.aeadAlgorithm)".lowercased(),
                    isIntegrityProtected: true)
            default:
                continue
            }
        }
        return nil
    }

    /// RFC 3156 §5: the first part is the signed entity, the second the armored signature.
    private func verifyDetached(_ entity: MIMEEntity, sender: String?) throws(OpenPGPError) -> SignedEntityVerification {
        let parts = entity.children
        guard parts.count == 2 else {
            throw OpenPGPError(
                code: .invalidContent, reason: "part \(entity.id) has \(parts.count) parts, not 2 (RFC 3156 §5)")
        }
        guard parts[1].contentType.mimeType.lowercased() == "application/pgp-signature" else {
            throw OpenPGPError(
                code: .invalidContent,
                reason: "the second part of \(entity.id) is \(parts[1].contentType.mimeType), not application/pgp-signature")
        }
        let signature = parts[1].decodedBody()
        let stored = parts[0].raw.bytes
        var signed = stored
        var signatures = try context.verifyDetached(stored, signature: signature)
        var form = SignedContentForm.asStored
        if !Self.allValid(signatures) {
            let canonical = MIMECanonicalizer.receivedBytes(parts[0])
            if canonical != stored {
                let retry = try context.verifyDetached(canonical, signature: signature)
                if Self.badCount(retry) < Self.badCount(signatures) {
                    signatures = retry
                    signed = canonical
                    form = .crlf
                }
            }
        }
        let infos = signatures.map(\.signatureInfo)
        var findings: [SignatureFinding] = []
        if infos.count > 1 { findings.append(.multipleSigners(count: infos.count)) }
        if form == .crlf { findings.append(.lineEndingsRestored) }
        findings += Self.senderFindings(infos, sender: sender)
        return SignedEntityVerification(
            signatures: infos, isDetached: true, contentForm: form, content: MIMEMessage(bytes: signed),
            findings: findings)
    }

    /// RFC 4880 §7: the one clear-signed block of a text part; text around it is unsigned.
    private func verifyInline(_ entity: MIMEEntity, sender: String?) throws(OpenPGPError) -> SignedEntityVerification {
        let result = try context.verifyInline(entity.decodedBody())
        let infos = result.outcome.signatures.map(\.signatureInfo)
        var findings: [SignatureFinding] = []
        if infos.isEmpty { findings.append(.noSigner) }
        if infos.count > 1 { findings.append(.multipleSigners(count: infos.count)) }
        if !result.surroundingText.isEmpty { findings.append(.unsignedTextAround) }
        findings += Self.senderFindings(infos, sender: sender)
        return SignedEntityVerification(
            signatures: infos, isDetached: false, contentForm: .asStored,
            content: Self.textEntity(result.outcome.signedContent, charset: entity.charset), findings: findings)
    }

    /// A signer whose user ids do not name the sender is reported, as is a missing sender.
    static func senderFindings(_ signatures: [SignatureInfo], sender: String?) -> [SignatureFinding] {
        guard !signatures.isEmpty else { return [] }
        guard let sender else { return [.senderUnknown] }
        return signatures.filter { !SenderAddress.matches($0.emailAddresses, sender: sender) }.map {
            .signerIsNotSender(signer: $0.signer, addresses: $0.emailAddresses, sender: sender)
        }
    }

    /// Inline content is plain text, not MIME: it is given a `text/plain` header of its own
    /// so that it parses as an entity, keeping the outer part's charset.
    static func textEntity(_ text: [UInt8], charset: String?) -> MIMEMessage {
        let header = "Content-Type: text/plain; charset=\(charset ?? "utf-8")\r\n\r\n"
        return MIMEMessage(bytes: Array(header.utf8) + text)
    }

    private static func allValid(_ signatures: [OpenPGPSignature]) -> Bool {
        !signatures.isEmpty && signatures.allSatisfy { $0.status == .valid }
    }

    private static func badCount(_ signatures: [OpenPGPSignature]) -> Int {
        signatures.count { $0.status == .bad || $0.status == .error }
    }
}

public import MIMEKit

extension OpenPGPContext {
    /// Verifies an RFC 3156 §5 `multipart/signed` entity of a parsed message.
    ///
    /// ```
    /// multipart/signed; protocol="application/pgp-signature"; micalg=pgp-…
    ///   ├─ the signed entity       (checked over its raw bytes, headers included)
    ///   └─ application/pgp-signature
    /// ```
    /// The first part is checked over its exact bytes as received, from its first header
    /// line to the CR LF before the next boundary (made CR LF if the mail was stored with LF).
    ///
    /// - Throws: `invalidContent` when `entity` is not such a multipart, and the errors of
    ///   `verifyDetached`.
    public func verify(signed entity: MIMEEntity) throws(OpenPGPError) -> [OpenPGPSignature] {
        let type = entity.contentType
        guard type.mimeType == "multipart/signed" else {
            throw Self.structure(entity, "is \(type.mimeType), not multipart/signed")
        }
        guard type.parameters["protocol"]?.lowercased() == "application/pgp-signature" else {
            throw Self.structure(
                entity, "has protocol \(type.parameters["protocol"] ?? "(none)"), not application/pgp-signature")
        }
        let parts = entity.children
        guard parts.count == 2 else { throw Self.structure(entity, "has \(parts.count) parts, not 2") }
        guard parts[1].contentType.mimeType == "application/pgp-signature" else {
            throw Self.structure(entity, "has a second part of type \(parts[1].contentType.mimeType)")
        }
        return try verifyMIME(signedPart: parts[0].raw.bytes, signature: parts[1].decodedBody())
    }

    /// Decrypts an RFC 3156 §4 `multipart/encrypted` entity of a parsed message, checking any
    /// signature inside in the same pass, and parses the entity it held.
    ///
    /// ```
    /// multipart/encrypted; protocol="application/pgp-encrypted"
    ///   ├─ application/pgp-encrypted   ("Version: 1")
    ///   └─ application/octet-stream    (the OpenPGP message)
    /// ```
    ///
    /// - Throws: `invalidContent` when `entity` is not such a multipart, and the errors of
    ///   `decrypt`.
    public func decrypt(encrypted entity: MIMEEntity, allowMissingIntegrityProtection: Bool = false)
        throws(OpenPGPError) -> OpenPGPMIMEDecryption
    {
        let type = entity.contentType
        guard type.mimeType == "multipart/encrypted" else {
            throw Self.structure(entity, "is \(type.mimeType), not multipart/encrypted")
        }
        guard type.parameters["protocol"]?.lowercased() == "application/pgp-encrypted" else {
            throw Self.structure(
                entity, "has protocol \(type.parameters["protocol"] ?? "(none)"), not application/pgp-encrypted")
        }
        let parts = entity.children
        guard parts.count == 2 else { throw Self.structure(entity, "has \(parts.count) parts, not 2") }
        guard parts[0].contentType.mimeType == "application/pgp-encrypted" else {
            throw Self.structure(entity, "has a first part of type \(parts[0].contentType.mimeType)")
        }
        let control = String(decoding: parts[0].decodedBody(), as: UTF8.self)
        guard
            control.split(whereSeparator: \.isNewline).contains(where: {
                $0.trimmingCharacters(in: " \t") == "Version: 1"
            })
        else {
            throw Self.structure(entity, "has no \"Version: 1\" in its application/pgp-encrypted part")
        }
        let decryption = try decrypt(
            parts[1].decodedBody(), allowMissingIntegrityProtection: allowMissingIntegrityProtection)
        return OpenPGPMIMEDecryption(decryption: decryption, entity: MIMEMessage(bytes: decryption.plaintext))
    }

    private static func structure(_ entity: MIMEEntity, _ problem: String) -> OpenPGPError {
        OpenPGPError(code: .invalidContent, reason: "entity \(entity.id) \(problem) (RFC 3156)")
    }
}

extension Substring {
    /// The text without leading and trailing characters from `set`.
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return result
    }
}

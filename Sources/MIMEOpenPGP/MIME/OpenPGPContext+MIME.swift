internal import MIMEKit

extension OpenPGPContext {
    /// Signs a MIME entity and wraps it in an RFC 3156 §5 `multipart/signed`.
    ///
    /// ```
    /// Content-Type: multipart/signed; boundary="B"; micalg="pgp-sha512";
    ///     protocol="application/pgp-signature"
    ///
    /// --B
    /// <the entity, headers and body, CR LF line endings>
    /// --B
    /// Content-Type: application/pgp-signature
    ///
    /// <armored detached signature over the entity>
    /// --B--
    /// ```
    ///
    /// - Parameters:
    ///   - entity: the entity to sign, its own header fields (Content-Type,
    ///     Content-Transfer-Encoding) included. It is signed in the canonical form of
    ///     `MIMECanonicalizer`: CR LF line endings, and leaves that are not 7-bit safe
    ///     re-encoded as quoted-printable or base64 (RFC 3156 §3, §5).
    ///   - signer: the secret key to sign with.
    ///   - boundary: the boundary to use, or nil for a random one.
    /// - Throws: `invalidContent` for a boundary found in the content, and the errors of
    ///   `signDetached`.
    public func signMIME(_ entity: [UInt8], signer: OpenPGPKeySelector, boundary: String? = nil) throws(OpenPGPError)
        -> OpenPGPMIMEEntity
    {
        let canonical = MIMECanonicalizer.canonicalize(entityBytes: entity)
        let boundary = try Self.checkedBoundary(boundary, content: canonical)
        let signature = try signDetached(canonical, signer: signer)
        var body = Array("--\(boundary)\r\n".utf8)
        body += canonical
        body += Array("\r\n--\(boundary)\r\nContent-Type: application/pgp-signature; name=\"signature.asc\"\r\n".utf8)
        body += Array("Content-Description: OpenPGP digital signature\r\n\r\n".utf8)
        body += MIMECanonicalForm.crlf(signature.armored)
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return OpenPGPMIMEEntity(
            contentType:
                "multipart/signed; boundary=\"\(boundary)\"; micalg=\"\(signature.micalg)\"; "
                + "protocol=\"application/pgp-signature\"",
            boundary: boundary, body: body)
    }

    /// Encrypts a MIME entity (signing it first when `signer` is given) and wraps it in an
    /// RFC 3156 §4 `multipart/encrypted`.
    ///
    /// ```
    /// Content-Type: multipart/encrypted; boundary="B"; protocol="application/pgp-encrypted"
    ///
    /// --B
    /// Content-Type: application/pgp-encrypted
    ///
    /// Version: 1
    ///
    /// --B
    /// Content-Type: application/octet-stream
    ///
    /// <armored OpenPGP message holding the entity>
    /// --B--
    /// ```
    ///
    /// - Parameters:
    ///   - entity: the entity to protect, its own header fields included, in the canonical
    ///     form of `MIMECanonicalizer` (as for `signMIME`).
    ///   - recipients: the keys to encrypt to; include the sender's own key to keep the sent
    ///     copy readable.
    ///   - signer: the secret key to sign with (RFC 3156 §6.2, signed and encrypted in one
    ///     OpenPGP message), or nil.
    ///   - boundary: the boundary to use, or nil for a random one.
    ///   - trustAllRecipients: as for `encrypt`.
    public func encryptMIME(
        _ entity: [UInt8], to recipients: [OpenPGPKeySelector], signer: OpenPGPKeySelector? = nil,
        boundary: String? = nil, trustAllRecipients: Bool = false
    ) throws(OpenPGPError) -> OpenPGPMIMEEntity {
        let ciphertext = MIMECanonicalForm.crlf(
            try encrypt(
                MIMECanonicalizer.canonicalize(entityBytes: entity), to: recipients, signer: signer, armor: true,
                trustAllRecipients: trustAllRecipients))
        let boundary = try Self.checkedBoundary(boundary, content: ciphertext)
        var body = Array("--\(boundary)\r\nContent-Type: application/pgp-encrypted\r\n".utf8)
        body += Array("Content-Description: PGP/MIME version identification\r\n\r\nVersion: 1\r\n\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n".utf8)
        body += Array("Content-Description: OpenPGP encrypted message\r\n".utf8)
        body += Array("Content-Disposition: inline; filename=\"encrypted.asc\"\r\n\r\n".utf8)
        body += ciphertext
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return OpenPGPMIMEEntity(
            contentType: "multipart/encrypted; boundary=\"\(boundary)\"; protocol=\"application/pgp-encrypted\"",
            boundary: boundary, body: body)
    }

    /// Checks the first part of an RFC 3156 `multipart/signed` against its signature.
    ///
    /// `signedPart` is the raw entity between the first boundary line and the CR LF before the
    /// next boundary, exactly as received; bare LF line endings (mail stored with LF) are made
    /// CR LF first, as RFC 3156 §5 signs the canonical form.
    public func verifyMIME(signedPart: [UInt8], signature: [UInt8]) throws(OpenPGPError) -> [OpenPGPSignature] {
        try verifyDetached(MIMECanonicalForm.crlf(signedPart), signature: signature)
    }

    private static func checkedBoundary(_ boundary: String?, content: [UInt8]) throws(OpenPGPError) -> String {
        guard let boundary else { return MIMECanonicalForm.boundary(avoiding: content) }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'()+_,-./:=? ".utf8)
        guard (1...70).contains(boundary.utf8.count), boundary.utf8.allSatisfy(allowed.contains),
            boundary.utf8.last != 0x20
        else {
            throw OpenPGPError(code: .invalidContent, reason: "\"\(boundary)\" is not an RFC 2046 boundary")
        }
        if MIMECanonicalForm.contains(content, Array("--\(boundary)".utf8)) {
            throw OpenPGPError(code: .invalidContent, reason: "the boundary \"\(boundary)\" occurs in the content")
        }
        return boundary
    }
}

internal import CMIMEGPGME

extension OpenPGPContext {
    /// Encrypts `data` to `recipients`, and signs it first with `signer` when one is given
    /// (sign and encrypt in one message, as RFC 3156 §6.2 allows).
    ///
    /// GnuPG 2.2 writes SEIPD v1 (CFB with MDC), which every OpenPGP implementation reads.
    ///
    /// - Parameters:
    ///   - data: the plaintext (for RFC 3156, the whole MIME entity to protect).
    ///   - recipients: the keys to encrypt to; include the sender's own key to keep the sent
    ///     copy readable.
    ///   - signer: the secret key to sign with, or nil.
    ///   - armor: whether to armor the output (`-----BEGIN PGP MESSAGE-----`).
    ///   - trustAllRecipients: encrypt even to keys without a trust path in the keyring
    ///     (GPGME's "always trust"); otherwise such a key is `unusableKey`.
    /// - Throws: `keyNotFound`, `keyExpired`, `unusableKey`, `badPassphrase`.
    public func encrypt(
        _ data: [UInt8], to recipients: [OpenPGPKeySelector], signer: OpenPGPKeySelector? = nil,
        armor: Bool = true, trustAllRecipients: Bool = false
    ) throws(OpenPGPError) -> [UInt8] {
        guard !recipients.isEmpty else {
            throw OpenPGPError(code: .keyNotFound, reason: "encrypting: no recipient given")
        }
        let operation = try GPGMEOperation(self)
        var keys: [gpgme_key_t?] = []
        defer { for key in keys { if let key { gpgme_key_unref(key) } } }
        for recipient in recipients {
            keys.append(try operation.key(recipient, for: .encrypt))
        }
        keys.append(nil)
        var signerKey: gpgme_key_t?
        defer { if let signerKey { gpgme_key_unref(signerKey) } }
        if let signer {
            let key = try operation.key(signer, for: .sign)
            signerKey = key
            let added = gpgme_signers_add(operation.context, key)
            if added != 0 { throw operation.error(added, "choosing the signer \(signer)") }
        }
        gpgme_set_armor(operation.context, armor ? 1 : 0)
        let input = try GPGMEData(copying: data)
        let output = try GPGMEData()
        let flags = trustAllRecipients ? GPGME_ENCRYPT_ALWAYS_TRUST : gpgme_encrypt_flags_t(rawValue: 0)
        let status = keys.withUnsafeMutableBufferPointer { list in
            signer == nil
                ? gpgme_op_encrypt(operation.context, list.baseAddress, flags, input.handle, output.handle)
                : gpgme_op_encrypt_sign(operation.context, list.baseAddress, flags, input.handle, output.handle)
        }
        if status != 0 {
            if let result = gpgme_op_encrypt_result(operation.context), let invalid = result.pointee.invalid_recipients
            {
                let which = invalid.pointee.fpr.map { String(cString: $0) } ?? "a recipient"
                throw operation.error(invalid.pointee.reason, "encrypting to \(which)")
            }
            throw operation.error(status, "encrypting")
        }
        return output.take()
    }
}

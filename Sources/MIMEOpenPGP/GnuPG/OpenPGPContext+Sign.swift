internal import CMIMEGPGME
import FoundationEssentials

extension OpenPGPContext {
    /// Makes an armored detached signature over `data` with the secret key `signer`, for the
    /// `application/pgp-signature` part of an RFC 3156 `multipart/signed`.
    ///
    /// `data` must already be in the canonical form that will be sent (CR LF line endings,
    /// transfer encoding applied), since the signature covers exactly these bytes.
    ///
    /// - Throws: `keyNotFound`, `keyExpired`, `unusableKey`, `badPassphrase`.
    public func signDetached(_ data: [UInt8], signer: OpenPGPKeySelector) throws(OpenPGPError)
        -> OpenPGPDetachedSignature
    {
        let operation = try GPGMEOperation(self)
        let key = try operation.key(signer, for: .sign)
        defer { gpgme_key_unref(key) }
        gpgme_signers_clear(operation.context)
        let added = gpgme_signers_add(operation.context, key)
        if added != 0 { throw operation.error(added, "choosing the signer \(signer)") }
        gpgme_set_armor(operation.context, 1)
        let input = try GPGMEData(copying: data)
        let output = try GPGMEData()
        let status = gpgme_op_sign(operation.context, input.handle, output.handle, GPGME_SIG_MODE_DETACH)
        if status != 0 { throw operation.error(status, "signing with \(signer)") }
        guard let result = gpgme_op_sign_result(operation.context), let made = result.pointee.signatures else {
            throw OpenPGPError(code: .engineFailure, reason: "signing with \(signer): GnuPG made no signature")
        }
        let signature = made.pointee
        return OpenPGPDetachedSignature(
            armored: output.take(),
            hashAlgorithm: gpgme_hash_algo_name(signature.hash_algo).map { String(cString: $0) } ?? "",
            fingerprint: signature.fpr.map { String(cString: $0) } ?? "",
            publicKeyAlgorithm: gpgme_pubkey_algo_name(signature.pubkey_algo).map { String(cString: $0) } ?? "",
            creationTime: Date(timeIntervalSince1970: Double(signature.timestamp)))
    }
}

internal import CMIMEGPGME

extension OpenPGPContext {
    /// Decrypts an OpenPGP message (armored or binary), checking any signatures inside it in
    /// the same pass.
    ///
    /// A message without integrity protection (tag 9, "PGPCFB") is the raw material of
    /// EFAIL's CFB gadgets, so it is refused with `integrityProtectionMissing` and none of its
    /// plaintext is released, unless `allowMissingIntegrityProtection` is true. A message
    /// whose MDC or AEAD tag does not match is always refused (`integrityCheckFailed`). Output
    /// from a failed decryption is overwritten before it is freed.
    ///
    /// - Parameters:
    ///   - message: the encrypted message, such as the second part of an RFC 3156
    ///     `multipart/encrypted`.
    ///   - allowMissingIntegrityProtection: release plaintext from a message without any
    ///     integrity protection (old archives only; never for display next to other content).
    /// - Throws: `noSecretKey`, `badPassphrase`, `brokenArmor`, `integrityProtectionMissing`,
    ///   `integrityCheckFailed`, `decryptionFailed`.
    public func decrypt(_ message: [UInt8], allowMissingIntegrityProtection: Bool = false) throws(OpenPGPError)
        -> OpenPGPDecryption
    {
        do {
            return try decrypt(message, ignoringMissingMDC: false)
        } catch {
            guard error.code == .integrityProtectionMissing && allowMissingIntegrityProtection else { throw error }
            return try decrypt(message, ignoringMissingMDC: true)
        }
    }

    /// One decryption pass; `ignoringMissingMDC` lets GnuPG release a message without MDC.
    private func decrypt(_ message: [UInt8], ignoringMissingMDC: Bool) throws(OpenPGPError) -> OpenPGPDecryption {
        let operation = try GPGMEOperation(self)
        let input = try GPGMEData(copying: message)
        let output = try GPGMEData()
        if ignoringMissingMDC {
            let set = gpgme_set_ctx_flag(operation.context, "ignore-mdc-error", "1")
            if set != 0 { throw GPGMELibrary.error(set, "allowing a message without MDC") }
        }
        let status = gpgme_op_decrypt_ext(operation.context, GPGME_DECRYPT_VERIFY, input.handle, output.handle)

        let result = gpgme_op_decrypt_result(operation.context)
        let algorithm = result?.pointee.symkey_algo.map { String(cString: $0) } ?? ""
        let parts = algorithm.split(separator: ".", maxSplits: 1).map(String.init)
        let cipher = parts.first ?? ""
        let mode = parts.count > 1 ? parts[1] : ""
        let protection = Self.integrityProtection(mode: mode, message: message)
        let legacy = result?.pointee.legacy_cipher_nomdc != 0 || protection == .none
        let fileName = result?.pointee.file_name.map { String(cString: $0) }
        var recipients: [String] = []
        var next = result?.pointee.recipients
        while let recipient = next {
            if let keyID = recipient.pointee.keyid { recipients.append(String(cString: keyID)) }
            next = recipient.pointee.next
        }
        let signatures = operation.signatures()

        if status != 0 {
            output.wipe()
            let code = gpgme_err_code(status)
            if code == GPG_ERR_DECRYPT_FAILED && legacy {
                throw OpenPGPError(
                    code: .integrityProtectionMissing,
                    reason: "the message (\(algorithm)) has no integrity protection; its plaintext was withheld",
                    engineCode: code.rawValue)
            }
            if code == GPG_ERR_DECRYPT_FAILED && !mode.isEmpty {
                throw OpenPGPError(
                    code: .integrityCheckFailed,
                    reason:
                        "the message (\(algorithm)) was modified: its integrity check failed; no plaintext was released",
                    engineCode: code.rawValue)
            }
            throw operation.error(status, "decrypting")
        }
        if legacy && !ignoringMissingMDC {
            output.wipe()
            throw OpenPGPError(
                code: .integrityProtectionMissing,
                reason: "the message (\(algorithm)) has no integrity protection; its plaintext was withheld")
        }
        return OpenPGPDecryption(
            plaintext: output.take(), symmetricAlgorithm: cipher, cipherMode: mode,
            integrityProtection: legacy ? .none : protection, signatures: signatures, fileName: fileName,
            recipientKeyIDs: recipients)
    }

    /// The protection GnuPG's cipher mode names (`CFB` is SEIPD v1 with its MDC, `PGPCFB` the
    /// unprotected tag 9). When GnuPG names no mode it knows, the message's own first
    /// encrypted-data packet decides, and when that cannot be read either the answer is
    /// `none`, so an unknown case is refused rather than trusted.
    private static func integrityProtection(mode: String, message: [UInt8]) -> OpenPGPIntegrityProtection {
        switch mode {
        case "CFB": return .mdc
        case "PGPCFB": return .none
        case "OCB", "EAX", "GCM": return .aead
        default: break
        }
        guard let binary = try? OpenPGPArmor.dearmorIfNeeded(message) else { return .none }
        let packets = OpenPGPPacketReader().listing(of: binary).packets
        switch packets.first(where: { $0.tag.isEncryptedData })?.content {
        case .symmetricallyEncryptedIntegrityProtectedData(let seipd): return seipd.version == 1 ? .mdc : .aead
        case .aeadEncryptedData: return .aead
        default: return .none
        }
    }
}

internal import CMIMEGPGME

extension OpenPGPContext {
    /// Checks a detached signature over `signedData` (RFC 3156 §5: the exact bytes of the
    /// first part of a `multipart/signed`, in canonical CR LF form).
    ///
    /// - Parameters:
    ///   - signedData: the signed bytes.
    ///   - signature: the signature, armored or binary.
    /// - Returns: one value a signature; a bad signature is a value with status `bad`.
    /// - Throws: `brokenArmor` when `signature` is not a signature.
    public func verifyDetached(_ signedData: [UInt8], signature: [UInt8]) throws(OpenPGPError) -> [OpenPGPSignature] {
        let operation = try GPGMEOperation(self)
        let signatureData = try GPGMEData(copying: signature)
        let content = try GPGMEData(copying: signedData)
        let status = gpgme_op_verify(operation.context, signatureData.handle, content.handle, nil)
        if status != 0 { throw operation.error(status, "verifying a detached signature") }
        let signatures = operation.signatures()
        if signatures.isEmpty {
            throw OpenPGPError(code: .brokenArmor, reason: "verifying a detached signature: no signature found")
        }
        return signatures
    }

    /// Checks an inline-signed message: a clear-signed text block
    /// (`-----BEGIN PGP SIGNED MESSAGE-----`) or a signed `PGP MESSAGE`.
    ///
    /// - Returns: the signatures and the signed content.
    /// - Throws: `brokenArmor` when `message` is not a signed OpenPGP message.
    public func verify(_ message: [UInt8]) throws(OpenPGPError) -> OpenPGPVerification {
        let operation = try GPGMEOperation(self)
        let input = try GPGMEData(copying: message)
        let output = try GPGMEData()
        let status = gpgme_op_verify(operation.context, input.handle, nil, output.handle)
        if status != 0 { throw operation.error(status, "verifying a signed message") }
        let signatures = operation.signatures()
        if signatures.isEmpty {
            throw OpenPGPError(code: .brokenArmor, reason: "verifying a signed message: no signature found")
        }
        return OpenPGPVerification(signatures: signatures, signedContent: output.take())
    }
}

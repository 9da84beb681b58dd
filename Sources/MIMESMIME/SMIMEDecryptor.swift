public import MIMECrypto
private import CMIMEOpenSSL

/// Decrypts CMS enveloped-data (RFC 5652 §6) and authEnveloped-data (RFC 5083, with AES-GCM
/// as RFC 5084 specifies) for one identity, the body of an
/// `application/pkcs7-mime; smime-type=enveloped-data` or `authEnveloped-data` part
/// (RFC 8551 §3.3).
///
/// OpenSSL writes plaintext out before it checks the GCM tag, so the plaintext goes to
/// memory first and is handed over only if the whole decryption succeeded; on any failure
/// the buffer is overwritten and freed, and nothing is released, not even in part.
public struct SMIMEDecryptor: Sendable {
    /// The recipient's key and certificate.
    public var identity: SMIMEIdentity

    /// A decryptor for messages sent to `identity`'s certificate.
    public init(identity: SMIMEIdentity) {
        self.identity = identity
    }

    /// Decrypts a CMS ContentInfo in DER (or BER).
    ///
    /// Throws ``CryptoError`` with `malformedData` for unreadable DER, `unexpectedContentType`
    /// for a message that is not encrypted, `wrongKey` when no RecipientInfo names the
    /// identity's certificate, `unsupportedAlgorithm`, and `decryptionFailed` when the
    /// content does not decrypt (for authEnveloped-data: does not authenticate).
    public func decrypt(_ der: some Collection<UInt8>) throws(CryptoError) -> SMIMEDecryption {
        OpenSSLProviders.load()
        let bytes = Array(der)
        let outline = try CMSInspector.inspect(der: bytes)
        guard outline.contentType == .envelopedData || outline.contentType == .authEnvelopedData,
            let info = outline.decryptionInfo
        else {
            throw CryptoError(.unexpectedContentType, "expected CMS envelopedData or authEnvelopedData, found \(outline.contentType)")
        }
        OpenSSLErrorQueue.clear()
        let cms = try MemoryBIO.reading(bytes) { bio throws(CryptoError) in
            guard let cms = d2i_CMS_bio(bio, nil) else {
                throw OpenSSLErrorQueue.drain().error(.malformedData, "the CMS \(outline.contentType) could not be decoded")
            }
            return cms
        }
        defer { CMS_ContentInfo_free(cms) }
        guard isAddressed(cms) else {
            throw CryptoError(.wrongKey, "the message is not encrypted to \(identity.certificate.subject)")
        }
        let output = try MemoryBIO.writable()
        defer { BIO_free(output) }
        OpenSSLErrorQueue.clear()
        guard CMS_decrypt(cms, identity.privateKey, identity.certificate.x509, nil, output, UInt32(CMS_BINARY)) == 1 else {
            MemoryBIO.cleanse(output)
            throw Self.failure(OpenSSLErrorQueue.drain(), info: info)
        }
        return SMIMEDecryption(plaintext: MemoryBIO.contents(of: output), info: info)
    }

    /// Whether a RecipientInfo names the identity's certificate (RFC 5652 §6.2): by issuer and
    /// serial number or subject key identifier, for key transport (RSA) and key agreement (EC).
    ///
    /// OpenSSL's own search reports no error when nothing matches, so it is done here first.
    private func isAddressed(_ cms: OpaquePointer) -> Bool {
        guard let recipients = CMS_get0_RecipientInfos(cms) else { return false }
        let certificate = identity.certificate.x509
        return (0..<mimekit_sk_CMS_RecipientInfo_num(recipients)).contains { index in
            guard let recipient = mimekit_sk_CMS_RecipientInfo_value(recipients, index) else { return false }
            switch CMS_RecipientInfo_type(recipient) {
            case CMS_RECIPINFO_TRANS:
                return CMS_RecipientInfo_ktri_cert_cmp(recipient, certificate) == 0
            case CMS_RECIPINFO_AGREE:
                guard let keys = CMS_RecipientInfo_kari_get0_reks(recipient) else { return false }
                return (0..<mimekit_sk_CMS_RecipientEncryptedKey_num(keys)).contains { keyIndex in
                    guard let key = mimekit_sk_CMS_RecipientEncryptedKey_value(keys, keyIndex) else { return false }
                    return CMS_RecipientEncryptedKey_cert_cmp(key, certificate) == 0
                }
            default:
                return false
            }
        }
    }

    private static func failure(_ errors: OpenSSLErrorQueue, info: DecryptionInfo) -> CryptoError {
        if errors.isUnsupportedAlgorithm {
            return errors.error(.unsupportedAlgorithm, "the message uses an unsupported algorithm (content: \(info.contentEncryptionAlgorithm))")
        }
        if info.isIntegrityProtected {
            return errors.error(.decryptionFailed, "the message does not authenticate: it was modified; no plaintext released")
        }
        return errors.error(.decryptionFailed, "the message could not be decrypted")
    }
}

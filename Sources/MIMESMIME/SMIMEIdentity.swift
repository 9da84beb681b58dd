public import MIMECrypto
private import CMIMEOpenSSL

/// A private key with its certificate (and any intermediate certificates): what it takes to
/// sign, or to decrypt a message sent to that certificate.
///
/// The key and certificate are checked to belong together when the identity is made, so a
/// mismatch is reported here rather than as a puzzling failure later. The identity is
/// immutable, so one value can be shared across threads.
public final class SMIMEIdentity: @unchecked Sendable {
    // Safety: `privateKey` is never modified after `init`; OpenSSL 3 allows an EVP_PKEY to be
    // used by several threads at once for signing and decryption. `deinit` frees it.
    let privateKey: OpaquePointer

    /// The certificate of the key.
    public let certificate: SMIMECertificate
    /// Intermediate certificates to include when signing.
    public let chain: [SMIMECertificate]

    private init(privateKey: OpaquePointer, certificate: SMIMECertificate, chain: [SMIMECertificate]) throws(CryptoError) {
        self.privateKey = privateKey
        self.certificate = certificate
        self.chain = chain
        OpenSSLErrorQueue.clear()
        guard X509_check_private_key(certificate.x509, privateKey) == 1 else {
            OpenSSLErrorQueue.clear()
            throw CryptoError(.invalidKey, "the private key does not belong to the certificate \(certificate.subject)")
        }
    }

    deinit {
        EVP_PKEY_free(privateKey)
    }

    /// An identity from a PEM private key (PKCS#8 or traditional, optionally encrypted with
    /// `password`) and a PEM certificate; further certificates in `certificatePEM` become the
    /// chain.
    public convenience init(
        privateKeyPEM: some Collection<UInt8>, certificatePEM: some Collection<UInt8>, password: String? = nil
    ) throws(CryptoError) {
        let certificates = try SMIMECertificate.certificates(pem: certificatePEM)
        guard let certificate = certificates.first else {
            throw CryptoError(.invalidCertificate, "no PEM certificate found")
        }
        OpenSSLErrorQueue.clear()
        let pem = Array(privateKeyPEM)
        let key = try MemoryBIO.reading(pem) { bio throws(CryptoError) in
            let key: OpaquePointer?
            if let password {
                key = password.withCString { PEM_read_bio_PrivateKey(bio, nil, nil, UnsafeMutableRawPointer(mutating: $0)) }
            } else {
                // Without a password, refuse encrypted keys instead of letting OpenSSL prompt
                // on the terminal.
                key = PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
            }
            guard let key else {
                let errors = OpenSSLErrorQueue.drain()
                // "ENCRYPTED PRIVATE KEY" (PKCS#8) or "Proc-Type: 4,ENCRYPTED" (traditional).
                if Self.contains(Array("ENCRYPTED".utf8), in: pem) {
                    throw errors.error(
                        .wrongPassword,
                        password == nil ? "the private key is encrypted and no password was given" : "wrong password for the private key"
                    )
                }
                throw errors.error(.invalidKey, "no PEM private key could be read")
            }
            return key
        }
        try self.init(privateKey: key, certificate: certificate, chain: Array(certificates.dropFirst()))
    }

    private static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// An identity from a PKCS#12 (`.p12`, `.pfx`) file's contents and its password; the
    /// file's other certificates become the chain.
    public convenience init(pkcs12: some Collection<UInt8>, password: String) throws(CryptoError) {
        OpenSSLProviders.load()
        OpenSSLErrorQueue.clear()
        let p12 = try MemoryBIO.reading(Array(pkcs12)) { bio throws(CryptoError) in
            guard let p12 = d2i_PKCS12_bio(bio, nil) else {
                throw OpenSSLErrorQueue.drain().error(.malformedData, "not a PKCS#12 file")
            }
            return p12
        }
        defer { PKCS12_free(p12) }
        if PKCS12_mac_present(p12) == 1, PKCS12_verify_mac(p12, password, -1) != 1 {
            throw OpenSSLErrorQueue.drain().error(.wrongPassword, "wrong password for the PKCS#12 file")
        }
        var key: OpaquePointer?
        var x509: OpaquePointer?
        var others: OpaquePointer?
        guard PKCS12_parse(p12, password, &key, &x509, &others) == 1 else {
            let errors = OpenSSLErrorQueue.drain()
            if errors.isUnsupportedAlgorithm {
                throw errors.error(.unsupportedAlgorithm, "the PKCS#12 file uses an unsupported algorithm")
            }
            throw errors.error(.wrongPassword, "the PKCS#12 file could not be decrypted with the password")
        }
        var chain: [SMIMECertificate] = []
        if let others {
            defer { mimekit_sk_X509_pop_free(others) }
            chain = (0..<mimekit_sk_X509_num(others)).compactMap { index in
                mimekit_sk_X509_value(others, index).map { SMIMECertificate(retaining: $0) }
            }
        }
        guard let key, let x509 else {
            if let key { EVP_PKEY_free(key) }
            if let x509 { X509_free(x509) }
            throw CryptoError(.invalidKey, "the PKCS#12 file holds no private key with its certificate")
        }
        try self.init(privateKey: key, certificate: SMIMECertificate(taking: x509), chain: chain)
    }
}

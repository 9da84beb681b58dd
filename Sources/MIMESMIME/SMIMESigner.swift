public import MIMECrypto
private import CMIMEOpenSSL

/// Makes CMS signed-data (RFC 5652 §5) for S/MIME (RFC 8551 §3.5): detached signatures for
/// `multipart/signed` and opaque signed-data for `application/pkcs7-mime`.
///
/// Each identity adds one SignerInfo with signed attributes (content type, signing time,
/// message digest, S/MIME capabilities) and its certificate and chain. RSA and EC keys work
/// alike. The content is signed exactly as given: canonicalise it first (CRLF line ends,
/// RFC 8551 §3.1.1).
public struct SMIMESigner: Sendable {
    /// The signers, one SignerInfo each.
    public var identities: [SMIMEIdentity]
    /// The digest algorithm every signer uses.
    public var digestAlgorithm: SMIMEDigestAlgorithm

    /// A signer for one or more identities.
    public init(identities: [SMIMEIdentity], digestAlgorithm: SMIMEDigestAlgorithm = .sha256) {
        self.identities = identities
        self.digestAlgorithm = digestAlgorithm
    }

    /// The DER of a detached signature over `content`, for an `application/pkcs7-signature`
    /// part.
    public func signDetached(_ content: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        try sign(Array(content), detached: true)
    }

    /// The DER of signed-data that carries `content`, for an
    /// `application/pkcs7-mime; smime-type=signed-data` part.
    public func signOpaque(_ content: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        try sign(Array(content), detached: false)
    }

    private func sign(_ content: [UInt8], detached: Bool) throws(CryptoError) -> [UInt8] {
        guard !identities.isEmpty else {
            throw CryptoError(.invalidKey, "signing needs at least one identity")
        }
        OpenSSLProviders.load()
        OpenSSLErrorQueue.clear()
        let flags = UInt32(CMS_BINARY | CMS_PARTIAL | (detached ? CMS_DETACHED : 0))
        guard let cms = CMS_sign(nil, nil, nil, nil, flags) else {
            throw OpenSSLErrorQueue.drain().error(.backendFailure, "OpenSSL could not start a signed-data")
        }
        defer { CMS_ContentInfo_free(cms) }
        // CMS refuses a certificate twice, and signers often share intermediates, so each
        // signer's certificate goes in once with its SignerInfo and the chains after them.
        var included: Set<String> = []
        for identity in identities {
            guard CMS_add1_signer(cms, identity.certificate.x509, identity.privateKey, digestAlgorithm.evp, UInt32(CMS_BINARY)) != nil else {
                let errors = OpenSSLErrorQueue.drain()
                let code: CryptoError.Code = errors.isUnsupportedAlgorithm ? .unsupportedAlgorithm : .invalidKey
                throw errors.error(code, "could not add the signer \(identity.certificate.subject)")
            }
            included.insert(identity.certificate.fingerprint)
        }
        for certificate in identities.flatMap(\.chain) where included.insert(certificate.fingerprint).inserted {
            guard CMS_add1_cert(cms, certificate.x509) == 1 else {
                throw OpenSSLErrorQueue.drain().error(.invalidCertificate, "could not add the certificate \(certificate.subject)")
            }
        }
        try MemoryBIO.reading(content) { input throws(CryptoError) in
            guard CMS_final(cms, input, nil, UInt32(CMS_BINARY)) == 1 else {
                throw OpenSSLErrorQueue.drain().error(.backendFailure, "signing failed")
            }
        }
        return try CMSEncoding.der(of: cms)
    }
}

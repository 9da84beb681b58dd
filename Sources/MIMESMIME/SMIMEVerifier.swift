#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import MIMECrypto
private import CMIMEOpenSSL

/// Verifies CMS signed-data (RFC 5652 §5, S/MIME 4.0 RFC 8551 §3.5): detached signatures
/// (`multipart/signed` with `application/pkcs7-signature`) and opaque signed-data
/// (`application/pkcs7-mime; smime-type=signed-data`).
///
/// Each SignerInfo is checked on its own and becomes a ``SignatureInfo``: a wrong digest or
/// signature is `bad`, a signer whose chain does not end in ``trust`` is `untrusted`, a
/// certificate outside its validity period at the verification time is `expired`, and an
/// algorithm OpenSSL cannot use is `unsupported`. Only input that cannot be checked at all
/// (not CMS, not signed-data, malformed DER) throws.
public struct SMIMEVerifier: Sendable {
    /// The trust anchors signer chains must end in.
    public var trust: SMIMETrust
    /// The time certificates must be valid at; `nil` for the current time. Pin it to check old
    /// mail whose certificates have since expired (for example to the signing time).
    public var verificationTime: Date?

    /// A verifier with trust anchors and an optional pinned verification time.
    public init(trust: SMIMETrust = .system, verificationTime: Date? = nil) {
        self.trust = trust
        self.verificationTime = verificationTime
    }

    /// Verifies a detached signature (the DER of an `application/pkcs7-signature` part) over
    /// `content`, which must be the signed part's bytes exactly as transmitted, canonical
    /// CRLF line ends included (RFC 8551 §3.1.1).
    public func verifyDetached(
        content: some Collection<UInt8>, signature: some Collection<UInt8>
    ) throws(CryptoError) -> SMIMEVerification {
        try verify(Array(signature), detachedContent: Array(content))
    }

    /// Verifies opaque signed-data (DER) and returns the content it carries.
    public func verifyOpaque(_ signedData: some Collection<UInt8>) throws(CryptoError) -> SMIMEVerification {
        try verify(Array(signedData), detachedContent: nil)
    }

    private func verify(_ der: [UInt8], detachedContent: [UInt8]?) throws(CryptoError) -> SMIMEVerification {
        OpenSSLProviders.load()
        let outline = try CMSInspector.inspect(der: der)
        guard outline.contentType == .signedData else {
            throw CryptoError(.unexpectedContentType, "expected CMS signedData, found \(outline.contentType)")
        }
        let hasEncapsulatedContent = outline.hasEncapsulatedContent ?? false
        if detachedContent == nil, !hasEncapsulatedContent {
            throw CryptoError(.unexpectedContentType, "the signature is detached: verify it with the signed content")
        }
        OpenSSLErrorQueue.clear()
        let cms = try MemoryBIO.reading(der) { bio throws(CryptoError) in
            guard let cms = d2i_CMS_bio(bio, nil) else {
                throw OpenSSLErrorQueue.drain().error(.malformedData, "the CMS signed-data could not be decoded")
            }
            return cms
        }
        defer { CMS_ContentInfo_free(cms) }
        let store = try trust.makeStore()
        defer { X509_STORE_free(store) }
        // Signers whose certificate is not in the message keep a null certificate and are
        // reported one by one below, so the count returned here does not matter.
        _ = CMS_set1_signers_certs(cms, nil, 0)
        OpenSSLErrorQueue.clear()
        let certificates = CMS_get1_certs(cms)
        defer { if let certificates { mimekit_sk_X509_pop_free(certificates) } }

        let check = SignerCheck(store: store, certificates: certificates, verificationTime: verificationTime)
        let (signatures, content) = try withContentBIO(detachedContent) { dcont throws(CryptoError) in
            try digestAndCheck(cms: cms, dcont: dcont, collectContent: detachedContent == nil, check: check)
        }
        return SMIMEVerification(
            signatures: signatures,
            signerInfoCount: outline.signerInfoCount ?? signatures.count,
            hasEncapsulatedContent: hasEncapsulatedContent,
            content: detachedContent ?? content
        )
    }

    private func withContentBIO<R>(
        _ content: [UInt8]?, _ body: (OpaquePointer?) throws(CryptoError) -> R
    ) throws(CryptoError) -> R {
        guard let content else { return try body(nil) }
        return try MemoryBIO.reading(content) { bio throws(CryptoError) in try body(bio) }
    }

    /// Runs the content through the digest BIOs CMS sets up, then checks every signer against
    /// the digests while the BIO chain still holds them.
    private func digestAndCheck(
        cms: OpaquePointer, dcont: OpaquePointer?, collectContent: Bool, check: SignerCheck
    ) throws(CryptoError) -> ([SignatureInfo], [UInt8]) {
        let signerInfos = CMS_get0_SignerInfos(cms)
        let count = signerInfos.map { mimekit_sk_CMS_SignerInfo_num($0) } ?? 0
        let signers = (0..<count).compactMap { index in
            signerInfos.flatMap { mimekit_sk_CMS_SignerInfo_value($0, index) }
        }
        OpenSSLErrorQueue.clear()
        guard let chain = CMS_dataInit(cms, dcont) else {
            let errors = OpenSSLErrorQueue.drain()
            return (signers.map { check.undigested($0, errors: errors) }, [])
        }
        defer {
            // Free the digest BIOs CMS pushed, but not `dcont`, which belongs to the caller.
            var next: OpaquePointer? = chain
            while let bio = next, bio != dcont {
                next = BIO_pop(bio)
                BIO_free(bio)
            }
        }
        var content: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let read = BIO_read(chain, &buffer, Int32(buffer.count))
            guard read > 0 else { break }
            if collectContent {
                content.append(contentsOf: buffer.prefix(Int(read)))
            }
        }
        return (signers.map { check.verify($0, digests: chain) }, content)
    }
}

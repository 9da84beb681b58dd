public import MIMECrypto
private import CMIMEOpenSSL

/// An X.509 certificate: a recipient to encrypt to, a trust anchor, or part of a signer's
/// identity.
///
/// The certificate is immutable once read, so one value can be shared across threads.
public final class SMIMECertificate: @unchecked Sendable {
    // Safety: `x509` is never modified after `init` and OpenSSL allows concurrent reads of
    // an X509; `deinit` releases this object's reference.
    let x509: OpaquePointer

    /// Takes over one reference to `x509`.
    init(taking x509: OpaquePointer) {
        self.x509 = x509
    }

    /// Adds a reference to `x509`, which the caller keeps owning.
    convenience init(retaining x509: OpaquePointer) {
        X509_up_ref(x509)
        self.init(taking: x509)
    }

    deinit {
        X509_free(x509)
    }

    /// Reads the first certificate of a PEM file's contents.
    public convenience init(pem: some Collection<UInt8>) throws(CryptoError) {
        guard let first = try Self.certificates(pem: pem).first else {
            throw CryptoError(.invalidCertificate, "no PEM certificate found")
        }
        self.init(retaining: first.x509)
    }

    /// Reads a DER-encoded certificate.
    public convenience init(der: some Collection<UInt8>) throws(CryptoError) {
        OpenSSLProviders.load()
        OpenSSLErrorQueue.clear()
        let x509 = try MemoryBIO.reading(Array(der)) { bio throws(CryptoError) in
            guard let x509 = d2i_X509_bio(bio, nil) else {
                throw OpenSSLErrorQueue.drain().error(.invalidCertificate, "not a DER certificate")
            }
            return x509
        }
        self.init(taking: x509)
    }

    /// Reads every certificate of a PEM bundle, in order.
    public static func certificates(pem: some Collection<UInt8>) throws(CryptoError) -> [SMIMECertificate] {
        OpenSSLProviders.load()
        OpenSSLErrorQueue.clear()
        return try MemoryBIO.reading(Array(pem)) { bio throws(CryptoError) in
            var certificates: [SMIMECertificate] = []
            while let x509 = PEM_read_bio_X509(bio, nil, nil, nil) {
                certificates.append(SMIMECertificate(taking: x509))
            }
            // Reading stops with a "no start line" error at the end of the input; only a
            // certificate that started and did not parse is a failure.
            let errors = OpenSSLErrorQueue.drain()
            if !errors.contains(library: ERR_LIB_PEM, reason: PEM_R_NO_START_LINE), !errors.entries.isEmpty {
                throw errors.error(.invalidCertificate, "a PEM certificate could not be read")
            }
            return certificates
        }
    }

    /// The subject name in RFC 2253 form, such as `CN=Alice,O=Example`.
    public var subject: String {
        Self.string { bio in
            X509_NAME_print_ex(bio, X509_get_subject_name(x509), 0, mimekit_XN_FLAG_RFC2253())
        }
    }

    /// The issuer name in RFC 2253 form.
    public var issuer: String {
        Self.string { bio in
            X509_NAME_print_ex(bio, X509_get_issuer_name(x509), 0, mimekit_XN_FLAG_RFC2253())
        }
    }

    /// The e-mail addresses in the subject name and the subjectAltName rfc822Name entries.
    public var emailAddresses: [String] {
        guard let stack = X509_get1_email(x509) else { return [] }
        defer { X509_email_free(stack) }
        return (0..<mimekit_sk_OPENSSL_STRING_num(stack)).compactMap { index in
            mimekit_sk_OPENSSL_STRING_value(stack, index).map { String(cString: $0) }
        }
    }

    /// The SHA-256 fingerprint of the DER encoding, in lowercase hexadecimal.
    public var fingerprint: String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(x509, EVP_sha256(), &digest, &length) == 1 else { return "" }
        return digest.prefix(Int(length)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The serial number in uppercase hexadecimal.
    public var serialNumber: String {
        guard let number = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x509), nil) else { return "" }
        defer { BN_free(number) }
        guard let hex = BN_bn2hex(number) else { return "" }
        defer { mimekit_OPENSSL_free(hex) }
        return String(cString: hex)
    }

    /// The DER encoding.
    public var der: [UInt8] {
        Self.bytes { bio in i2d_X509_bio(bio, x509) }
    }

    private static func string(_ write: (OpaquePointer) -> Int32) -> String {
        String(decoding: bytes(write), as: UTF8.self)
    }

    private static func bytes(_ write: (OpaquePointer) -> Int32) -> [UInt8] {
        guard let bio = try? MemoryBIO.writable() else { return [] }
        defer { BIO_free(bio) }
        guard write(bio) >= 0 else { return [] }
        return MemoryBIO.contents(of: bio)
    }
}

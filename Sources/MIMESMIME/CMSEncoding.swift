import MIMECrypto
private import CMIMEOpenSSL

/// Writes an OpenSSL CMS_ContentInfo out as DER.
enum CMSEncoding {
    /// The DER encoding of `cms`.
    static func der(of cms: OpaquePointer) throws(CryptoError) -> [UInt8] {
        let output = try MemoryBIO.writable()
        defer { BIO_free(output) }
        guard i2d_CMS_bio(output, cms) == 1 else {
            throw OpenSSLErrorQueue.drain().error(.backendFailure, "the CMS could not be encoded")
        }
        return MemoryBIO.contents(of: output)
    }
}

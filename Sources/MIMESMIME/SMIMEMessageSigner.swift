public import MIMECrypto
public import MIMEKit

/// Signs a whole message (RFC 8551 §3.5): its content is protected and its outer header
/// fields (From, To, Subject, Date, …) are kept.
///
/// A detached signature makes `multipart/signed` (RFC 1847 §2.1, RFC 8551 §3.5.3) whose
/// first part is the canonical content and second an `application/pkcs7-signature`; opaque
/// signing makes `application/pkcs7-mime; smime-type=signed-data` (RFC 8551 §3.5.2), which
/// survives gateways that rewrite text but is unreadable without S/MIME.
public struct SMIMEMessageSigner: Sendable {
    /// Makes the CMS signatures.
    public var signer: SMIMESigner

    /// A message signer on `signer`.
    public init(signer: SMIMESigner) {
        self.signer = signer
    }

    /// `message` as `multipart/signed`.
    public func signDetached(_ message: MIMEMessage) throws(CryptoError) -> [UInt8] {
        let content = SMIMEProtectedContent(message: message)
        let signature = try signer.signDetached(content.entity)
        let boundary = Self.makeBoundary()
        var body = Array("This is an S/MIME signed message.\r\n\r\n--\(boundary)\r\n".utf8)
        body += content.entity
        body += Array("\r\n--\(boundary)\r\n".utf8)
        body += Array("Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n".utf8)
        body += Array("Content-Transfer-Encoding: base64\r\n".utf8)
        body += Array("Content-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n".utf8)
        body += Base64Encoder.encode(signature)
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return content.message(
            contentFields: [
                "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=\(micalg);",
                "\tboundary=\"\(boundary)\"",
            ],
            body: body
        )
    }

    /// `message` as `application/pkcs7-mime; smime-type=signed-data`.
    public func signOpaque(_ message: MIMEMessage) throws(CryptoError) -> [UInt8] {
        let content = SMIMEProtectedContent(message: message)
        let signedData = try signer.signOpaque(content.entity)
        return content.message(
            contentFields: [
                "Content-Type: application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"smime.p7m\"",
            ],
            body: Base64Encoder.encode(signedData)
        )
    }

    /// The `micalg` parameter for the digest (RFC 8551 §3.5.3.2).
    var micalg: String {
        switch signer.digestAlgorithm {
        case .sha256: "sha-256"
        case .sha384: "sha-384"
        case .sha512: "sha-512"
        }
    }

    /// A boundary that cannot occur in base64 or in the canonical content by chance
    /// (RFC 2046 §5.1.1): `=_` never appears in base64 and the random part is 128 bits.
    static func makeBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        return "=_mimekit_" + random
    }
}

/// A MIME entity built by RFC 3156: a `multipart/signed` or `multipart/encrypted` with its
/// Content-Type header and body, lines ending in CR LF.
public struct OpenPGPMIMEEntity: Hashable, Sendable {
    /// The Content-Type field value, parameters included (`multipart/signed; boundary="…";
    /// micalg="pgp-sha512"; protocol="application/pgp-signature"`).
    public let contentType: String
    /// The boundary chosen.
    public let boundary: String
    /// The multipart body: the parts, their boundaries and the close delimiter.
    public let body: [UInt8]

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(contentType: String, boundary: String, body: [UInt8]) {
        self.contentType = contentType
        self.boundary = boundary
        self.body = body
    }

    /// The entity as it is sent: `Content-Type: …`, a blank line and the body. A message's
    /// other header fields (From, To, Subject, …) go before the Content-Type line.
    public var bytes: [UInt8] { Array("Content-Type: \(contentType)\r\n\r\n".utf8) + body }
}

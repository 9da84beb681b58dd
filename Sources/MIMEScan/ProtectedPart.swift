public import MIMEKit

/// An encrypted or signed entity of a message, as the scanner recognises it.
public struct ProtectedPart: Sendable {
    /// How the protection is written.
    public enum Kind: Sendable, Hashable {
        /// RFC 3156 `multipart/encrypted; protocol="application/pgp-encrypted"`.
        case pgpMIMEEncrypted
        /// An armored `PGP MESSAGE` block in a text part ("inline PGP").
        case pgpInlineEncrypted
        /// A binary or armored OpenPGP message in an `application/pgp-encrypted` leaf outside
        /// `multipart/encrypted`.
        case pgpBareEncrypted
        /// RFC 8551 `application/pkcs7-mime` enveloped-data or authEnveloped-data.
        case smimeEncrypted
        /// RFC 1847 / RFC 3156 / RFC 8551 `multipart/signed`.
        case multipartSigned
        /// RFC 8551 `application/pkcs7-mime; smime-type=signed-data` (opaque signing).
        case smimeOpaqueSigned
        /// An armored `PGP SIGNED MESSAGE` block in a text part (clear-signed).
        case pgpClearSigned
        /// An armored `PGP MESSAGE` block in a text part that holds signed, not encrypted,
        /// data (no session key and no encrypted-data packet).
        case pgpInlineSigned
    }

    /// The entity that carries the protection (the multipart for `multipart/*` kinds).
    public let entity: MIMEEntity
    /// How it is protected.
    public let kind: Kind
    /// The entity holding the ciphertext or signature bytes: the second child of a
    /// `multipart/encrypted` or `multipart/signed`, the entity itself otherwise (nil when a
    /// multipart lacks it).
    public let payload: MIMEEntity?

    /// Whether the part is encrypted (rather than signed).
    public var isEncrypted: Bool {
        switch kind {
        case .pgpMIMEEncrypted, .pgpInlineEncrypted, .pgpBareEncrypted, .smimeEncrypted: true
        case .multipartSigned, .smimeOpaqueSigned, .pgpClearSigned, .pgpInlineSigned: false
        }
    }

    /// Whether the part uses OpenPGP.
    public var isOpenPGP: Bool {
        switch kind {
        case .pgpMIMEEncrypted, .pgpInlineEncrypted, .pgpBareEncrypted, .pgpClearSigned, .pgpInlineSigned: true
        case .multipartSigned: entity.contentType.parameters["protocol"]?.lowercased() == "application/pgp-signature"
        case .smimeEncrypted, .smimeOpaqueSigned: false
        }
    }

    /// A short name for evidence text.
    public var label: String {
        switch kind {
        case .pgpMIMEEncrypted: "PGP/MIME encrypted part"
        case .pgpInlineEncrypted: "inline PGP message"
        case .pgpBareEncrypted: "OpenPGP message"
        case .smimeEncrypted: "S/MIME encrypted part"
        case .multipartSigned: "multipart/signed"
        case .smimeOpaqueSigned: "S/MIME opaque signed-data"
        case .pgpClearSigned: "clear-signed PGP text"
        case .pgpInlineSigned: "inline signed PGP message"
        }
    }
}

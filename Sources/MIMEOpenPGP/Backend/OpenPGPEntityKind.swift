public import MIMEKit

/// What an entity is in OpenPGP terms: RFC 3156 PGP/MIME, or an inline PGP text part
/// (RFC 4880 §6.2 armor, §7 cleartext signature framework).
///
/// ```
/// multipart/signed; protocol="application/pgp-signature"; micalg=pgp-sha256   -- RFC 3156 §5
/// multipart/encrypted; protocol="application/pgp-encrypted"                   -- RFC 3156 §4
/// text/plain holding -----BEGIN PGP SIGNED MESSAGE-----                        -- inline signed
/// text/plain holding -----BEGIN PGP MESSAGE-----                               -- inline encrypted
/// ```
///
/// PGP/MIME is told from the headers alone. Inline PGP has no header of its own, so a
/// `text/plain` leaf (or an `application/pgp` one, as some old clients label it) is read to
/// find an armor line; attachments are not.
public enum OpenPGPEntityKind: Sendable, Hashable {
    /// `multipart/signed` with an `application/pgp-signature` part.
    case detachedSignature
    /// `multipart/encrypted` with `application/pgp-encrypted` control information.
    case encryptedMultipart
    /// A text part with a clear-signed block.
    case inlineSigned
    /// A text part with an armored `PGP MESSAGE` block.
    case inlineEncrypted

    static let signedArmorLine = Array("-----BEGIN PGP SIGNED MESSAGE-----".utf8)
    static let messageArmorLine = Array("-----BEGIN PGP MESSAGE-----".utf8)

    /// The kind of `entity`, or `nil` when it is not an OpenPGP entity.
    public init?(_ entity: MIMEEntity) {
        let type = entity.contentType
        switch type.mimeType.lowercased() {
        case "multipart/signed":
            let declared = type.parameters["protocol"]?.lowercased()
            let second = entity.children.dropFirst().first?.contentType.mimeType.lowercased()
            guard (declared ?? second) == "application/pgp-signature" else { return nil }
            self = .detachedSignature
        case "multipart/encrypted":
            let declared = type.parameters["protocol"]?.lowercased()
            let first = entity.children.first?.contentType.mimeType.lowercased()
            guard (declared ?? first) == "application/pgp-encrypted" else { return nil }
            self = .encryptedMultipart
        case "text/plain", "application/pgp":
            guard entity.isLeaf, entity.contentDisposition?.isAttachment != true else { return nil }
            let body = entity.decodedBody()
            if Self.hasArmorLine(Self.signedArmorLine, in: body) {
                self = .inlineSigned
            } else if Self.hasArmorLine(Self.messageArmorLine, in: body) {
                self = .inlineEncrypted
            } else {
                return nil
            }
        default:
            return nil
        }
    }

    /// Whether the entity is signed or encrypted.
    public var isSigned: Bool { self == .detachedSignature || self == .inlineSigned }

    /// Whether `line` starts a line of `text` (armor lines begin at column 0, RFC 4880 §6.2).
    static func hasArmorLine(_ line: [UInt8], in text: [UInt8]) -> Bool {
        guard text.count >= line.count else { return false }
        var start = 0
        while start + line.count <= text.count {
            if text[start..<(start + line.count)].elementsEqual(line) { return true }
            guard let newline = text[start...].firstIndex(of: UInt8(ascii: "\n")) else { return false }
            start = newline + 1
        }
        return false
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import MIMEKit
public import MIMESMIME
public import MIMEOpenPGP

/// What the rules read a message through: the tree, the protected parts found once, and
/// caches of every costly view so that rules sharing a part pay for it once.
///
/// Without keys nothing is decrypted and only what a rule asks for is decoded: the bodies
/// of encrypted and signed parts, and of text parts next to them. A context belongs to one
/// scan of one message; its caches are behind a mutex, so rules may run on any thread.
public final class ScanContext: Sendable {
    /// The message scanned.
    public let message: MIMEMessage
    /// The keys, if any.
    public let keys: ScanKeys
    /// Every entity in input order.
    public let entities: [MIMEEntity]
    /// The encrypted and signed parts, in input order.
    public let protectedParts: [ProtectedPart]

    private struct Cache {
        var texts: [Int: [UInt8]] = [:]
        var cms: [Int: CMSInspection?] = [:]
        var armor: [Int: ArmorView] = [:]
        var listings: [Int: [OpenPGPPacketListing]] = [:]
        var decryptions: [Int: Decryption] = [:]
    }
    /// Behind `Locked` (a pthread mutex) rather than `Synchronization.Mutex`, whose contended
    /// hand-over on Linux ThreadSanitizer cannot see: a user's TSan run stays free of false races.
    private let cache: Locked<Cache>

    /// Text parts bigger than this are not decoded from base64 to look for inline PGP blocks.
    static let inlineSearchLimit = 1 << 20

    /// A context for scanning `message`, with `keys` for the keyed rules.
    public init(message: MIMEMessage, keys: ScanKeys = ScanKeys()) {
        self.message = message
        self.keys = keys
        let entities = message.entities
        self.entities = entities
        var parts: [ProtectedPart] = []
        var outlines: [Int: CMSInspection?] = [:]
        var insideEncryptedMultipart: Set<Int> = []
        for entity in entities {
            let type = entity.contentType
            let start = entity.offsets.start
            switch (type.type, type.subtype) {
            case ("multipart", "encrypted"):
                let children = entity.children
                children.forEach { insideEncryptedMultipart.insert($0.offsets.start) }
                parts.append(ProtectedPart(entity: entity, kind: .pgpMIMEEncrypted, payload: children.count > 1 ? children[1] : nil))
            case ("multipart", "signed"):
                let children = entity.children
                parts.append(ProtectedPart(entity: entity, kind: .multipartSigned, payload: children.count > 1 ? children[1] : nil))
            case ("application", "pkcs7-mime"), ("application", "x-pkcs7-mime"):
                // The CMS content type decides, not the label (CRY-SMIME-LABEL compares them).
                let smimeType = type.parameters["smime-type"]?.lowercased()
                let outline = Self.inspectCMS(entity)
                outlines[start] = outline
                let signed: Bool
                if let content = outline?.contentType {
                    if content == .compressedData || content == .data { continue }
                    signed = content == .signedData
                } else {
                    if smimeType == "compressed-data" { continue }
                    signed = smimeType == "signed-data" || smimeType == "certs-only"
                }
                parts.append(ProtectedPart(entity: entity, kind: signed ? .smimeOpaqueSigned : .smimeEncrypted, payload: entity))
            case ("application", "pgp-encrypted") where !insideEncryptedMultipart.contains(start) && entity.isLeaf:
                parts.append(ProtectedPart(entity: entity, kind: .pgpBareEncrypted, payload: entity))
            case ("text", _) where entity.isLeaf && !insideEncryptedMultipart.contains(start):
                let markers = Self.armorMarkers(in: entity)
                if markers.encrypted {
                    let kind: ProtectedPart.Kind = Self.holdsEncryptedData(entity) ? .pgpInlineEncrypted : .pgpInlineSigned
                    parts.append(ProtectedPart(entity: entity, kind: kind, payload: entity))
                }
                if markers.clearSigned { parts.append(ProtectedPart(entity: entity, kind: .pgpClearSigned, payload: entity)) }
            default:
                break
            }
        }
        self.protectedParts = parts
        self.cache = Locked(Cache(cms: outlines))
    }

    /// The encrypted parts.
    public var encryptedParts: [ProtectedPart] { protectedParts.filter(\.isEncrypted) }
    /// The signed parts.
    public var signedParts: [ProtectedPart] { protectedParts.filter { !$0.isEncrypted } }

    /// The decoded body of a leaf (transfer encoding undone), cached.
    public func text(of entity: MIMEEntity) -> [UInt8] {
        let key = entity.offsets.start
        if let cached = cache.withLock({ $0.texts[key] }) { return cached }
        let decoded = entity.decodedBody()
        cache.withLock { $0.texts[key] = decoded }
        return decoded
    }

    /// The CMS outline of an `application/pkcs7-*` leaf, or nil when its body is not CMS.
    public func cms(of entity: MIMEEntity) -> CMSInspection? {
        let key = entity.offsets.start
        if let cached = cache.withLock({ $0.cms[key] }) { return cached }
        let outline = Self.inspectCMS(entity)
        cache.withLock { $0.cms[key] = outline }
        return outline
    }

    func cacheDecryption(_ key: Int) -> DecryptionOutcome? {
        cache.withLock { $0.decryptions[key]?.outcome }
    }

    func storeDecryption(_ outcome: DecryptionOutcome, _ key: Int) {
        cache.withLock { $0.decryptions[key] = Decryption(outcome: outcome) }
    }

    /// The DER of a CMS leaf (its base64 or binary body decoded).
    public func der(of entity: MIMEEntity) -> [UInt8] {
        text(of: entity)
    }

    private static func inspectCMS(_ entity: MIMEEntity) -> CMSInspection? {
        let body = entity.decodedBody()
        return try? CMSInspector.inspect(der: body)
    }

    /// The armored blocks of a text leaf; offsets are absolute when the body is not
    /// transfer-encoded, and relative to the decoded text otherwise (`isAbsolute`).
    public func armor(of entity: MIMEEntity) -> ArmorView {
        let key = entity.offsets.start
        if let cached = cache.withLock({ $0.armor[key] }) { return cached }
        let view: ArmorView
        switch entity.transferEncoding {
        case .base64, .quotedPrintable, .uuencode:
            let decoded = text(of: entity)
            view = ArmorView(scan: OpenPGPArmor.scan(decoded), text: decoded, isAbsolute: false)
        default:
            view = ArmorView(scan: OpenPGPArmor.scan(entity.body), text: nil, isAbsolute: true)
        }
        cache.withLock { $0.armor[key] = view }
        return view
    }

    /// The OpenPGP packet listings of an OpenPGP part: one per armored `PGP MESSAGE` block,
    /// or one of the binary body.
    public func packetListings(of part: ProtectedPart) -> [OpenPGPPacketListing] {
        guard let payload = part.payload else { return [] }
        let key = payload.offsets.start
        if let cached = cache.withLock({ $0.listings[key] }) { return cached }
        let reader = OpenPGPPacketReader()
        var listings: [OpenPGPPacketListing] = []
        for bytes in openPGPMessages(of: part) {
            listings.append(reader.listing(of: bytes))
        }
        cache.withLock { $0.listings[key] = listings }
        return listings
    }

    /// The OpenPGP messages (binary) of an OpenPGP part.
    func openPGPMessages(of part: ProtectedPart) -> [[UInt8]] {
        guard let payload = part.payload else { return [] }
        switch part.kind {
        case .pgpInlineEncrypted, .pgpClearSigned, .pgpInlineSigned:
            return armor(of: payload).scan.blocks.filter { $0.kind == .message }.map(\.data)
        case .pgpMIMEEncrypted, .pgpBareEncrypted:
            let body = text(of: payload)
            let scan = OpenPGPArmor.scan(body)
            let blocks = scan.blocks.filter { $0.kind == .message }
            if blocks.isEmpty { return body.isEmpty ? [] : [body] }
            return blocks.map(\.data)
        case .multipartSigned:
            return []
        case .smimeEncrypted, .smimeOpaqueSigned:
            return []
        }
    }

    /// Whether an entity lies inside `ancestor` (or is it).
    public func isInside(_ entity: MIMEEntity, _ ancestor: MIMEEntity) -> Bool {
        let a = ancestor.offsets, e = entity.offsets
        return e.start >= a.start && e.end <= a.end && (e.start != a.start || e.end == a.end)
    }

    /// The text leaves (`text/*`, not attachments of other types) that are not protected
    /// parts themselves and not inside one.
    public var cleartextLeaves: [MIMEEntity] {
        let protected = protectedParts.map(\.entity)
        return entities.filter { entity in
            entity.isLeaf && entity.contentType.type == "text"
                && !protected.contains { isInside(entity, $0) }
        }
    }

    /// Whether the armored `PGP MESSAGE` blocks of a text leaf hold encryption (a session
    /// key or an encrypted-data packet) rather than only signed or compressed data. A block
    /// that cannot be read counts as encrypted: it claims to be a message, and the EFAIL
    /// rules had better look at it.
    static func holdsEncryptedData(_ entity: MIMEEntity) -> Bool {
        let scan: OpenPGPArmorScan
        switch entity.transferEncoding {
        case .base64, .quotedPrintable, .uuencode: scan = OpenPGPArmor.scan(entity.decodedBody())
        default: scan = OpenPGPArmor.scan(entity.body)
        }
        let blocks = scan.blocks.filter { $0.kind == .message || $0.kind == .messagePart }
        if blocks.isEmpty { return true }
        let reader = OpenPGPPacketReader(maximumDepth: 1, maximumPackets: 16)
        return blocks.contains { block in
            let packets = reader.listing(of: block.data).packets
            return packets.isEmpty || packets.contains { packet in
                packet.tag.isEncryptedData || packet.tag == .publicKeyEncryptedSessionKey
                    || packet.tag == .symmetricKeyEncryptedSessionKey
            }
        }
    }

    /// Looks for `-----BEGIN PGP MESSAGE-----` and `-----BEGIN PGP SIGNED MESSAGE-----` in
    /// a text leaf without decoding it unless it is base64 (and small).
    static func armorMarkers(in entity: MIMEEntity) -> (encrypted: Bool, clearSigned: Bool) {
        switch entity.transferEncoding {
        case .base64, .uuencode:
            guard entity.body.count <= inlineSearchLimit else { return (false, false) }
            let decoded = entity.decodedBody()
            return decoded.withUnsafeBytes(armorMarkers)
        default:
            return entity.body.withUnsafeBytes(armorMarkers)
        }
    }

    /// One pass for `BEGIN PGP ` (a capital B is rarer in text than the dashes), then the
    /// dashes before it at the start of a line, then the label after it. A quoted block
    /// ("> -----BEGIN") is not one.
    private static func armorMarkers(in bytes: UnsafeRawBufferPointer) -> (encrypted: Bool, clearSigned: Bool) {
        let anchor: StaticString = "BEGIN PGP "
        let message = Array("MESSAGE-----".utf8), signed = Array("SIGNED MESSAGE-----".utf8)
        var result = (encrypted: false, clearSigned: false)
        let needle = UnsafeRawBufferPointer(start: anchor.utf8Start, count: anchor.utf8CodeUnitCount)
        var from = 5
        while let offset = ByteSearch.first(of: needle, in: bytes, from: from) {
            from = offset + 1
            let dashes = offset - 5
            guard (dashes == 0 || bytes[dashes - 1] == 0x0A),
                bytes[dashes..<offset].allSatisfy({ $0 == UInt8(ascii: "-") })
            else { continue }
            let label = UnsafeRawBufferPointer(rebasing: bytes[(offset + needle.count)...])
            if label.starts(with: message) { result.encrypted = true }
            if label.starts(with: signed) { result.clearSigned = true }
        }
        return result
    }
}

/// The armored blocks of a text part and the text they were found in.
public struct ArmorView: Sendable {
    /// The blocks and the text around them.
    public let scan: OpenPGPArmorScan
    /// The decoded text the ranges refer to, or nil when they are absolute input offsets.
    public let text: [UInt8]?
    /// Whether the ranges are absolute input offsets.
    public let isAbsolute: Bool
}

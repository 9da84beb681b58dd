/// The readable fields of a Signature packet (tag 2, RFC 9580 §5.2).
///
/// ```
/// v3:     version (3) | 5 (1) | type (1) | creation time (4) | key ID (8) |
///         public-key algorithm (1) | hash algorithm (1) | left 16 bits of hash (2) | MPIs
/// v4, v5: version | type (1) | public-key algorithm (1) | hash algorithm (1) |
///         hashed subpacket length (2) | hashed subpackets |
///         unhashed subpacket length (2) | unhashed subpackets | left 16 bits (2) | MPIs
/// v6:     as v4 with four-octet subpacket lengths, then a salt before the signature
/// ```
public struct OpenPGPSignaturePacket: Hashable, Sendable {
    /// 3, 4, 5 or 6.
    public let version: UInt8
    /// What the signature is over.
    public let signatureType: OpenPGPSignatureType
    /// The signer's key algorithm.
    public let publicKeyAlgorithm: OpenPGPPublicKeyAlgorithm
    /// The hash algorithm.
    public let hashAlgorithm: OpenPGPHashAlgorithm
    /// The creation time (seconds since 1970): the v3 field, or the hashed Signature
    /// Creation Time subpacket.
    public let creationTime: UInt32?
    /// The issuer's key ID: the v3 field, an Issuer Key ID subpacket (hashed or not), or
    /// derived from the Issuer Fingerprint (last 8 octets for v4 keys, first 8 for v5 and v6).
    public let issuerKeyID: OpenPGPKeyID?
    /// The Issuer Fingerprint subpacket, hashed or not.
    public let issuerFingerprint: OpenPGPFingerprint?
    /// The Signer's User ID subpacket's text, hashed or not.
    public let signersUserID: String?
    /// All subpackets, hashed ones first, in wire order.
    public let subpackets: [OpenPGPSignatureSubpacket]
    /// Signatures inside Embedded Signature subpackets (primary key binding signatures).
    public let embeddedSignatures: [OpenPGPSignaturePacket]

    /// Reads a signature body; `depth` counts embedded signatures against `maximumDepth`.
    init(_ cursor: inout PacketBodyCursor, depth: Int, maximumDepth: Int) throws(OpenPGPPacketError) {
        version = try cursor.byte("signature version")
        if version == 3 || version == 2 {
            let hashedLength = try cursor.byte("v3 signature hashed length")
            if hashedLength != 5 { throw cursor.malformed("v3 signature hashed length is \(hashedLength), not 5") }
            signatureType = .init(rawValue: try cursor.byte("signature type"))
            creationTime = try cursor.uint32("signature creation time")
            issuerKeyID = try cursor.keyID("signature key ID")
            publicKeyAlgorithm = .init(rawValue: try cursor.byte("signature public-key algorithm"))
            hashAlgorithm = .init(rawValue: try cursor.byte("signature hash algorithm"))
            issuerFingerprint = nil
            signersUserID = nil
            subpackets = []
            embeddedSignatures = []
            return
        }
        guard (4...6).contains(version) else { throw cursor.malformed("signature version \(version) is not 3 to 6") }
        signatureType = .init(rawValue: try cursor.byte("signature type"))
        publicKeyAlgorithm = .init(rawValue: try cursor.byte("signature public-key algorithm"))
        hashAlgorithm = .init(rawValue: try cursor.byte("signature hash algorithm"))

        var subpackets: [OpenPGPSignatureSubpacket] = []
        var embedded: [OpenPGPSignaturePacket] = []
        var creationTime: UInt32?
        var keyID: OpenPGPKeyID?
        var fingerprint: OpenPGPFingerprint?
        var userID: String?
        for hashed in [true, false] {
            let areaName = hashed ? "hashed subpacket" : "unhashed subpacket"
            let areaLength =
                version == 6
                ? Int(try cursor.uint32("\(areaName) area length"))
                : Int(try cursor.uint16("\(areaName) area length"))
            if areaLength > cursor.remaining {
                throw cursor.malformed("the \(areaName) area (\(areaLength) octets) runs past the body")
            }
            let areaEnd = cursor.position + areaLength
            while cursor.position < areaEnd {
                let first = Int(try cursor.byte("\(areaName) length"))
                let length: Int
                switch first {
                case ..<192: length = first
                case 192..<255: length = ((first - 192) << 8) + Int(try cursor.byte("\(areaName) length")) + 192
                default: length = Int(try cursor.uint32("\(areaName) length"))
                }
                if length == 0 { throw cursor.malformed("a \(areaName) has length 0 (no type octet)") }
                if length > areaEnd - cursor.position {
                    throw cursor.malformed("a \(areaName) of \(length) octets runs past its area")
                }
                let typeOctet = try cursor.byte("\(areaName) type")
                let type = typeOctet & 0x7F
                let dataStart = cursor.position
                let subpacket = OpenPGPSignatureSubpacket(
                    type: type, isCritical: typeOctet & 0x80 != 0, isHashed: hashed,
                    offset: cursor.absolutePosition, length: length - 1)
                subpackets.append(subpacket)
                var data = PacketBodyCursor(cursor.bytes.slice(dataStart..<(dataStart + length - 1)))
                switch type {
                case OpenPGPSignatureSubpacket.creationTime where hashed:
                    creationTime = try data.uint32("creation time subpacket")
                case OpenPGPSignatureSubpacket.issuerKeyID:
                    if keyID == nil || hashed { keyID = try data.keyID("issuer key ID subpacket") }
                case OpenPGPSignatureSubpacket.issuerFingerprint:
                    let keyVersion = try data.byte("issuer fingerprint version")
                    let found = OpenPGPFingerprint(
                        keyVersion: keyVersion, bytes: try data.take(data.remaining, "issuer fingerprint"))
                    if fingerprint == nil || hashed { fingerprint = found }
                case OpenPGPSignatureSubpacket.signersUserID:
                    userID = String(decoding: try data.take(data.remaining, "signer's user ID"), as: UTF8.self)
                case OpenPGPSignatureSubpacket.embeddedSignature:
                    if depth + 1 > maximumDepth {
                        throw OpenPGPPacketError(
                            code: .depthLimitExceeded, offset: data.absolutePosition,
                            reason: "embedded signatures nest deeper than \(maximumDepth)")
                    }
                    embedded.append(try OpenPGPSignaturePacket(&data, depth: depth + 1, maximumDepth: maximumDepth))
                default:
                    break
                }
                try cursor.skip(length - 1, "\(areaName) data")
            }
        }
        if keyID == nil, let fingerprint, fingerprint.bytes.count >= 8 {
            let octets = fingerprint.keyVersion == 4 ? fingerprint.bytes.suffix(8) : fingerprint.bytes.prefix(8)
            keyID = OpenPGPKeyID(rawValue: octets.reduce(0) { $0 << 8 | UInt64($1) })
        }
        self.creationTime = creationTime
        self.issuerKeyID = keyID
        self.issuerFingerprint = fingerprint
        self.signersUserID = userID
        self.subpackets = subpackets
        self.embeddedSignatures = embedded
        try cursor.skip(2, "signature hash prefix")
    }
}

/// A key fingerprint as carried inside packets: the Issuer Fingerprint subpacket, PKESK v6
/// and one-pass signature v6 (RFC 9580 §5.2.3.35, §5.1.2, §5.4).
public struct OpenPGPFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The version of the key the fingerprint belongs to (4: 20 octets; 5 and 6: 32 octets).
    public let keyVersion: UInt8
    /// The fingerprint octets.
    public let bytes: [UInt8]

    /// The fingerprint `bytes` of a key of version `keyVersion`.
    public init(keyVersion: UInt8, bytes: [UInt8]) {
        self.keyVersion = keyVersion
        self.bytes = bytes
    }

    /// Upper-case hexadecimal digits without spaces, as GnuPG and GPGME print fingerprints.
    public var description: String {
        let digits = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

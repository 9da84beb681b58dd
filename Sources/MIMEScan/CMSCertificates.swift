/// The certificates and signer serial numbers of a CMS SignedData, read from its DER.
///
/// ```
/// SignedData ::= SEQUENCE {                                  -- RFC 5652 §5.1
///   version CMSVersion,
///   digestAlgorithms DigestAlgorithmIdentifiers,
///   encapContentInfo EncapsulatedContentInfo,
///   certificates [0] IMPLICIT CertificateSet OPTIONAL,
///   crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
///   signerInfos SignerInfos }
/// SignerInfo ::= SEQUENCE {                                  -- RFC 5652 §5.3
///   version CMSVersion,
///   sid SignerIdentifier, ... }
/// SignerIdentifier ::= CHOICE {
///   issuerAndSerialNumber IssuerAndSerialNumber,
///   subjectKeyIdentifier [0] SubjectKeyIdentifier }
/// IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber CertificateSerialNumber }
/// ```
/// Definite lengths only (DER, as S/MIME signatures are written); anything else gives nil.
struct CMSCertificates {
    /// Each certificate's DER.
    var certificates: [[UInt8]] = []
    /// The signers' serial numbers in uppercase hexadecimal (issuerAndSerialNumber only).
    var signerSerials: [String] = []

    init?(der: [UInt8]) {
        var reader = TLVReader(bytes: der, range: 0..<der.count)
        guard let contentInfo = reader.next(), contentInfo.tag == 0x30 else { return nil }
        var info = TLVReader(bytes: der, range: contentInfo.content)
        guard info.next()?.tag == 0x06, let explicit = info.next(), explicit.tag == 0xA0 else { return nil }
        var wrapper = TLVReader(bytes: der, range: explicit.content)
        guard let signedData = wrapper.next(), signedData.tag == 0x30 else { return nil }
        var fields = TLVReader(bytes: der, range: signedData.content)
        guard fields.next()?.tag == 0x02, fields.next()?.tag == 0x31, fields.next()?.tag == 0x30 else { return nil }
        while let field = fields.next() {
            switch field.tag {
            case 0xA0:
                var set = TLVReader(bytes: der, range: field.content)
                while let certificate = set.next(), certificate.tag == 0x30 {
                    certificates.append(Array(der[certificate.whole]))
                }
            case 0x31:
                var signers = TLVReader(bytes: der, range: field.content)
                while let signer = signers.next(), signer.tag == 0x30 {
                    var signerFields = TLVReader(bytes: der, range: signer.content)
                    _ = signerFields.next()
                    guard let sid = signerFields.next(), sid.tag == 0x30 else { continue }
                    var issuerAndSerial = TLVReader(bytes: der, range: sid.content)
                    _ = issuerAndSerial.next()
                    guard let serial = issuerAndSerial.next(), serial.tag == 0x02 else { continue }
                    let digits = der[serial.content].drop { $0 == 0 }
                    signerSerials.append(digits.map { byte in
                        let hex = String(byte, radix: 16, uppercase: true)
                        return byte < 16 ? "0" + hex : hex
                    }.joined())
                }
            default:
                continue
            }
        }
    }
}

/// One DER tag-length-value at a time over a range of bytes.
struct TLVReader {
    struct Element {
        var tag: UInt8
        var whole: Range<Int>
        var content: Range<Int>
    }

    let bytes: [UInt8]
    var offset: Int
    let end: Int

    init(bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        self.offset = range.lowerBound
        self.end = range.upperBound
    }

    mutating func next() -> Element? {
        guard offset + 2 <= end else { return nil }
        let start = offset
        let tag = bytes[offset]
        guard tag & 0x1F != 0x1F else { return nil }
        var length = Int(bytes[offset + 1])
        var cursor = offset + 2
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count >= 1, count <= 4, cursor + count <= end else { return nil }
            length = 0
            for _ in 0..<count {
                length = length << 8 | Int(bytes[cursor])
                cursor += 1
            }
        }
        guard cursor + length <= end else { return nil }
        offset = cursor + length
        return Element(tag: tag, whole: start..<offset, content: cursor..<offset)
    }
}

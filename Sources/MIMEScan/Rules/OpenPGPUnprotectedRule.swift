import MIMEOpenPGP

/// CRY-PGP-SED: OpenPGP data encrypted without any integrity protection.
///
/// A Symmetrically Encrypted Data packet (tag 9, RFC 9580 §5.7) is plain CFB: EFAIL's CFB
/// gadgets (Poddebniak et al., USENIX Security 2018, §5.2) rewrite its plaintext at will,
/// with no way for the recipient to notice. RFC 9580 forbids producing it.
public struct OpenPGPUnprotectedRule: ScanRule {
    public var id: String { "CRY-PGP-SED" }
    public var severity: ScanSeverity { .critical }
    public var title: String { "OpenPGP Symmetrically Encrypted packet (no integrity protection)" }
    public var explanation: String {
        """
        The OpenPGP message uses a Symmetrically Encrypted Data packet (tag 9): CFB without \
        MDC or AEAD, so an attacker can change the plaintext undetected and build EFAIL's \
        CFB gadgets (Poddebniak et al., USENIX Security 2018, §5.2). RFC 9580 §5.7 forbids \
        producing it. Senders: upgrade (GnuPG 2.2.8 and later refuse it; never use \
        --rfc2440 or --disable-mdc); prefer SEIPD v2 (RFC 9580 §5.13.2).
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        var findings: [Finding] = []
        for part in context.protectedParts where part.isOpenPGP {
            for listing in context.packetListings(of: part) {
                if let packet = listing.packets.first(where: { $0.tag == .symmetricallyEncryptedData }) {
                    findings.append(finding(part.entity, "\(part.label): tag 9 packet of \(packet.bodyLength) bytes at packet offset \(packet.offset)"))
                }
            }
        }
        return findings
    }
}

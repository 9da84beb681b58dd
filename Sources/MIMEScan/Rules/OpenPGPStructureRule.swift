import MIMEOpenPGP

/// CRY-PGP-STRUCT: an OpenPGP message that is not one encrypted container.
///
/// RFC 9580 §10.3 defines an encrypted message as session-key packets followed by one
/// encrypted-data packet. Several encrypted-data packets, or a literal packet beside the
/// container, let an attacker splice captured ciphertext or unencrypted text into what the
/// client shows as one decrypted message (Poddebniak et al., USENIX Security 2018, §5;
/// Müller et al., "Johnny, You Are Fired!", USENIX Security 2019, §4.4).
public struct OpenPGPStructureRule: ScanRule {
    public var id: String { "CRY-PGP-STRUCT" }
    public var severity: ScanSeverity { .high }
    public var title: String { "OpenPGP message with several encrypted packets or a literal packet outside encryption" }
    public var explanation: String {
        """
        The OpenPGP message holds more than one encrypted-data packet, or a literal data \
        packet next to the encrypted one. Clients concatenate what they decrypt and what is \
        in clear, so an attacker can splice captured ciphertext or forged cleartext into \
        the message (Poddebniak et al., USENIX Security 2018, §5; Müller et al., USENIX \
        Security 2019, §4.4). RFC 9580 §10.3 allows exactly one encrypted container.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        var findings: [Finding] = []
        for part in context.protectedParts where part.isOpenPGP && part.isEncrypted {
            for listing in context.packetListings(of: part) {
                let top = listing.packets.filter { $0.depth == 0 }
                let encrypted = top.filter { $0.tag.isEncryptedData }
                let literal = top.filter { $0.tag == .literalData }
                if encrypted.count > 1 {
                    findings.append(finding(part.entity, "\(part.label): \(encrypted.count) encrypted-data packets (tags \(encrypted.map { String($0.tag.rawValue) }.joined(separator: ", ")))"))
                }
                if !encrypted.isEmpty && !literal.isEmpty {
                    findings.append(finding(part.entity, "\(part.label): \(literal.count) literal packet(s) outside the encrypted container"))
                }
            }
        }
        return findings
    }
}

import MIMEOpenPGP

/// CRY-PGP-MDC-V1: OpenPGP data protected by SEIPD v1 (CFB with a SHA-1 MDC).
///
/// SEIPD v1 (RFC 4880 §5.13) is integrity-protected only after the fact: the plaintext is
/// decrypted in full before the MDC is checked, and clients that stream it out early were
/// the ones EFAIL broke (Poddebniak et al., USENIX Security 2018, §5.2). It is what almost
/// all OpenPGP mail uses today, hence info; SEIPD v2 with AEAD (RFC 9580 §5.13.2) is the
/// good case.
public struct OpenPGPMDCVersion1Rule: ScanRule {
    public var id: String { "CRY-PGP-MDC-V1" }
    public var severity: ScanSeverity { .info }
    public var title: String { "OpenPGP SEIPD v1 (CFB with MDC) rather than AEAD" }
    public var explanation: String {
        """
        The message is encrypted as SEIPD v1: CFB with a SHA-1 Modification Detection Code \
        checked after decryption. Safe only when the client releases nothing before the \
        check passes (EFAIL; Poddebniak et al., USENIX Security 2018, §5.2). Senders: move \
        to SEIPD v2 with AEAD (RFC 9580 §5.13.2) when recipients support it.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        var findings: [Finding] = []
        for part in context.protectedParts where part.isOpenPGP && part.isEncrypted {
            for listing in context.packetListings(of: part) {
                for packet in listing.packets {
                    if case .symmetricallyEncryptedIntegrityProtectedData(let seipd) = packet.content, seipd.version == 1 {
                        findings.append(finding(part.entity, "\(part.label): SEIPD v1 (CFB + MDC)"))
                    }
                }
            }
        }
        return findings
    }
}

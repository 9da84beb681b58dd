import MIMEKit
import MIMEOpenPGP
import MIMESMIME

/// SS-ID-MISMATCH: the From address is not among the signer's identities.
///
/// A valid signature by Eve on a message "From: Alice" is still Eve's; clients that show
/// "valid signature" next to Alice's name were the identity attacks of "Johnny, You Are
/// Fired!" (Müller et al., USENIX Security 2019, §7). RFC 8550 §3 asks that the From
/// address match an address in the signer's certificate. Without keys the rule reads the
/// certificates carried in the CMS (the signer's, by serial number, when it can tell) and
/// the OpenPGP Signer's User ID subpacket when present.
public struct SignerIdentityMismatchRule: ScanRule {
    public var id: String { "SS-ID-MISMATCH" }
    public var severity: ScanSeverity { .high }
    public var title: String { "From address is not one of the signer's identities" }
    public var explanation: String {
        """
        The signer's certificate (or OpenPGP Signer's User ID) names addresses, and the \
        From address is not one of them: a valid signature is shown next to someone else's \
        name (Müller et al., "Johnny, You Are Fired!", USENIX Security 2019, §7; RFC 8550 \
        §3). Senders: sign with a certificate or key whose identity is the From address.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        let signedParts = context.signedParts
        guard !signedParts.isEmpty else { return [] }
        let fromFields = context.message.root.headers.fields(named: "From")
        let from = Set(fromFields.flatMap { InternetAddressList.parse($0.rawValue).mailboxes }.map { $0.address.lowercased() })
        guard !from.isEmpty else { return [] }
        var findings: [Finding] = []
        for part in signedParts {
            guard let signature = part.payload else { continue }
            var identities: [String] = []
            if signature.contentType.subtype.contains("pkcs7") {
                identities = smimeIdentities(context.der(of: signature))
            } else if part.isOpenPGP {
                identities = pgpIdentities(context.packetListings(of: part) + clearSignedListings(part, context))
            }
            guard !identities.isEmpty, from.isDisjoint(with: identities) else { continue }
            findings.append(finding(signature, "From \(from.sorted().joined(separator: ", ")) but the signer is \(identities.joined(separator: ", "))"))
        }
        return findings
    }

    private func smimeIdentities(_ der: [UInt8]) -> [String] {
        guard let parsed = CMSCertificates(der: der) else { return [] }
        let certificates = parsed.certificates.compactMap { try? SMIMECertificate(der: $0) }
        let signers = certificates.filter { parsed.signerSerials.contains($0.serialNumber) }
        return (signers.isEmpty ? certificates : signers).flatMap(\.emailAddresses).map { $0.lowercased() }
    }

    private func clearSignedListings(_ part: ProtectedPart, _ context: ScanContext) -> [OpenPGPPacketListing] {
        guard part.kind == .pgpClearSigned else {
            guard let signature = part.payload, part.kind == .multipartSigned else { return [] }
            let data = (try? OpenPGPArmor.dearmorIfNeeded(context.text(of: signature))) ?? []
            return [OpenPGPPacketReader().listing(of: data)]
        }
        return context.armor(of: part.entity).scan.blocks.filter { $0.kind == .signedMessage }
            .map { OpenPGPPacketReader().listing(of: $0.data) }
    }

    private func pgpIdentities(_ listings: [OpenPGPPacketListing]) -> [String] {
        listings.flatMap(\.packets).compactMap { packet -> String? in
            guard case .signature(let signature) = packet.content, let userID = signature.signersUserID else { return nil }
            let mailbox = InternetAddressList.parse(Array(userID.utf8)).mailboxes.first
            return (mailbox?.address ?? userID).lowercased()
        }
    }
}

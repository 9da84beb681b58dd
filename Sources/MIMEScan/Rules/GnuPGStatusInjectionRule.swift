import MIMEOpenPGP

/// SS-GPG-INJECT: OpenPGP fields that can forge GnuPG status lines.
///
/// GnuPG writes a literal packet's file name and key user ids into its machine-readable
/// status output; a name holding a line break and `[GNUPG:]` adds status lines of the
/// attacker's choosing, such as `GOODSIG`, to clients that parse it (Müller et al.,
/// "Johnny, You Are Fired!", USENIX Security 2019, §4.2, CVE-2018-12020 "SigSpoof"). Several
/// literal packets in one message are the other half of that attack: the client shows one
/// and the signature covers another (§4.4).
public struct GnuPGStatusInjectionRule: ScanRule {
    public var id: String { "SS-GPG-INJECT" }
    public var severity: ScanSeverity { .critical }
    public var title: String { "OpenPGP file name or user id that injects GnuPG status lines; several literal packets" }
    public var explanation: String {
        """
        A literal packet's file name or a user id holds CR, LF or "[GNUPG:]", or the message \
        holds several literal packets. Older GnuPG passed such names into its status output, \
        letting a message print its own GOODSIG lines (CVE-2018-12020; Müller et al., \
        "Johnny, You Are Fired!", USENIX Security 2019, §4). No legitimate sender writes \
        this; recipients: update GnuPG (2.2.8 or later) and the client.
        """
    }

    public init() {}

    public func check(_ context: ScanContext) -> [Finding] {
        var findings: [Finding] = []
        for part in context.protectedParts where part.isOpenPGP {
            for listing in context.packetListings(of: part) {
                var literals = 0
                for packet in listing.packets {
                    switch packet.content {
                    case .literalData(let literal):
                        literals += 1
                        if isInjection(literal.fileName) {
                            findings.append(finding(part.entity, "\(part.label): literal file name \(quoted(literal.fileName))"))
                        }
                    case .userID(let userID) where isInjection(userID):
                        findings.append(finding(part.entity, "\(part.label): user id \(quoted(userID))"))
                    default:
                        break
                    }
                }
                if literals > 1 {
                    findings.append(finding(part.entity, "\(part.label): \(literals) literal packets in one message"))
                }
            }
        }
        return findings
    }

    private func isInjection(_ bytes: [UInt8]) -> Bool {
        bytes.contains(0x0A) || bytes.contains(0x0D) || ByteSearch.contains("[gnupg:]", in: ByteSearch.lowered(bytes))
    }

    private func quoted(_ bytes: [UInt8]) -> String {
        "\"" + String(decoding: bytes, as: UTF8.self).replacingLineBreaks + "\""
    }
}

extension String {
    var replacingLineBreaks: String {
        var out = ""
        for character in unicodeScalars {
            switch character {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}

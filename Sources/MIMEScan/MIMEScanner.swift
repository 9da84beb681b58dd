public import MIMEKit

/// Scans messages for EFAIL, reply-leak and signature-spoofing patterns.
///
/// A value: a rule list and keys. `scan` runs every rule over one message and returns the
/// findings, most severe first. Without keys nothing is decrypted; the keyed rules are
/// skipped.
///
/// ```swift
/// let scanner = MIMEScanner(disabling: ["RE-REPLYTO"])
/// for finding in scanner.scan(message) where finding.severity >= .high {
///     print(finding.ruleID, finding.partID, finding.evidence)
/// }
/// ```
///
/// Named `MIMEScanner` rather than `Scanner` so that it does not clash with
/// `Foundation.Scanner` in files that import both.
///
/// References: Poddebniak et al., "Efail: Breaking S/MIME and OpenPGP Email Encryption using
/// Exfiltration Channels", USENIX Security 2018; Müller et al., "Johnny, You Are Fired! –
/// Spoofing OpenPGP and S/MIME Signatures in Emails", USENIX Security 2019; Müller et al.,
/// "Re: What's Up Johnny? – Covert Content Attacks on Email End-to-End Encryption", ACNS 2019.
public struct MIMEScanner: Sendable {
    /// The rules run, in order.
    public var rules: [any ScanRule]
    /// Keys for the keyed rules.
    public var keys: ScanKeys

    /// A scanner with `rules` (all built-in rules by default) and `keys`.
    public init(rules: [any ScanRule] = MIMEScanner.builtinRules, keys: ScanKeys = ScanKeys()) {
        self.rules = rules
        self.keys = keys
    }

    /// A scanner with the built-in rules except those whose ids are in `disabled`.
    public init(disabling disabled: Set<String>, keys: ScanKeys = ScanKeys()) {
        self.init(rules: Self.builtinRules.filter { !disabled.contains($0.id) }, keys: keys)
    }

    /// Every built-in rule, in report order.
    public static let builtinRules: [any ScanRule] = [
        DirectExfiltrationNonRootRule(),
        DirectExfiltrationOpenContextRule(),
        PartialEncryptionRule(),
        HiddenEncryptedPartRule(),
        ReplyToRedirectRule(),
        BackchannelRemoteRule(),
        OpenPGPUnprotectedRule(),
        OpenPGPMDCVersion1Rule(),
        OpenPGPStructureRule(),
        OpenPGPMDCFailureRule(),
        SMIMEMalleableCipherRule(),
        SMIMELabelRule(),
        SMIMEAEADFailureRule(),
        CMSEncapsulatedContentRule(),
        CMSSignerCountRule(),
        SignatureWrappingRule(),
        PartialSigningRule(),
        SignerIdentityMismatchRule(),
        IdentityHeaderRule(),
        GnuPGStatusInjectionRule(),
        SecurityIndicatorUIRule(),
    ]

    /// The built-in rule with id `id`.
    public static func rule(id: String) -> (any ScanRule)? {
        builtinRules.first { $0.id == id }
    }

    /// The findings in `message`, most severe first, then in input order.
    public func scan(_ message: MIMEMessage) -> [Finding] {
        let context = ScanContext(message: message, keys: keys)
        var findings: [Finding] = []
        for rule in rules where !rule.needsKeys || !keys.isEmpty {
            findings += rule.check(context)
        }
        return findings.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            if a.element.offsets.lowerBound != b.element.offsets.lowerBound {
                return a.element.offsets.lowerBound < b.element.offsets.lowerBound
            }
            return a.offset < b.offset
        }.map(\.element)
    }
}

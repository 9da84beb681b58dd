#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MIMECrypto

/// The JSON and text forms of what `verify` and `decrypt` found (schema in README.md).
enum CryptoReport {
    /// Whether `layers` hold at least one signature and every layer succeeded with every
    /// signature valid.
    static func allValid(_ layers: [MIMECryptoLayer]) -> Bool {
        var signatures = 0
        for layer in layers {
            switch layer.outcome {
            case .verified(let verification):
                guard verification.isValid else { return false }
                signatures += verification.signatures.count
            case .decrypted(let decrypted):
                // Signatures made inside the encryption (OpenPGP, RFC 3156 §6.2) count too.
                guard decrypted.signatures.allSatisfy({ $0.status == .valid }) else { return false }
                signatures += decrypted.signatures.count
            case .failed: return false
            }
        }
        return signatures > 0
    }

    /// `verify --json` for one message: `{"message","valid","layers"}`.
    static func message(index: Int, layers: [MIMECryptoLayer]) -> JSONValue {
        .object([
            ("message", .int(index)),
            ("valid", .bool(allValid(layers))),
            ("layers", .array(layers.map(layer))),
        ])
    }

    /// One layer: where it is, what it is, and its outcome.
    static func layer(_ layer: MIMECryptoLayer) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("part", .string(layer.partID)),
            ("depth", .int(layer.depth)),
            ("backend", .string(layer.backend)),
            ("kind", .string(layer.role.rawValue)),
        ]
        switch layer.outcome {
        case .verified(let verification):
            members += [
                ("detached", .bool(verification.isDetached)),
                ("contentForm", .string(verification.contentForm.rawValue)),
                ("valid", .bool(verification.isValid)),
                ("signatures", .array(verification.signatures.map(signature))),
                ("findings", .array(verification.findings.map(finding))),
                ("error", .null),
            ]
        case .decrypted(let decrypted):
            members += decryption(decrypted.info) + inPassSignatures(decrypted) + [("error", .null)]
        case .failed(let error):
            if let encryption = layer.encryption { members += decryption(encryption) }
            members.append(("error", self.error(error)))
        }
        return .object(members)
    }

    /// The algorithm facts of a decryption.
    static func decryption(_ info: DecryptionInfo) -> [(String, JSONValue)] {
        [
            ("algorithm", .string(info.contentEncryptionAlgorithm)),
            ("algorithmOID", .optional(info.contentEncryptionAlgorithmOID)),
            ("integrityProtected", .bool(info.isIntegrityProtected)),
        ]
    }

    /// The signatures checked while decrypting (OpenPGP signs inside the encryption,
    /// RFC 3156 §6.2), with their findings; nothing when there are none, as with S/MIME.
    static func inPassSignatures(_ decrypted: DecryptedEntity) -> [(String, JSONValue)] {
        guard !decrypted.signatures.isEmpty else { return [] }
        return [
            ("valid", .bool(decrypted.signatures.allSatisfy { $0.status == .valid })),
            ("signatures", .array(decrypted.signatures.map(signature))),
            ("findings", .array(decrypted.findings.map(finding))),
        ]
    }

    static func finding(_ finding: SignatureFinding) -> JSONValue {
        .object([("code", .string(finding.code)), ("message", .string(finding.message))])
    }

    static func error(_ error: CryptoError) -> JSONValue {
        .object([("code", .string(error.code.name)), ("message", .string(error.message))])
    }

    static func signature(_ info: SignatureInfo) -> JSONValue {
        .object([
            ("status", .string(info.status.rawValue)),
            ("signer", .optional(info.signer)),
            ("emailAddresses", .array(info.emailAddresses.map(JSONValue.string))),
            ("fingerprint", .optional(info.fingerprint)),
            ("serialNumber", .optional(info.serialNumber)),
            ("digestAlgorithm", .optional(info.digestAlgorithm)),
            ("signatureAlgorithm", .optional(info.signatureAlgorithm)),
            ("signingTime", .optional(info.signingTime.map(timestamp))),
            ("reason", .string(info.reason)),
        ])
    }

    /// The text form: one line a layer, one a signature, one a finding.
    static func text(_ layers: [MIMECryptoLayer]) -> String {
        var out = ""
        for layer in layers {
            let indent = String(repeating: "  ", count: layer.depth)
            out += "\(indent)\(layer.partID): \(layer.role.rawValue) (\(layer.backend)"
            switch layer.outcome {
            case .verified(let verification):
                // OpenPGP's attached form is clear-signed text (RFC 4880 §7), not opaque data.
                out += verification.isDetached ? ", detached" : layer.backend == "openpgp" ? ", inline" : ", opaque"
                out += verification.contentForm == .crlf ? ", CRLF form" : ""
                out += "): \(verification.isValid ? "valid" : "NOT valid")\n"
                out += signatureLines(verification.signatures, findings: verification.findings, indent: indent)
            case .decrypted(let decrypted):
                let info = decrypted.info
                out += "): decrypted, \(info.contentEncryptionAlgorithm)"
                out += info.isIntegrityProtected ? ", integrity-protected\n" : ", NOT integrity-protected\n"
                out += signatureLines(decrypted.signatures, findings: decrypted.findings, indent: indent)
            case .failed(let error):
                if let info = layer.encryption {
                    out += ", \(info.contentEncryptionAlgorithm)" + (info.isIntegrityProtected ? "" : ", NOT integrity-protected")
                }
                out += "): error: \(error.message)\n"
            }
        }
        return out
    }

    /// One line a signature, one a finding.
    static func signatureLines(_ signatures: [SignatureInfo], findings: [SignatureFinding], indent: String) -> String {
        var out = ""
        for info in signatures {
            var columns = [info.status.rawValue, info.signer ?? "unknown signer"]
            if !info.emailAddresses.isEmpty { columns.append("<" + info.emailAddresses.joined(separator: ", ") + ">") }
            if let digest = info.digestAlgorithm { columns.append(digest) }
            if let time = info.signingTime { columns.append("signed " + timestamp(time)) }
            out += "\(indent)  \(columns.joined(separator: "  ")): \(info.reason)\n"
        }
        for finding in findings {
            out += "\(indent)  note: \(finding.message)\n"
        }
        return out
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}

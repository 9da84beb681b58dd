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
            case .decrypted: continue
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
                ("findings", .array(verification.findings.map { finding in
                    .object([("code", .string(finding.code)), ("message", .string(finding.message))])
                })),
                ("error", .null),
            ]
        case .decrypted(let decrypted):
            members += decryption(decrypted.info) + [("error", .null)]
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
                out += verification.isDetached ? ", detached" : ", opaque"
                out += verification.contentForm == .crlf ? ", CRLF form" : ""
                out += "): \(verification.isValid ? "valid" : "NOT valid")\n"
                for info in verification.signatures {
                    var columns = [info.status.rawValue, info.signer ?? "unknown signer"]
                    if !info.emailAddresses.isEmpty { columns.append("<" + info.emailAddresses.joined(separator: ", ") + ">") }
                    if let digest = info.digestAlgorithm { columns.append(digest) }
                    if let time = info.signingTime { columns.append("signed " + timestamp(time)) }
                    out += "\(indent)  \(columns.joined(separator: "  ")): \(info.reason)\n"
                }
                for finding in verification.findings {
                    out += "\(indent)  note: \(finding.message)\n"
                }
            case .decrypted(let decrypted):
                let info = decrypted.info
                out += "): decrypted, \(info.contentEncryptionAlgorithm)"
                out += info.isIntegrityProtected ? ", integrity-protected\n" : ", NOT integrity-protected\n"
            case .failed(let error):
                if let info = layer.encryption {
                    out += ", \(info.contentEncryptionAlgorithm)" + (info.isIntegrityProtected ? "" : ", NOT integrity-protected")
                }
                out += "): error: \(error.message)\n"
            }
        }
        return out
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}

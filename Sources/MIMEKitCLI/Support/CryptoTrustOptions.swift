import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import MIMESMIME

/// Where signers' certificate chains must lead, and when they must be valid.
struct CryptoTrustOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Trust anchors: 'system' (the system CA bundle), 'none', a PEM file or a directory of hashed PEM certificates.",
        valueName: "system|none|PEMFILE|PEMDIR"
    ))
    var trust = "system"

    @Option(help: ArgumentHelp(
        "Check certificates as of this time (ISO 8601, such as 2024-05-01T12:00:00Z or 2024-05-01), for old mail.",
        valueName: "ISO8601"
    ))
    var at: String?

    func validate() throws {
        _ = try verificationTime()
        _ = try anchors()
    }

    /// The verifier these options describe.
    func verifier() throws -> SMIMEVerifier {
        SMIMEVerifier(trust: try anchors(), verificationTime: try verificationTime())
    }

    private func anchors() throws -> SMIMETrust {
        switch trust {
        case "system": return .system
        case "none": return .none
        default:
            var status = stat()
            guard stat(trust, &status) == 0 else {
                throw ValidationError("--trust \(trust): \(String(cString: strerror(errno)))")
            }
            return (status.st_mode & S_IFMT) == S_IFDIR ? .pemDirectory(trust) : .pemFile(trust)
        }
    }

    private func verificationTime() throws -> Date? {
        guard let at else { return nil }
        if let time = try? Date.ISO8601FormatStyle().parse(at) { return time }
        if let day = try? Date.ISO8601FormatStyle().year().month().day().parse(at) { return day }
        throw ValidationError("--at \(at): not an ISO 8601 time such as 2024-05-01T12:00:00Z")
    }
}

import Foundation
import Testing

/// `mimekit verify`, `decrypt`, `sign` and `encrypt` run as a user would, with `openssl cms`
/// as the peer; they share one set of keys.
@Suite(.cryptoCLIFixture)
struct CryptoCommandTests {
    static var fixture: CryptoCLIFixture {
        get throws { try #require(CryptoCLIFixture.current) }
    }

    static let entity = Array("Content-Type: text/plain; charset=us-ascii\r\n\r\nMeet me at noon.\r\nBy the well.\r\n".utf8)
    static let plain = Array("From: Alice <alice@example.org>\nTo: bob@example.org\nSubject: Noon\n\nMeet me at noon.\nBy the well.\n".utf8)

    /// `openssl cms -in FILE ARGS` over `input`; what it prints.
    static func openssl(_ arguments: [String], input: [UInt8] = entity) throws -> [UInt8] {
        let fixture = try fixture
        let path = try fixture.write(input, to: UUID().uuidString + ".txt")
        return try fixture.require(["cms", "-in", path] + arguments).output
    }

    /// A whole multipart/signed message from `openssl cms -sign`, From the signer.
    static func opensslSigned(by signer: String, digest: String = "sha256") throws -> [UInt8] {
        try openssl(["-sign", "-signer", "\(signer).pem", "-inkey", "\(signer).key", "-md", digest,
                     "-from", "\(signer)@example.org", "-to", "bob@example.org", "-subject", "Noon"])
    }

    /// A whole encrypted message from `openssl cms -encrypt`.
    static func opensslEncrypted(to recipient: String, cipher: String = "-aes-256-gcm", input: [UInt8] = entity) throws -> [UInt8] {
        try openssl(["-encrypt", cipher, "-from", "carol@example.org", "-to", "\(recipient)@example.org", "-subject", "Noon",
                     "\(recipient).pem"], input: input)
    }

    /// Runs `mimekit` with `arguments` in which `%NAME` stands for the fixture file NAME.
    static func mimekit(_ arguments: [String], stdin: [UInt8]? = nil) throws -> CLITestSupport.Run {
        let fixture = try fixture
        let expanded = arguments.map { $0.hasPrefix("%") ? fixture.path(String($0.dropFirst())) : $0 }
        return try CLITestSupport.run(expanded, stdin: stdin)
    }

    /// The first line of `run`'s standard output as a JSON object.
    static func json(_ run: CLITestSupport.Run) throws -> [String: Any] {
        let line = try #require(run.stdout.split(separator: "\n").first, "no output; stderr: \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    /// The statuses of the signatures of every layer of a `verify --json` report.
    static func statuses(_ report: [String: Any]) -> [String] {
        let layers = report["layers"] as? [[String: Any]] ?? []
        return layers.flatMap { ($0["signatures"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String } }
    }
}

import Foundation

/// A short-lived `gpgsm` home that trusts the fixture's CA and holds Alice's key.
///
/// The path is kept short because gpg-agent's socket lives in it; `close()` stops the agent
/// before the directory goes.
final class GPGSMHome {
    let path: String
    let fixture: SMIMEFixture

    init(fixture: SMIMEFixture) throws {
        self.fixture = fixture
        var template = Array("/tmp/gs.XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw CocoaError(.fileWriteUnknown) }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        try Data("allow-loopback-pinentry\n".utf8).write(to: URL(fileURLWithPath: path + "/gpg-agent.conf"))
        let fingerprint = try fixture.require(["x509", "-in", "ca.pem", "-noout", "-fingerprint", "-sha1"])
        let hex = String(decoding: fingerprint.output, as: UTF8.self).split(separator: "=").last.map(String.init) ?? ""
        try Data("\(hex.trimmingCharacters(in: .whitespacesAndNewlines)) S\n".utf8)
            .write(to: URL(fileURLWithPath: path + "/trustlist.txt"))
        try gpgsm(["--import", "ca.pem"])
        try gpgsm(["--passphrase-fd", "0", "--import", "alice-legacy.p12"], input: Array("secret\n".utf8))
    }

    /// Runs `gpgsm` in this home, without CRL checks (the test CA publishes none).
    @discardableResult
    func gpgsm(_ arguments: [String], input: [UInt8] = []) throws -> SMIMEFixture.Run {
        try fixture.require(
            "gpgsm", ["--homedir", path, "--batch", "--disable-crl-checks", "--pinentry-mode", "loopback"] + arguments,
            input: input
        )
    }

    /// Stops the agent and deletes the home.
    func close() {
        _ = try? fixture.run("gpgconf", ["--homedir", path, "--kill", "all"])
        try? FileManager.default.removeItem(atPath: path)
    }
}

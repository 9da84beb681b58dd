import Foundation
import Testing

/// A short-lived GnuPG home for one test, driven through the `gpg` command line (the
/// independent peer). Its agent is stopped and its directory removed when the value goes.
final class GnuPGHome {
    /// What one `gpg` run printed.
    struct Run {
        let status: Int32
        let output: [UInt8]
        let errors: String

        var text: String { String(decoding: output, as: UTF8.self) }
    }

    let path: String

    init() throws {
        // Short paths under /tmp keep the agent's socket paths below the 107-byte limit.
        var template = Array("/tmp/gh.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw GnuPGHomeError(message: "mkdtemp failed")
        }
        path = String(cString: made)
        try "allow-loopback-pinentry\ndefault-cache-ttl 0\nmax-cache-ttl 0\n"
            .write(toFile: path + "/gpg-agent.conf", atomically: true, encoding: .utf8)
    }

    deinit {
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/usr/bin/gpgconf")
        kill.arguments = ["--homedir", path, "--kill", "all"]
        kill.standardOutput = FileHandle.nullDevice
        kill.standardError = FileHandle.nullDevice
        if (try? kill.run()) != nil { kill.waitUntilExit() }
        // The agent may still be removing its sockets while the directory is deleted, which
        // makes one removal fail part-way; a few more attempts finish the job.
        for _ in 0..<20 where FileManager.default.fileExists(atPath: path) {
            if (try? FileManager.default.removeItem(atPath: path)) == nil { usleep(50_000) }
        }
    }

    /// Runs `gpg --homedir <home> --batch <arguments>` with `input` on standard input.
    @discardableResult
    func gpg(_ arguments: [String], input: [UInt8] = [], expectSuccess: Bool = true) throws -> Run {
        let scratch = path + "/run-\(UUID().uuidString.prefix(8))"
        _ = FileManager.default.createFile(atPath: scratch + ".in", contents: Data(input))
        _ = FileManager.default.createFile(atPath: scratch + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch + ".err", contents: nil)
        defer {
            for suffix in [".in", ".out", ".err"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gpg")
        process.arguments = ["--homedir", path, "--batch", "--no-tty"] + arguments
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch + ".in"))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err"))
        try process.run()
        process.waitUntilExit()
        let run = Run(
            status: process.terminationStatus,
            output: Array(try Data(contentsOf: URL(fileURLWithPath: scratch + ".out"))),
            errors: String(decoding: try Data(contentsOf: URL(fileURLWithPath: scratch + ".err")), as: UTF8.self))
        if expectSuccess && run.status != 0 {
            throw GnuPGHomeError(message: "gpg \(arguments.joined(separator: " ")) failed: \(run.errors)")
        }
        return run
    }

    /// Writes `bytes` to a file `name` in the home and returns its path.
    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The key algorithms the tests use.
    enum KeyType {
        /// Ed25519 primary key with a Curve25519 encryption subkey.
        case curve25519
        /// RSA 2048 primary key with an RSA 2048 encryption subkey.
        case rsa
    }

    /// Generates a key for `userID` and returns its fingerprint. `fakedTime` (gpg's
    /// `--faked-system-time` form) and `expiry` (such as `1d`) make a key that has expired.
    @discardableResult
    func generateKey(
        _ userID: String, type: KeyType = .curve25519, passphrase: String = "", fakedTime: String? = nil,
        expiry: String = "0"
    ) throws -> String {
        let time = fakedTime.map { ["--faked-system-time", $0] } ?? []
        let secret = ["--pinentry-mode", "loopback", "--passphrase", passphrase]
        let (primary, sub) = type == .curve25519 ? ("ed25519", "cv25519") : ("rsa2048", "rsa2048")
        try gpg(time + secret + ["--quick-gen-key", userID, primary, "sign,cert", expiry])
        let fingerprint = try self.fingerprint(userID)
        try gpg(time + secret + ["--quick-add-key", fingerprint, sub, "encr", expiry])
        return fingerprint
    }

    /// The fingerprint of the primary key matching `userID`.
    func fingerprint(_ userID: String) throws -> String {
        let listing = try gpg(["--with-colons", "--list-keys", userID]).text
        guard let line = listing.split(separator: "\n").first(where: { $0.hasPrefix("fpr:") }) else {
            throw GnuPGHomeError(message: "no fingerprint for \(userID)")
        }
        return String(line.split(separator: ":", omittingEmptySubsequences: false)[9])
    }

    /// The armored public key of `userID`.
    func exportPublicKey(_ userID: String) throws -> [UInt8] {
        try gpg(["--armor", "--export", userID]).output
    }

    /// Imports `key` with gpg and marks it fully trusted, so its signatures count as valid.
    func importTrusted(_ key: [UInt8]) throws {
        try gpg(["--import"], input: key)
        let listing = try gpg(["--with-colons", "--import-options", "show-only", "--import"], input: key).text
        for line in listing.split(separator: "\n") where line.hasPrefix("fpr:") {
            let fingerprint = line.split(separator: ":", omittingEmptySubsequences: false)[9]
            try gpg(["--import-ownertrust"], input: Array("\(fingerprint):6:\n".utf8))
            break
        }
    }
}

struct GnuPGHomeError: Error, Sendable, CustomStringConvertible {
    let message: String
    var description: String { message }
}

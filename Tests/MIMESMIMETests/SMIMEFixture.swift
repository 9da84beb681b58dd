import Foundation
import MIMECrypto
import MIMESMIME
import Testing

/// Keys and certificates made with the `openssl` command for one test run, in a temporary
/// directory that is removed afterwards.
///
/// A CA (valid 2019–2045) issues: `alice` (RSA), `carol` (EC P-256), `bob` (RSA, another
/// recipient) and `dave` (RSA, valid only during 2020). `mallory` is self-signed, so no chain
/// leads from it to the CA. Each has `NAME.key` and `NAME.pem`; `alice.p12` holds Alice's key
/// and certificate under the password `secret` (`alice-legacy.p12` the same with RC2 and
/// 3DES, as older tools write it), and `alice-encrypted.key` her key encrypted with the same
/// password.
final class SMIMEFixture: Sendable {
    /// The fixture of the running test, provided by ``SMIMEFixtureTrait``.
    @TaskLocal static var current: SMIMEFixture?

    /// The temporary directory.
    let directory: String

    /// The output of one `openssl` run.
    struct Run {
        var status: Int32
        var output: [UInt8]
        var errors: String
    }

    init() throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("mimekit-smime.XXXXXX").path
        var path = Array(template.utf8CString)
        guard mkdtemp(&path) != nil else { throw CocoaError(.fileWriteUnknown) }
        directory = String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        try FileManager.default.createDirectory(atPath: self.path("newcerts"), withIntermediateDirectories: true)
        try write(Array("".utf8), to: "index.txt")
        try write(Array("1000\n".utf8), to: "serial")
        try write(Array(Self.configuration.utf8), to: "ca.cnf")
        try require(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-subj", "/CN=mimekit Test CA", "-out", "ca.csr"])
        try require([
            "ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile", "ca.key", "-in", "ca.csr", "-out", "ca.pem",
            "-startdate", "20190101000000Z", "-enddate", "20450101000000Z", "-extensions", "v3_ca", "-notext",
        ])
        try issue("alice", key: ["rsa:2048"], profile: "rsa_user")
        try issue("bob", key: ["rsa:2048"], profile: "rsa_user")
        try issue("carol", key: ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"], profile: "ec_user")
        try issue("dave", key: ["rsa:2048"], profile: "rsa_user", from: "20200101000000Z", until: "20210101000000Z")
        try require([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "mallory.key", "-out", "mallory.pem", "-days", "3650",
            "-subj", "/CN=Mallory/emailAddress=mallory@example.org",
            "-addext", "keyUsage=critical,digitalSignature,keyEncipherment", "-addext", "extendedKeyUsage=emailProtection",
        ])
        try require([
            "pkcs12", "-export", "-inkey", "alice.key", "-in", "alice.pem", "-certfile", "ca.pem",
            "-passout", "pass:secret", "-out", "alice.p12",
        ])
        try require([
            "pkcs12", "-export", "-legacy", "-inkey", "alice.key", "-in", "alice.pem", "-certfile", "ca.pem",
            "-passout", "pass:secret", "-out", "alice-legacy.p12",
        ])
        try require(["pkey", "-in", "alice.key", "-aes256", "-passout", "pass:secret", "-out", "alice-encrypted.key"])
    }

    /// Deletes the directory.
    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The full path of `name` in the directory.
    func path(_ name: String) -> String {
        directory + "/" + name
    }

    /// The contents of the file `name`.
    func bytes(_ name: String) throws -> [UInt8] {
        try Array(Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// Writes `bytes` to the file `name` and returns its path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    /// `name`'s key and certificate.
    func identity(_ name: String) throws -> SMIMEIdentity {
        try SMIMEIdentity(privateKeyPEM: bytes("\(name).key"), certificatePEM: bytes("\(name).pem"))
    }

    /// `name`'s certificate.
    func certificate(_ name: String) throws -> SMIMECertificate {
        try SMIMECertificate(pem: bytes("\(name).pem"))
    }

    /// Trust in the test CA alone.
    var trust: SMIMETrust { .pemFile(path("ca.pem")) }

    /// Runs `openssl` with `arguments` in the directory; its standard output is returned.
    @discardableResult
    func openssl(_ arguments: [String]) throws -> Run {
        try run("openssl", arguments)
    }

    /// Runs `tool` (found on the `PATH`) with `arguments` in the directory, `input` on its
    /// standard input; its standard output is returned.
    func run(_ tool: String, _ arguments: [String], input: [UInt8] = []) throws -> Run {
        let name = UUID().uuidString
        let inputPath = try write(input, to: "\(name).in")
        let outputPath = path("\(name).out")
        let errorPath = path("\(name).err")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer {
            for path in [inputPath, outputPath, errorPath] {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle(forReadingAtPath: inputPath)
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            output: try bytes("\(name).out"),
            errors: String(decoding: try bytes("\(name).err"), as: UTF8.self)
        )
    }

    /// Runs `openssl` and fails the test unless it succeeds.
    @discardableResult
    func require(_ arguments: [String]) throws -> Run {
        try require("openssl", arguments)
    }

    /// Runs `tool` and fails the test unless it succeeds.
    @discardableResult
    func require(_ tool: String, _ arguments: [String], input: [UInt8] = []) throws -> Run {
        let run = try run(tool, arguments, input: input)
        guard run.status == 0 else {
            throw FixtureError(command: ([tool] + arguments).joined(separator: " "), errors: run.errors)
        }
        return run
    }

    private func issue(_ name: String, key: [String], profile: String, from: String = "20200101000000Z", until: String = "20440101000000Z") throws {
        let subject = "/CN=\(name.capitalized)/emailAddress=\(name)@example.org"
        try require(["req", "-new", "-newkey"] + key + ["-nodes", "-keyout", "\(name).key", "-subj", subject, "-out", "\(name).csr"])
        try require([
            "ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-in", "\(name).csr",
            "-out", "\(name).pem", "-startdate", from, "-enddate", until, "-extensions", profile, "-notext",
        ])
    }

    /// A command failed.
    struct FixtureError: Error, CustomStringConvertible {
        var command: String
        var errors: String
        var description: String { "\(command) failed: \(errors)" }
    }

    private static let configuration = """
        [ ca ]
        default_ca = test_ca
        [ test_ca ]
        dir = .
        database = ./index.txt
        new_certs_dir = ./newcerts
        serial = ./serial
        default_md = sha256
        policy = policy_any
        unique_subject = no
        [ policy_any ]
        commonName = supplied
        emailAddress = optional
        [ v3_ca ]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        [ rsa_user ]
        basicConstraints = CA:FALSE
        keyUsage = critical,digitalSignature,nonRepudiation,keyEncipherment
        extendedKeyUsage = emailProtection
        subjectAltName = email:copy
        [ ec_user ]
        basicConstraints = CA:FALSE
        keyUsage = critical,digitalSignature,nonRepudiation,keyAgreement
        extendedKeyUsage = emailProtection
        subjectAltName = email:copy

        """
}

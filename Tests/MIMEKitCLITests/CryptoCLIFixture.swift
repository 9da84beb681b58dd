import Foundation
import Testing

/// Keys and certificates made with the `openssl` command for the CLI's crypto tests, in a
/// temporary directory removed afterwards.
///
/// A CA issues `alice` (RSA), `carol` (EC P-256) and `bob` (RSA), each valid for a year from
/// now. `alice-encrypted.key` is Alice's key under the password in `password.txt`, and
/// `alice.p12` her key and certificate under the same password.
final class CryptoCLIFixture: Sendable {
    /// The fixture of the running test, provided by ``CryptoCLIFixtureTrait``.
    @TaskLocal static var current: CryptoCLIFixture?

    /// The temporary directory.
    let directory: String

    /// The outcome of one tool run.
    struct Run {
        var status: Int32
        var output: [UInt8]
        var errors: String
    }

    init() throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/mimekit-cli.XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else { throw CocoaError(.fileWriteUnknown) }
        directory = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        try write(Array("secret\n".utf8), to: "password.txt")
        try write(Array("wrong\n".utf8), to: "wrong-password.txt")
        try write(Array("""
            basicConstraints = CA:FALSE
            keyUsage = critical,digitalSignature,keyEncipherment,keyAgreement
            extendedKeyUsage = emailProtection
            subjectAltName = email:copy

            """.utf8), to: "user.ext")
        try require(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650",
                     "-subj", "/CN=mimekit CLI Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                     "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        for (name, key) in [("alice", ["rsa:2048"]), ("bob", ["rsa:2048"]), ("carol", ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"])] {
            try require(["req", "-new", "-newkey"] + key + ["-nodes", "-keyout", "\(name).key", "-out", "\(name).csr",
                                                             "-subj", "/CN=\(name.capitalized)/emailAddress=\(name)@example.org"])
            try require(["x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                         "-days", "365", "-extfile", "user.ext", "-out", "\(name).pem"])
        }
        try require(["pkey", "-in", "alice.key", "-aes256", "-passout", "pass:secret", "-out", "alice-encrypted.key"])
        try require(["pkcs12", "-export", "-inkey", "alice.key", "-in", "alice.pem", "-passout", "pass:secret", "-out", "alice.p12"])
        // gpgsm 2.2 reads only the older PKCS#12 algorithms.
        try require(["pkcs12", "-export", "-legacy", "-inkey", "alice.key", "-in", "alice.pem", "-certfile", "ca.pem",
                     "-passout", "pass:secret", "-out", "alice-legacy.p12"])
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The full path of `name` in the directory.
    func path(_ name: String) -> String {
        directory + "/" + name
    }

    func bytes(_ name: String) throws -> [UInt8] {
        try Array(Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// Writes `bytes` to `name` and returns its full path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    /// Runs `openssl` with `arguments` in the directory.
    func openssl(_ arguments: [String]) throws -> Run {
        try run("openssl", arguments)
    }

    /// Runs `tool` (found on the `PATH`) with `arguments` in the directory, `input` on its
    /// standard input.
    func run(_ tool: String, _ arguments: [String], input: [UInt8] = []) throws -> Run {
        let name = UUID().uuidString
        let inputPath = try write(input, to: "\(name).stdin")
        let outputPath = path("\(name).stdout"), errorPath = path("\(name).stderr")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer {
            for path in [inputPath, outputPath, errorPath] { try? FileManager.default.removeItem(atPath: path) }
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
        return Run(status: process.terminationStatus, output: try bytes("\(name).stdout"),
                   errors: String(decoding: try bytes("\(name).stderr"), as: UTF8.self))
    }

    /// Runs `openssl` and throws unless it succeeds.
    @discardableResult
    func require(_ arguments: [String]) throws -> Run {
        try require("openssl", arguments)
    }

    /// Runs `tool` and throws unless it succeeds.
    @discardableResult
    func require(_ tool: String, _ arguments: [String], input: [UInt8] = []) throws -> Run {
        let run = try run(tool, arguments, input: input)
        guard run.status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(tool) \(arguments.joined(separator: " ")): \(run.errors)"])
        }
        return run
    }
}

/// Makes one ``CryptoCLIFixture`` for the suite it is applied to.
struct CryptoCLIFixtureTrait: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let fixture = try CryptoCLIFixture()
        defer { fixture.remove() }
        try await CryptoCLIFixture.$current.withValue(fixture) {
            try await function()
        }
    }
}

extension Trait where Self == CryptoCLIFixtureTrait {
    /// Keys and certificates made with `openssl`, shared by the suite.
    static var cryptoCLIFixture: Self { CryptoCLIFixtureTrait() }
}

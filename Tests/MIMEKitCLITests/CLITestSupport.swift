import Foundation
@testable import MIMEKit
@testable import MIMEKitCLI

enum CLITestSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = repositoryRoot.appendingPathComponent("Corpus")

    /// The built `mimekit` executable beside the test bundle, or in a folder above it (the
    /// sanitizer builds link one there). Only a file counts: a checkout in a folder named
    /// `mimekit` is above the bundle too, and is not the executable.
    static var executable: URL {
        let bundle = Bundle.main.bundleURL
        var directory = bundle.hasDirectoryPath ? bundle : bundle.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("mimekit")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/mimekit")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built `mimekit` with `arguments`, feeding `stdin` if given.
    static func run(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `dump --json` of `bytes`, as the CLI prints it (one line per message; an mbox when
    /// `mbox` is set or the input starts with `From `, as in the CLI).
    static func dumpJSON(_ bytes: [UInt8], mbox: Bool) -> String {
        let storage = ByteStorage(bytes)
        var options = MIMEParserOptions()
        options.mbox = mbox || MIMEParser.looksLikeMbox(storage)
        var out = ""
        MIMEParser.parseMessages(storage, options: options) { message in
            out += EntityJSON.message(message, index: message.index).serialized + "\n"
        }
        return out
    }

    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for (i, byte) in bytes.enumerated() {
            if byte == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) { out.append(0x0D) }
            out.append(byte)
        }
        return out
    }

    /// The project's own messages: `Corpus/{rfc,malformed,mbox}/*.{eml,mbox}`.
    static var corpusMessages: [URL] {
        var result: [URL] = []
        for folder in ["rfc", "malformed", "mbox"] {
            let dir = corpus.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".eml") || name.hasSuffix(".mbox") {
                result.append(dir.appendingPathComponent(name))
            }
        }
        return result
    }
}

import Foundation
@testable import MIMEKit

/// Runs Python's `email` package as an independent reader of what the builder writes.
enum PythonEmail {
    /// Runs `script` with `python3`, the bytes of `input` on standard input, and returns its
    /// standard output as a string (standard error is added when the script fails).
    static func run(_ script: String, input: [UInt8] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("python-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        // Write standard input on another thread: the script may fill its output pipe before
        // it has read all of its input.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw Failure(status: process.terminationStatus, output: text + errors)
        }
        return text
    }

    /// Decodes JSON written by a script into `T`.
    static func json<T: Decodable>(_ type: T.Type, _ script: String, input: [UInt8] = []) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try run(script, input: input).utf8))
    }

    /// A script that exited with a failure status.
    struct Failure: Error, CustomStringConvertible {
        var status: Int32
        var output: String
        var description: String { "python3 exited with \(status): \(output)" }
    }
}

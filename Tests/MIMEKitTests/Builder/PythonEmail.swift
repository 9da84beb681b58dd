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
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = Thread { _ = stderr.fileHandleForReading.readDataToEndOfFile() }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        _ = errors
        let text = String(decoding: output, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw PythonFailure(status: process.terminationStatus, output: text) }
        return text
    }

    /// Decodes JSON written by a script into `T`.
    static func json<T: Decodable>(_ type: T.Type, _ script: String, input: [UInt8] = []) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try run(script, input: input).utf8))
    }
}

struct PythonFailure: Error, CustomStringConvertible {
    var status: Int32
    var output: String
    var description: String { "python3 exited with \(status): \(output)" }
}

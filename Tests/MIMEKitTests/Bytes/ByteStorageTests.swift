import Foundation
import Testing
@testable import MIMEKit

@Suite struct ByteStorageTests {
    @Test func viewIndicesAreAbsoluteOffsets() {
        let storage = ByteStorage("Subject: hi\r\n")
        let view = storage.view(9..<11)
        #expect(view.startIndex == 9)
        #expect(view.utf8String == "hi")
        #expect(view[9] == UInt8(ascii: "h"))
    }

    @Test func mappedFileMatchesItsBytes() throws {
        let path = "/tmp/mimekit-storage-\(UInt32.random(in: 0...UInt32.max)).eml"
        let text = "From: a@example.org\n\nbody\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let storage = try ByteStorage(contentsOfFile: path)
        #expect(storage.all.utf8String == text)
    }

    @Test func missingFileNamesThePathAndTheReason() {
        #expect(throws: ByteStorageError.self) { try ByteStorage(contentsOfFile: "/nonexistent/x.eml") }
        do {
            _ = try ByteStorage(contentsOfFile: "/nonexistent/x.eml")
        } catch {
            #expect(error.description == "/nonexistent/x.eml: No such file or directory")
        }
    }

    @Test func directoryIsRefused() {
        #expect(throws: ByteStorageError.self) { try ByteStorage(contentsOfFile: "/tmp") }
    }
}

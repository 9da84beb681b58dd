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

    @Test func sharingStorageOutlivesTheOriginal() throws {
        let path = "/tmp/mimekit-storage-\(UInt32.random(in: 0...UInt32.max)).eml"
        let text = String(repeating: "From: a@example.org\n\nbody\n", count: 1000)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var original: ByteStorage? = try ByteStorage(contentsOfFile: path)
        weak let watched = original
        var first: ByteStorage? = ByteStorage(sharing: original!)
        #expect(first!.mappedBase != nil && first!.mappedBase == original!.mappedBase)
        original = nil
        // The original lives on in the storage that shares it, and its mapping with it:
        // reading after it was dropped would fault if the bytes had been unmapped.
        #expect(watched != nil)
        #expect(first!.all.utf8String == text)
        let second = ByteStorage(sharing: first!)
        first!.discard(0..<second.count)
        first = nil
        // Storage made by sharing never unmaps: `second` still reads after `first` went.
        #expect(watched != nil)
        #expect(second.count == text.utf8.count)
        #expect(second.all.utf8String == text)
    }

    @Test func sharingArrayStorage() {
        let storage = ByteStorage("Subject: hi\r\n")
        let shared = ByteStorage(sharing: storage)
        #expect(shared.mappedBase == nil)
        #expect(shared.view(9..<11).utf8String == "hi")
        #expect(shared.count == storage.count)
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

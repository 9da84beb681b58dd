import Foundation
import Testing
@testable import MIMEKit

@Suite struct Base64EncoderTests {
    @Test func matchesPythonForEveryLengthUpToFourLines() throws {
        var random = SplitMix64(state: 11)
        let inputs = (0...240).map { count in (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) } }
        let ours = inputs.map { Base64Encoder.encode($0) }
        let script = """
        import sys, json, base64
        for data in json.load(sys.stdin):
            print(base64.encodebytes(bytes(data)).decode().replace('\\n', '\\r\\n'), end='|')
        """
        let python = try PythonEmail.run(script, input: Array(try JSONEncoder().encode(inputs))).split(separator: "|", omittingEmptySubsequences: false)
        for (index, encoded) in ours.enumerated() {
            #expect(String(decoding: encoded, as: UTF8.self) == python[index], "\(index) bytes")
        }
    }

    @Test func linesAreSeventySixCharactersEndedByCRLF() {
        let encoded = Base64Encoder.encode([UInt8](repeating: 0xAB, count: 1000))
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.last == "")
        #expect(lines.dropLast().dropLast().allSatisfy { $0.count == 76 })
        #expect(lines[lines.count - 2].count == (1000 % 57 + 2) / 3 * 4)
        #expect(!encoded.contains(0x0A) || encoded.split(separator: 0x0A).allSatisfy { $0.last == 0x0D })
    }

    @Test func encodedCountIsExact() {
        for count in [0, 1, 2, 3, 56, 57, 58, 114, 1000, 4097] {
            let bytes = [UInt8](repeating: 7, count: count)
            #expect(Base64Encoder.encode(bytes).count == Base64Encoder.encodedCount(forInputCount: count), "\(count)")
        }
    }

    @Test func ourDecoderGivesTheInputBack() {
        var random = SplitMix64(state: 12)
        for _ in 0..<50 {
            let bytes = (0..<Int.random(in: 0...5000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let result = Base64Decoder.decode(Base64Encoder.encode(bytes))
            #expect(result == bytes, "\(bytes.count) bytes")
        }
    }

    @Test func emptyInputGivesNoLines() {
        #expect(Base64Encoder.encode([UInt8]()).isEmpty)
    }
}

import Foundation
import Testing
@testable import MIMEKit

/// Invariants every message must keep, over `Corpus/` and every message of the shared
/// corpus: events tile the input, any chunking gives the same events, and writing the
/// unmodified tree gives back the input byte for byte.
@Suite struct CorpusInvariantTests {
    static let messages = TestCorpus.allMessages

    private func options(for url: URL) -> MIMEParserOptions {
        var options = MIMEParserOptions()
        options.mbox = url.pathExtension == "mbox"
        return options
    }

    @Test func corpusIsThere() {
        #expect(Self.messages.count > 20, "expected Corpus/ messages and ../shared/corpus")
    }

    @Test(arguments: messages)
    func eventsTileTheInput(_ url: URL) throws {
        for bytes in [try TestCorpus.bytes(url), crlf(try TestCorpus.bytes(url))] {
            let ranges = coveredRanges(collectEvents(bytes, cuts: [], options: options(for: url)))
            var position = 0
            for range in ranges {
                #expect(range.lowerBound == position, "gap or overlap at \(position) in \(TestCorpus.name(url))")
                position = range.upperBound
            }
            #expect(position == bytes.count, "\(TestCorpus.name(url)) covered up to \(position) of \(bytes.count)")
        }
    }

    @Test(arguments: messages)
    func chunkingDoesNotChangeEvents(_ url: URL) throws {
        let bytes = try TestCorpus.bytes(url)
        let whole = collectEvents(bytes, cuts: [], options: options(for: url))
        let byteByByte = collectEvents(bytes, cuts: Array(0..<bytes.count), options: options(for: url))
        #expect(whole == byteByByte ? true : false, "\(TestCorpus.name(url)): one byte at a time differs: \(firstDifference(whole, byteByByte))")
        var generator = SplitMix(seed: UInt64(bytes.count))
        for _ in 0..<5 {
            let cuts = (0..<max(1, bytes.count / 50)).map { _ in Int(generator.next() % UInt64(max(bytes.count, 1))) }.sorted()
            let chunked = collectEvents(bytes, cuts: cuts, options: options(for: url))
            #expect(whole == chunked ? true : false, "\(TestCorpus.name(url)): random chunks differ: \(firstDifference(whole, chunked))")
        }
    }

    @Test(arguments: messages)
    func writingGivesBackTheInput(_ url: URL) throws {
        for bytes in [try TestCorpus.bytes(url), crlf(try TestCorpus.bytes(url))] {
            let storage = ByteStorage(bytes)
            var out: [UInt8] = []
            MIMEParser.parseMessages(storage, options: options(for: url)) { message in
                out += MIMEWriter.serialize(message)
            }
            let same = out == bytes
            let firstDifference = (0..<min(out.count, bytes.count)).first { out[$0] != bytes[$0] } ?? min(out.count, bytes.count)
            #expect(same, "\(TestCorpus.name(url)) does not round-trip: first difference at \(firstDifference), \(out.count) bytes written of \(bytes.count)")
        }
    }
}

private func firstDifference(_ a: [MIMEEvent], _ b: [MIMEEvent]) -> String {
    guard let i = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) else { return "counts \(a.count) and \(b.count)" }
    return "event \(i): \(a[i]) versus \(b[i])"
}

/// A small deterministic generator so failures reproduce.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

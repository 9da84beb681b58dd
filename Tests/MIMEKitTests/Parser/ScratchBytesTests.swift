import Testing
@testable import MIMEKit

@Suite struct ScratchBytesTests {
    /// Appends of every size, past several growths, and emptying or truncating in between, hold what an
    /// array given the same appends holds.
    @Test func holdsWhatAnArrayWouldHold() {
        var generator = SplitMix(seed: 64)
        var scratch = ScratchBytes()
        var expected: [UInt8] = []
        for round in 0..<2000 {
            if generator.next() % 5 == 0 {
                scratch.removeAll()
                expected.removeAll()
            } else if generator.next() % 4 == 0 {
                // Truncating past the end keeps everything.
                let length = Int(generator.next() % UInt64(expected.count + 10))
                scratch.truncate(to: length)
                expected = Array(expected.prefix(length))
            }
            let count = Int(generator.next() % (round % 100 == 0 ? 3000 : 40))
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if count == 1 && generator.next() % 2 == 0 {
                scratch.append(bytes[0])
            } else {
                bytes.withUnsafeBytes { scratch.append(contentsOf: $0) }
            }
            expected += bytes
            #expect(scratch.count == expected.count)
            #expect(scratch.withUnsafeBytes { Array($0) } == expected)
        }
    }
}

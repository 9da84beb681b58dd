import Testing
@testable import MIMEKitCLI

@Suite struct PageReleaserTests {
    static let block = PageReleaser.blockSize

    /// Stripes of `sizes` bytes cut from the start of an input of `count` bytes.
    static func stripes(count: Int, sizes: [Int]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var index = 0
        while start < count {
            let end = min(count, start + sizes[index % sizes.count])
            ranges.append(start..<end)
            start = end
            index += 1
        }
        return ranges
    }

    /// Finished in any order, the stripes give back every byte exactly once, by whole blocks
    /// (a block only once all of it was parsed), in calls of at least a batch but the last.
    @Test(arguments: [1, 5 * (2 << 20) + 12_345, 40 * (2 << 20), 17 * (2 << 20) - 1])
    func everyBlockGoesBackOnceWhenWhollyParsed(_ count: Int) {
        var generator = SystemRandomNumberGenerator()
        for sizes in [[4 << 20], [1_000_003, 3 << 20, 77], [Self.block], [256 << 10, 5 << 20]] {
            var stripes = Self.stripes(count: count, sizes: sizes)
            stripes.shuffle(using: &generator)
            var releaser = PageReleaser(count: count)
            var parsed: [Range<Int>] = []
            var given: [Range<Int>] = []
            for (index, stripe) in stripes.enumerated() {
                #expect(!releaser.isFinished)
                parsed.append(stripe)
                let ranges = releaser.parsed(stripe)
                let last = index == stripes.count - 1
                if !ranges.isEmpty && !last {
                    #expect(ranges.reduce(0) { $0 + $1.count } >= PageReleaser.batchSize)
                }
                for range in ranges {
                    // Whole blocks (the input's end ends the last one), every byte parsed.
                    #expect(range.lowerBound % Self.block == 0)
                    #expect(range.upperBound % Self.block == 0 || range.upperBound == count)
                    for start in stride(from: range.lowerBound, to: range.upperBound, by: Self.block) {
                        let blockRange = start..<min(start + Self.block, count)
                        let covered = parsed.reduce(0) { $0 + $1.clamped(to: blockRange).count }
                        #expect(covered == blockRange.count, "block at \(start) given back with \(covered) bytes parsed")
                    }
                }
                given += ranges
            }
            #expect(releaser.isFinished)
            given.sort { $0.lowerBound < $1.lowerBound }
            var next = 0
            for range in given {
                #expect(range.lowerBound == next, "bytes given back twice or never at \(next)")
                next = range.upperBound
            }
            #expect(next == count)
        }
    }

    @Test func aRangeParsedTwiceIsNotCountedTwiceSilently() async {
        await #expect(processExitsWith: .failure) {
            var releaser = PageReleaser(count: 4 << 20)
            _ = releaser.parsed(0..<100)
            _ = releaser.parsed(0..<(2 << 20))
        }
    }
}

/// Bytes of the input read as one sequence although they lie in several ranges: the whole
/// input is one range, a packet body sent with partial body lengths is one range a chunk.
///
/// Positions are logical (0 up to `count`); `absolute(_:)` and `absoluteRanges(_:)` turn them
/// back into offsets in the caller's input. Valid only while `buffer` is.
struct SegmentedBytes {
    /// The whole input.
    let buffer: UnsafeRawBufferPointer
    /// The offset of `buffer[0]` in the caller's numbering (a `ByteView`'s start, or 0).
    let baseOffset: Int
    /// The ranges of `buffer`, in order, that make up these bytes.
    let segments: [Range<Int>]
    /// The logical position at which each segment starts.
    private let starts: [Int]
    /// The number of bytes over all segments.
    let count: Int

    init(buffer: UnsafeRawBufferPointer, baseOffset: Int, segments: [Range<Int>]) {
        self.buffer = buffer
        self.baseOffset = baseOffset
        self.segments = segments
        var starts: [Int] = []
        starts.reserveCapacity(segments.count)
        var total = 0
        for segment in segments {
            starts.append(total)
            total += segment.count
        }
        self.starts = starts
        self.count = total
    }

    /// The index of the segment holding logical `position` (the last one for `count`).
    private func segmentIndex(_ position: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= position { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The byte at logical `position` (which must be below `count`).
    subscript(position: Int) -> UInt8 {
        if segments.count == 1 { return buffer[segments[0].lowerBound + position] }
        let index = segmentIndex(position)
        return buffer[segments[index].lowerBound + position - starts[index]]
    }

    /// The offset in the caller's numbering of logical `position`.
    func absolute(_ position: Int) -> Int {
        guard !segments.isEmpty else { return baseOffset }
        let index = segmentIndex(position)
        return baseOffset + segments[index].lowerBound + position - starts[index]
    }

    /// The buffer ranges that hold the logical `range`, in order.
    func bufferRanges(_ range: Range<Int>) -> [Range<Int>] {
        guard !range.isEmpty else { return [] }
        var result: [Range<Int>] = []
        var index = segmentIndex(range.lowerBound)
        var position = range.lowerBound
        while position < range.upperBound {
            let segment = segments[index]
            let start = segment.lowerBound + position - starts[index]
            let take = min(segment.upperBound - start, range.upperBound - position)
            if take > 0 { result.append(start..<(start + take)) }
            position += take
            index += 1
        }
        return result
    }

    /// The ranges, in the caller's numbering, that hold the logical `range`.
    func absoluteRanges(_ range: Range<Int>) -> [Range<Int>] {
        bufferRanges(range).map { ($0.lowerBound + baseOffset)..<($0.upperBound + baseOffset) }
    }

    /// The logical `range` as its own sequence.
    func slice(_ range: Range<Int>) -> SegmentedBytes {
        SegmentedBytes(buffer: buffer, baseOffset: baseOffset, segments: bufferRanges(range))
    }

    /// A copy of the logical `range`.
    func copy(_ range: Range<Int>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(range.count)
        for piece in bufferRanges(range) { result.append(contentsOf: buffer[piece]) }
        return result
    }
}

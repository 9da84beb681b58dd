/// Which pages of an mbox that threads parse in stripes can go back to the system, and when.
///
/// Giving back each stripe's pages as its thread finished it cost `stat --jobs 2` 3–5% of
/// its CPU time on `mixed.mbox`, against not giving pages back at all: each `madvise` makes
/// the kernel interrupt the other thread's core to flush its TLB (an exit to the hypervisor
/// on a VM), and a stripe ends anywhere, so each call also split the 2 MiB mappings of the
/// page cache's large folios at both its ends, which the neighbouring stripe's thread then
/// faulted back in as small pages. So pages go back by whole 2 MiB blocks, once every byte of
/// a block has been parsed, whichever threads parsed it, in batches of at least 32 MiB.
///
/// Batches of 8 MiB (34 calls on `mixed.mbox` instead of 85, none of them splitting a
/// mapping) still cost `stat --jobs 2` of `small.mbox` 14 TLB shoot-downs a run; batches of
/// 32 MiB cost 4, and 3.5% less CPU time (median of 120 alternated rounds, 0.1341 → 0.1294 s;
/// `mixed.mbox`, 60 rounds, 0.1873 → 0.1831), most of what giving back nothing saves. Resident
/// memory stays bounded: a batch, plus the blocks the stripes in progress share (`stat --jobs 2`
/// of eight copies of `mixed.mbox`, 2.4 GB: 29 MB with batches of 8 MiB, 50 MB with 32).
struct PageReleaser {
    /// The block: the size of a large folio mapped by one page-table entry on x86-64.
    static let blockSize = 2 << 20
    /// The least a call gives back, but for the last.
    static let batchSize = 32 << 20

    /// The bytes of the input.
    let count: Int
    /// Bytes parsed in each block.
    private var parsed: [Int32]
    /// Blocks not yet parsed whole.
    private var unfinished: Int
    /// Whole blocks not yet given back, as ranges of block indices.
    private var pending: [Range<Int>] = []
    /// Their bytes.
    private var pendingBytes = 0

    init(count: Int) {
        self.count = count
        let blocks = (count + Self.blockSize - 1) / Self.blockSize
        parsed = Array(repeating: 0, count: blocks)
        unfinished = blocks
    }

    /// Whether every byte has been parsed (and so given back).
    var isFinished: Bool { unfinished == 0 }

    /// Records that `range` has been parsed; returns the byte ranges to give back now.
    mutating func parsed(_ range: Range<Int>) -> [Range<Int>] {
        guard !range.isEmpty else { return [] }
        for block in range.lowerBound / Self.blockSize...(range.upperBound - 1) / Self.blockSize {
            let start = block * Self.blockSize
            let end = min(start + Self.blockSize, count)
            parsed[block] += Int32(min(end, range.upperBound) - max(start, range.lowerBound))
            precondition(parsed[block] <= end - start, "a range was parsed twice")
            if Int(parsed[block]) == end - start {
                unfinished -= 1
                add(block)
                pendingBytes += end - start
            }
        }
        guard pendingBytes >= Self.batchSize || unfinished == 0 else { return [] }
        let ranges = pending.map { $0.lowerBound * Self.blockSize..<min($0.upperBound * Self.blockSize, count) }
        pending = []
        pendingBytes = 0
        return ranges
    }

    /// Adds `block` to the pending blocks, joining it to a neighbouring run.
    private mutating func add(_ block: Int) {
        if let index = pending.firstIndex(where: { $0.upperBound == block }) {
            pending[index] = pending[index].lowerBound..<block + 1
            if let next = pending.firstIndex(where: { $0.lowerBound == block + 1 }) {
                pending[index] = pending[index].lowerBound..<pending[next].upperBound
                pending.remove(at: next)
            }
        } else if let index = pending.firstIndex(where: { $0.lowerBound == block + 1 }) {
            pending[index] = block..<pending[index].upperBound
        } else {
            pending.append(block..<block + 1)
        }
    }
}

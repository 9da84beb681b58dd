/// One value per worker thread; thread `i` touches only value `i` while the threads run.
///
/// Each value starts on a 128-byte boundary and no two share a 128-byte block: laid side by
/// side, two threads' values shared a cache line, which bounced between the cores at every
/// update (`stat` counts every entity; `scan` appends every message's report).
final class PerThread<Value>: @unchecked Sendable {
    private static var stride: Int { (MemoryLayout<Value>.stride + 127) & ~127 }
    private let base: UnsafeMutableRawPointer
    let count: Int

    init(count: Int, _ initial: () -> Value) {
        self.count = count
        base = .allocate(byteCount: Self.stride * count, alignment: 128)
        for index in 0..<count {
            (base + index * Self.stride).initializeMemory(as: Value.self, repeating: initial(), count: 1)
        }
    }

    /// Value `index`; only thread `index` may use it while threads run.
    subscript(index: Int) -> UnsafeMutablePointer<Value> {
        (base + index * Self.stride).assumingMemoryBound(to: Value.self)
    }

    deinit {
        for index in 0..<count { self[index].deinitialize(count: 1) }
        base.deallocate()
    }
}

#if canImport(Glibc)
import Glibc
#endif
import MIMEKit

extension MessageSource {
    /// Calls `work` for every message on `jobs` threads, and `emit` with each result and the
    /// index of its message's file in `inputs`, in input order and one call at a time.
    ///
    /// Results are handed on as soon as every message before them has been, not gathered for
    /// the whole input: a thread keeps the results of the unit it is parsing (a file, or a
    /// stripe of an mbox), and a finished unit waits only for the units before it. So memory
    /// holds the results of the units in flight, whatever the number of messages. (`scan`
    /// once kept a report for every message until the end: 97 MB resident for 1 GB of small
    /// mail, past 100 MiB for 2 GiB.) `emit` runs on whichever thread finished the next
    /// unit, while the others go on parsing. When `emit` is slow (a reader that does not keep
    /// up with the output), a thread that has finished a unit waits while more than
    /// `waitingLimit` (default 4 a job) finished units wait to be emitted, so they cannot pile
    /// up either. Returns how many files could not be read (reported on stderr), as
    /// `forEachMessageConcurrently` does, and the most units that waited at once (for tests).
    @discardableResult
    func forEachMessageInOrder<Result: Sendable>(jobs: Int, waitingLimit: Int? = nil,
                                                 _ work: @Sendable (MIMEMessage) -> Result,
                                                 emit: @Sendable (Result, _ input: Int) -> Void)
        throws -> (failures: Int, mostWaiting: Int) {
        if jobs <= 1 {
            return (try forEachMessage { message, input in emit(work(message), input) }, 0)
        }
        let inFlight = PerThread<[Result]>(count: jobs) { [] }
        let finished = Locked(FinishedUnits<Result>())
        // Held by the thread that is emitting; the others leave their units to it.
        let emitting = Locked(())
        // Emits the finished units that are next in order, unless another thread is at it. A
        // thread that finds the lock taken relies on its holder to look again after letting
        // go of it, so a unit finished meanwhile is not left behind.
        @Sendable func drain() {
            repeat {
                let emitted: Void? = emitting.withLockIfAvailable { _ in
                    while let (input, results) = finished.withLock({ $0.takeNext() }) {
                        for result in results { emit(result, input) }
                    }
                }
                if emitted == nil { return }
            } while finished.withLock { $0.nextIsReady }
        }
        let limit = waitingLimit ?? 4 * jobs
        let failures = try forEachMessageConcurrently(jobs: jobs, unitDone: { worker, sequence, input in
            let results = inFlight[worker].pointee
            inFlight[worker].pointee = []
            finished.withLock { $0.add(sequence: sequence, input: input, results: results) }
            drain()
            // This thread holds no unit now, so the one the emitter waits for is in another
            // thread's hands (or already here): waiting cannot block it.
            while finished.withLock({ $0.count }) > limit {
                usleep(200)
                drain()
            }
        }) { worker, message in
            inFlight[worker].pointee.append(work(message))
        }
        drain()
        return (failures, finished.withLock { $0.mostWaiting })
    }
}

/// Units whose results wait for the units before them, by their place in the input.
///
/// An array from the next unit in order on, not a dictionary by place: the first dictionary
/// keyed by `Int` in a process costs the runtime a look-up of `Int: Hashable` through every
/// protocol conformance of the binary (~0.12 M instructions), which `scan` of one message
/// would pay for nothing.
struct FinishedUnits<Result> {
    /// Slot `i` holds the unit at place `next + i`, once finished.
    private var waiting: [(input: Int, results: [Result])?] = []
    private var next = 0
    /// How many units wait.
    private(set) var count = 0
    /// The most units that ever waited at once (for tests).
    private(set) var mostWaiting = 0

    mutating func add(sequence: Int, input: Int, results: [Result]) {
        let slot = sequence - next
        precondition(slot >= 0, "a unit finished twice")
        if slot >= waiting.count { waiting.append(contentsOf: repeatElement(nil, count: slot + 1 - waiting.count)) }
        precondition(waiting[slot] == nil, "a unit finished twice")
        waiting[slot] = (input, results)
        count += 1
        mostWaiting = max(mostWaiting, count)
    }

    /// Whether the next unit in order has finished.
    var nextIsReady: Bool { waiting.first.map { $0 != nil } ?? false }

    /// The next unit in order, if it has finished.
    mutating func takeNext() -> (input: Int, results: [Result])? {
        guard let first = waiting.first, let unit = first else { return nil }
        waiting.removeFirst()
        next += 1
        count -= 1
        return unit
    }
}

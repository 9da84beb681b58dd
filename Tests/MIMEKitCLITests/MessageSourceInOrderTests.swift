import Foundation
import MIMEKit
import Synchronization
import Testing
@testable import MIMEKitCLI

@Suite struct MessageSourceInOrderTests {
    /// Writes an mbox of small messages, a little over twice `WorkQueue.stripeSize` (so that
    /// two jobs share several stripes), calls `body` with its path and message count, and
    /// removes it.
    func withMbox(_ body: (String, Int) throws -> Void) throws {
        var text = ""
        var count = 0
        while text.utf8.count < 2 * MessageSource.WorkQueue.stripeSize + 300_000 {
            text += "From sender\(count)@example.org Mon Nov 30 12:00:00 2026\n"
            text += "Subject: message \(count)\nContent-Type: text/plain\n\nline of message \(count)\n\n"
            count += 1
        }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("mimekit-in-order-\(UUID().uuidString).mbox").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path, count)
    }

    /// The messages' offsets as `forEachMessageInOrder` hands them on with `jobs` threads.
    func offsets(_ path: String, jobs: Int) throws -> [Int] {
        let source = try MessageSource(path: path, forceMbox: false)
        let emitted = Locked<[Int]>([])
        let (failures, _) = try source.forEachMessageInOrder(jobs: jobs) { message in
            message.range.lowerBound
        } emit: { offset, input in
            #expect(input == 0)
            emitted.withLock { $0.append(offset) }
        }
        #expect(failures == 0)
        return emitted.withLock { $0 }
    }

    /// Every message once, in the order of the input, for any number of threads.
    @Test func inInputOrderForAnyJobs() throws {
        try withMbox { path, count in
            let one = try offsets(path, jobs: 1)
            #expect(one.count == count)
            #expect(zip(one, one.dropFirst()).allSatisfy { $0 < $1 })
            for jobs in [2, 3, 8] {
                #expect(try offsets(path, jobs: jobs) == one, "jobs \(jobs)")
            }
        }
    }

    /// Results are handed on while the input is still being parsed, not at its end: the work
    /// on the last message waits (up to a minute) until a result has been emitted. The
    /// thread that took the first stripe finishes it and emits it whatever the others do,
    /// since the last message is in another stripe; an implementation that kept every
    /// result until all messages were parsed would wait here for the whole minute, and fail.
    @Test func emitsBeforeTheLastMessageIsParsed() throws {
        try withMbox { path, count in
            let source = try MessageSource(path: path, forceMbox: false)
            let lastOffset = try #require(try offsets(path, jobs: 1).last)
            let emitted = Atomic<Int>(0)
            let sawEmission = Atomic<Bool>(false)
            let (failures, _) = try source.forEachMessageInOrder(jobs: 2) { message in
                if message.range.lowerBound == lastOffset {
                    let deadline = ContinuousClock.now + .seconds(60)
                    while emitted.load(ordering: .acquiring) == 0 && ContinuousClock.now < deadline {
                        usleep(1000)
                    }
                    sawEmission.store(emitted.load(ordering: .acquiring) > 0, ordering: .relaxed)
                }
                return 0
            } emit: { _, _ in
                emitted.add(1, ordering: .releasing)
            }
            let waitedForNothing = sawEmission.load(ordering: .relaxed)
            let total = emitted.load(ordering: .relaxed)
            #expect(failures == 0)
            #expect(waitedForNothing)
            #expect(total == count)
        }
    }

    /// A slow reader of the results holds the threads back rather than letting finished units
    /// pile up: with at most `limit` waiting before a thread that finished one waits too, no
    /// more than `limit` plus one a thread ever wait at once. (Without the limit the ~20 units
    /// of this mbox all finish long before the slow emission reaches them.)
    @Test func aSlowReaderHoldsTheThreadsBack() throws {
        try withMbox { path, count in
            let source = try MessageSource(path: path, forceMbox: false)
            let emitted = Atomic<Int>(0)
            let (failures, mostWaiting) = try source.forEachMessageInOrder(jobs: 2, waitingLimit: 1) { message in
                message.range.lowerBound
            } emit: { _, _ in
                // ~2.7 s of emitting in all, several times the parsing.
                if emitted.add(1, ordering: .relaxed).newValue % 50 == 0 { usleep(1_500) }
            }
            let total = emitted.load(ordering: .relaxed)
            #expect(failures == 0)
            #expect(total == count)
            #expect(mostWaiting <= 1 + 2, "\(mostWaiting) units waited at once")
        }
    }

    /// Units finished out of order come out in order, each once it and all before it are in.
    @Test func finishedUnitsWaitForTheOnesBefore() {
        var units = FinishedUnits<String>()
        #expect(!units.nextIsReady)
        units.add(sequence: 2, input: 1, results: ["c"])
        units.add(sequence: 1, input: 0, results: ["b1", "b2"])
        #expect(!units.nextIsReady)
        #expect(units.takeNext() == nil)
        units.add(sequence: 0, input: 0, results: [])
        var taken: [(Int, [String])] = []
        while let unit = units.takeNext() { taken.append((unit.input, unit.results)) }
        #expect(taken.map(\.0) == [0, 0, 1])
        #expect(taken.map(\.1) == [[], ["b1", "b2"], ["c"]])
        #expect(!units.nextIsReady)
        units.add(sequence: 3, input: 2, results: ["d"])
        #expect(units.nextIsReady)
    }
}

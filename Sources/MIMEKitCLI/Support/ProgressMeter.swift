#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// A progress line on stderr for long runs: messages, bytes, rate and, when the input's
/// size is known, the time left. Shown only when stderr is a terminal.
final class ProgressMeter: Sendable {
    private let messages = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let totalBytes: Int?
    private let start = DispatchTime.now().uptimeNanoseconds
    // Set once in init and cancelled once in finish, both on the calling thread.
    nonisolated(unsafe) private var timer: (any DispatchSourceTimer)?
    private let shown = Atomic<Bool>(false)

    /// A meter that redraws every half second, or nil when stderr is not a terminal or
    /// `quiet` is set.
    static func start(totalBytes: Int?, quiet: Bool) -> ProgressMeter? {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        return ProgressMeter(totalBytes: totalBytes)
    }

    private init(totalBytes: Int?) {
        self.totalBytes = totalBytes
        let source = DispatchSource.makeTimerSource(queue: .global())
        source.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(500))
        source.setEventHandler { [weak self] in self?.draw() }
        timer = source
        source.resume()
    }

    /// Counts one message of `size` bytes.
    func add(messageBytes size: Int) {
        messages.add(1, ordering: .relaxed)
        bytes.add(size, ordering: .relaxed)
    }

    /// Stops redrawing and clears the line.
    func finish() {
        timer?.cancel()
        timer = nil
        if shown.load(ordering: .relaxed) { Self.write("\r\u{1B}[K") }
    }

    private func draw() {
        let done = bytes.load(ordering: .relaxed)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var line = "\r\u{1B}[K\(messages.load(ordering: .relaxed)) messages, \(Self.megabytes(done)) MB, \(Self.megabytes(Int(rate))) MB/s"
        if let totalBytes, rate > 0, totalBytes > done {
            line += ", \(Int(Double(totalBytes - done) / rate)) s left"
        }
        shown.store(true, ordering: .relaxed)
        Self.write(line)
    }

    private static func megabytes(_ bytes: Int) -> String { String(bytes / 1_000_000) }

    private static func write(_ text: String) {
        _ = text.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
    }
}

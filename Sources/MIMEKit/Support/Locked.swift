#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value that threads share, behind a pthread mutex: the CLI's `--jobs` workers, the
/// scanner's caches, and the concurrency tests (visible to every module of the package, not
/// to its users).
///
/// Not `Synchronization.Mutex`: on Linux a contended `Mutex` is handed from thread to thread
/// inside the kernel (a priority-inheritance futex, in the uninstrumented Synchronization
/// library), where ThreadSanitizer cannot see it, so `make tsan` reported every access such a
/// lock orders as a race. ThreadSanitizer intercepts pthread mutexes, so what it reports
/// about state behind this lock is a real race.
package final class Locked<Value: ~Copyable>: @unchecked Sendable {
    // Safety: `value` is read and written only in `withLock`, with `mutex` held.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    package init(_ value: consuming Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Calls `body` with the value while holding the lock.
    package func withLock<Result, E: Error>(_ body: (inout Value) throws(E) -> Result) throws(E) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }

    /// Calls `body` with the value if the lock is free, and returns its result; returns nil
    /// at once, without calling `body`, if another thread holds the lock.
    package func withLockIfAvailable<Result, E: Error>(_ body: (inout Value) throws(E) -> Result) throws(E) -> Result? {
        guard pthread_mutex_trylock(mutex) == 0 else { return nil }
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

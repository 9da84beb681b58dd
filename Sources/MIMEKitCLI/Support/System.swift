#if canImport(Glibc)
import Glibc
#endif

/// Facts about the machine the CLI runs on.
enum System {
    /// The number of processors available to this process.
    static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

#if canImport(Glibc)
import Glibc
#endif

/// What the CPU this process runs on offers the package's vector code, read once.
enum CPUFeatures {
    /// Whether AVX2 instructions can run here: the CPU has them and the OS saves the `ymm`
    /// registers.
    ///
    /// glibc (2.33 and later) exports the table of CPU features it builds at startup, which
    /// `<sys/platform/x86.h>` reads with `CPU_FEATURE_ACTIVE`; "active" already folds in the
    /// OS's XCR0 check, which a bare `cpuid` would leave to us (and Swift has no `cpuid`).
    /// Looked up with `dlsym` rather than declared, so that an older glibc, or another libc,
    /// means "no AVX2" instead of a link error.
    static let avx2: Bool = {
        #if arch(x86_64) && canImport(Glibc)
        // nil is RTLD_DEFAULT: search the process's global scope.
        guard let symbol = dlsym(nil, "__x86_get_cpuid_feature_leaf") else { return false }
        // `const struct cpuid_feature *__x86_get_cpuid_feature_leaf(unsigned int index)`, where
        // the index is glibc's CPUID_INDEX_7 = 1 (not the leaf number 7), and the struct is
        // `unsigned int cpuid_array[4], active_array[4]`, each eax, ebx, ecx, edx. AVX2 is bit
        // 5 of leaf 7's ebx.
        typealias FeatureLeaf = @convention(c) (UInt32) -> UnsafePointer<UInt32>?
        let featureLeaf = unsafeBitCast(symbol, to: FeatureLeaf.self)
        guard let leaf7 = featureLeaf(1) else { return false }
        return leaf7[4 + 1] & (1 << 5) != 0
        #else
        return false
        #endif
    }()
}

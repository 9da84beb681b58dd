import Foundation
import Testing
@testable import MIMEKit

@Suite struct CPUFeaturesTests {
    @Test(.enabled(if: FileManager.default.isReadableFile(atPath: "/proc/cpuinfo"), "no /proc/cpuinfo to compare with"))
    func avx2AgreesWithTheKernel() throws {
        // Linux lists `avx2` among a CPU's flags only when it has the instructions and the
        // kernel saves their registers: what glibc's "active" bit says too.
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = try #require(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") })
        #expect(CPUFeatures.avx2 == flags.split(separator: " ").contains("avx2"))
    }
}

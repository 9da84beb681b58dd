#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state one build carries: its options and its random source.
struct BuildContext {
    let options: MIMEBuildOptions
    private var state: UInt64
    private let seeded: Bool

    init(options: MIMEBuildOptions) {
        self.options = options
        self.seeded = options.seed != nil
        self.state = options.seed ?? 0
    }

    /// The next random 64 bits: SplitMix64 over the seed, or the system generator.
    mutating func next() -> UInt64 {
        guard seeded else {
            var system = SystemRandomNumberGenerator()
            return system.next()
        }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` random characters from a base-32 alphabet of digits and lower-case letters.
    mutating func randomToken(_ count: Int) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)
        var out: [UInt8] = []
        var bits: UInt64 = 0
        for i in 0..<count {
            if i % 12 == 0 { bits = next() }
            out.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A boundary (RFC 2046 section 5.1.1) that occurs in none of `contents`.
    ///
    /// It starts with `=_`, which neither base64 nor quoted-printable output can contain,
    /// and carries 120 random bits; it is still checked against the content it will delimit.
    mutating func boundary(avoiding contents: [[UInt8]]) -> String {
        while true {
            let candidate = "=_" + randomToken(24)
            let bytes = Array(candidate.utf8)
            if !contents.contains(where: { Self.contains($0, bytes) }) { return candidate }
        }
    }

    /// A Message-ID value, brackets included (RFC 5322 section 3.6.4).
    mutating func messageID() -> String {
        "<\(randomToken(26))@\(options.messageIDDomain ?? Self.hostName)>"
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                guard let base = h.baseAddress, let first = n.first, h.count >= n.count else { return false }
                let lastStart = h.count - n.count
                var start = 0
                while start <= lastStart, let found = memchr(base + start, Int32(first), lastStart - start + 1) {
                    let offset = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(base + offset, n.baseAddress!, n.count) == 0 { return true }
                    start = offset + 1
                }
                return false
            }
        }
    }

    private static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}

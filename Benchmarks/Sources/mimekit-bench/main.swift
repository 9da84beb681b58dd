// mimekit-bench: times one MIMEKit workload over a generated input and prints MB/s, for the
// figures `mimekit` has no mode for (the event layer alone, the decoders alone). compare.py
// runs it; by hand, after `python3 Benchmarks/generate-corpus.py`:
//
//     swift build -c release --package-path Benchmarks --product mimekit-bench
//     Benchmarks/.build/release/mimekit-bench events Benchmarks/data/mixed.mbox
//     Benchmarks/.build/release/mimekit-bench base64 Benchmarks/data/large.eml --repeat 7
//
// Workloads: events, tree, decode (tree + every leaf decoded), headers (Content-Type of every
// entity, Subject with RFC 2047), base64, qp.
// --warm maps the file once and times only the work; by default each repeat maps the file
// afresh, as `mimekit` does. base64 and qp time the decoder alone over the file's bodies of
// that encoding, gathered into memory first (`--limit BYTES`: only the first BYTES of them). The best repeat is printed (MB = 10^6 bytes),
// by wall clock (MB/s) and by this process's CPU time (MB/s-cpu), which on a shared machine
// leaves out the time other processes held the core.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BenchmarkInputs
import MIMEKit

func now(_ clock: clockid_t = CLOCK_MONOTONIC) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// `value` with `digits` decimals, without Foundation.
func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = scaled / Int(scale), fraction = scaled % Int(scale)
    guard digits > 0 else { return String(whole) }
    let text = String(fraction)
    return "\(whole)." + String(repeating: "0", count: digits - text.count) + text
}

func fail(_ message: String) -> Never {
    let line = Array("mimekit-bench: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 5
var warm = false
if let i = arguments.firstIndex(of: "--repeat"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) {
    repeats = max(1, n)
    arguments.removeSubrange(i...(i + 1))
}
/// base64 and qp: decode only the first N bytes of the bodies (a few hundred KiB stay in the
/// caches, so the decoder is timed without the memory it reads from).
var limit = 256 << 20
if let i = arguments.firstIndex(of: "--limit"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) {
    limit = max(1, n)
    arguments.removeSubrange(i...(i + 1))
}
if let i = arguments.firstIndex(of: "--warm") {
    warm = true
    arguments.remove(at: i)
}
guard arguments.count == 2 else {
    fail("usage: mimekit-bench events|tree|decode|headers|base64|qp FILE [--repeat N] [--warm] [--limit BYTES]")
}
let workload = arguments[0], path = arguments[1]

func load() -> ByteStorage {
    do { return try ByteStorage(contentsOfFile: path) } catch { fail(error.description) }
}

let probe = load()
var options = MIMEParserOptions()
options.mbox = MIMEParser.looksLikeMbox(probe)

/// Runs `body` `repeats` times and returns the best wall time and the best CPU time (this
/// process's, user and system: on a loaded machine it leaves out the time other processes
/// held the core).
func best(_ repeats: Int, _ body: () -> String) -> (seconds: Double, cpuSeconds: Double, summary: String) {
    var fastest = Double.infinity, leastCPU = Double.infinity
    var summary = ""
    for _ in 0..<repeats {
        let start = now(), cpu = now(CLOCK_PROCESS_CPUTIME_ID)
        summary = body()
        fastest = min(fastest, now() - start)
        leastCPU = min(leastCPU, now(CLOCK_PROCESS_CPUTIME_ID) - cpu)
    }
    return (fastest, leastCPU, summary)
}

let bytes: Int
let result: (seconds: Double, cpuSeconds: Double, summary: String)
switch workload {
case "events", "tree", "decode", "headers":
    let work: (ByteStorage, MIMEParserOptions) -> Workloads.Tally = switch workload {
    case "events": Workloads.events
    case "tree": Workloads.tree
    case "decode": Workloads.treeAndDecode
    default: Workloads.headers
    }
    bytes = probe.count
    result = best(repeats) { (warm ? work(probe, options) : work(load(), options)).description }
case "base64", "qp":
    let encoding: TransferEncoding = workload == "base64" ? .base64 : .quotedPrintable
    let input = Workloads.bodies(of: probe, options: options, encoding: encoding, limit: limit)
    guard !input.isEmpty else { fail("\(path) has no \(workload) bodies") }
    bytes = input.count
    result = input.withUnsafeBytes { raw in
        best(repeats) {
            let written = workload == "base64"
                ? Workloads.decode(Base64Decoder.self, raw) : Workloads.decode(QuotedPrintableDecoder.self, raw)
            return "decoded \(written)"
        }
    }
default:
    fail("unknown workload \(workload)")
}
let rate = Double(bytes) / result.seconds / 1e6
let cpuRate = Double(bytes) / result.cpuSeconds / 1e6
print("\(workload) \(result.summary) bytes \(bytes) seconds \(fixed(result.seconds, 6)) MB/s \(fixed(rate, 1))"
      + " cpu-seconds \(fixed(result.cpuSeconds, 6)) MB/s-cpu \(fixed(cpuRate, 1))")

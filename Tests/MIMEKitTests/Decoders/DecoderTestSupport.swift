import Foundation
import Testing
@testable import MIMEKit

/// What a decoder made of an input: the bytes and the issues it counted.
struct DecodeResult: Equatable, CustomStringConvertible {
    var bytes: [UInt8]
    var issues: DecoderIssues

    var text: String { String(decoding: bytes, as: UTF8.self) }
    var description: String { "\(bytes.count) bytes \(text.debugDescription), \(issues)" }
}

/// A small deterministic generator, so random splits are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Decodes `input` in chunks of the given sizes (the last one repeated), each into a buffer of
/// exactly `maxOutputCount` bytes followed by a guard zone that must stay untouched, with a
/// decoder from `make` (`init()` by default).
func decodeInChunks<D: TransferDecoder>(
    _: D.Type, _ input: [UInt8], sizes: [Int], making make: () -> D = { D() },
    sourceLocation: SourceLocation = #_sourceLocation
) -> DecodeResult {
    let guardZone = 16
    let canary: UInt8 = 0xA5
    var decoder = make()
    var output: [UInt8] = []
    let largest = max(D.maxOutputCount(forInputCount: input.count), D.maxOutputCount(forInputCount: 0))
    var scratch = [UInt8](repeating: canary, count: largest + guardZone)
    var overruns = 0
    input.withUnsafeBytes { all in
        scratch.withUnsafeMutableBytes { scratch in
            var start = 0
            var index = 0
            while start < all.count {
                let size = min(sizes[min(index, sizes.count - 1)], all.count - start)
                index += 1
                let capacity = D.maxOutputCount(forInputCount: size)
                let written = decoder.decode(
                    UnsafeRawBufferPointer(rebasing: all[start..<start + size]),
                    into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<capacity]))
                output += scratch[0..<written]
                if scratch[capacity..<capacity + guardZone].contains(where: { $0 != canary }) { overruns += 1 }
                UnsafeMutableRawBufferPointer(rebasing: scratch[0..<capacity + guardZone]).initializeMemory(as: UInt8.self, repeating: canary)
                start += size
            }
            let capacity = D.maxOutputCount(forInputCount: 0)
            let written = decoder.finish(into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<capacity]))
            output += scratch[0..<written]
            if scratch[capacity..<capacity + guardZone].contains(where: { $0 != canary }) { overruns += 1 }
        }
    }
    #expect(overruns == 0, "wrote past maxOutputCount", sourceLocation: sourceLocation)
    return DecodeResult(bytes: output, issues: decoder.issues)
}

/// Decodes `input` whole, one byte at a time, and in random splits, with decoders from `make`;
/// expects the same bytes and issues every time and returns them.
func decodeEveryWay<D: TransferDecoder>(
    _ type: D.Type, _ input: [UInt8], seed: UInt64 = 1, making make: () -> D = { D() },
    sourceLocation: SourceLocation = #_sourceLocation
) -> DecodeResult {
    let whole = decodeInChunks(type, input, sizes: [max(input.count, 1)], making: make, sourceLocation: sourceLocation)
    let single = decodeInChunks(type, input, sizes: [1], making: make, sourceLocation: sourceLocation)
    #expect(single == whole, "one byte at a time", sourceLocation: sourceLocation)
    var random = SplitMix64(state: seed)
    for round in 0..<6 {
        let limit = round.isMultiple(of: 2) ? 9 : max(input.count / 3, 1)
        let sizes = (0..<64).map { _ in Int.random(in: 1...limit, using: &random) }
        let split = decodeInChunks(type, input, sizes: sizes, making: make, sourceLocation: sourceLocation)
        #expect(split == whole, "random split \(sizes.prefix(8))...", sourceLocation: sourceLocation)
    }
    return whole
}

func decodeEveryWay<D: TransferDecoder>(
    _ type: D.Type, _ input: String, sourceLocation: SourceLocation = #_sourceLocation
) -> DecodeResult {
    decodeEveryWay(type, Array(input.utf8), sourceLocation: sourceLocation)
}

/// The folder of GMime's encoded/decoded pairs, next to the project's root.
let gmimeEncodings = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/corpus/gmime/encodings")

let gmimeEncodingsPresent = FileManager.default.fileExists(atPath: gmimeEncodings.path)

func gmimeFile(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: gmimeEncodings.appendingPathComponent(name)))
}

/// The python3 on PATH, the independent encoder of the round-trip tests.
let python3: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    .split(separator: ":")
    .map { "\($0)/python3" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Runs a Python script and returns what it printed.
func runPython(_ script: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(python3))
    process.arguments = ["-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
}

/// Bytes from lowercase hex.
func bytes(hex: some StringProtocol) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count - 1, by: 2).map { index in
        UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16)!
    }
}

/// Pairs (original, encoded) of random byte strings, encoded by Python's standard library.
///
/// `encode` is a Python expression of `data` (bytes) giving the encoded bytes.
func pythonVectors(encode: String, seed: Int) throws -> [(original: [UInt8], encoded: [UInt8])] {
    let script = """
        import base64, binascii, quopri, random
        r = random.Random(\(seed))
        sizes = [0, 1, 2, 3, 4, 5, 44, 45, 46, 56, 57, 58, 76, 77, 300, 1000, 4000]
        for i in range(120):
            n = sizes[i % len(sizes)] if i < 2 * len(sizes) else r.randrange(0, 700)
            if i % 3 == 0:
                data = bytes(r.randrange(256) for _ in range(n))
            else:
                data = bytes(r.choice(b"abcdefgh xyz\\t\\t  ==.-\\r\\n\\n\\xc3\\xa9\\x00\\xff") for _ in range(n))
            print(data.hex(), (\(encode)).hex())
        """
    return try runPython(script).split(separator: "\n").map { line in
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        return (bytes(hex: fields[0]), bytes(hex: fields[1]))
    }
}

/// Where two byte strings first differ, for short failure messages; nil when equal.
func firstDifference(_ actual: [UInt8], _ expected: [UInt8]) -> String? {
    guard actual != expected else { return nil }
    let shorter = min(actual.count, expected.count)
    let index = (0..<shorter).first { actual[$0] != expected[$0] } ?? shorter
    let around = { (bytes: [UInt8]) in bytes[max(index - 8, 0)..<min(index + 8, bytes.count)].map(String.init) }
    return "lengths \(actual.count) and \(expected.count), first difference at \(index): "
        + "\(around(actual)) vs \(around(expected))"
}

/// The bytes with the CRs that stand before an LF removed.
func withLineFeeds(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    for byte in bytes {
        while byte == UInt8(ascii: "\n"), result.last == UInt8(ascii: "\r") { result.removeLast() }
        result.append(byte)
    }
    return result
}

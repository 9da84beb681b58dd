/// A streaming content-transfer-encoding decoder (RFC 2045 section 6).
///
/// Feed the encoded body in chunks of any size with `decode(_:into:)`, then call
/// `finish(into:)` once. The output is the same however the input is split: a decoder holds
/// back the few bytes it cannot decide yet (a partial base64 quantum, a split `=XX` escape)
/// and carries them to the next call.
///
/// Output buffers are sized with `maxOutputCount(forInputCount:)`; `finish(into:)` needs
/// `maxOutputCount(forInputCount: 0)` bytes, which is the most a decoder ever holds back.
public protocol TransferDecoder: Sendable {
    /// A decoder at the start of its input.
    init()

    /// An upper bound on the bytes `decode` can produce for `inputCount` input bytes, plus what it holds back.
    static func maxOutputCount(forInputCount inputCount: Int) -> Int

    /// Decodes `input`, writing to `output`, and returns the number of bytes written.
    ///
    /// `output` must have room for `maxOutputCount(forInputCount: input.count)` bytes. State
    /// carries across calls.
    mutating func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int

    /// Flushes what was held back at the end of the input and returns the number of bytes written.
    ///
    /// `output` must have room for `maxOutputCount(forInputCount: 0)` bytes. Call it once,
    /// after the last `decode`.
    mutating func finish(into output: UnsafeMutableRawBufferPointer) -> Int

    /// The malformed input met so far, each already worked around.
    var issues: DecoderIssues { get }
}

extension TransferDecoder {
    /// Decodes a whole encoded body at once.
    public static func decode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var decoder = Self()
        return decoder.decode(bytes) + decoder.finish()
    }

    /// Decodes the next chunk of the input into a new array; state carries across calls.
    public mutating func decode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let capacity = Self.maxOutputCount(forInputCount: bytes.count)
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            let output = UnsafeMutableRawBufferPointer(buffer)
            count = bytes.withContiguousStorageIfAvailable { decode(UnsafeRawBufferPointer($0), into: output) }
                ?? Array(bytes).withUnsafeBytes { decode($0, into: output) }
        }
    }

    /// Flushes what was held back at the end of the input into a new array.
    public mutating func finish() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.maxOutputCount(forInputCount: 0)) { buffer, count in
            count = finish(into: UnsafeMutableRawBufferPointer(buffer))
        }
    }
}

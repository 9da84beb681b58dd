import Foundation
import Testing
@testable import MIMEKit
#if arch(x86_64)
import MIMEKitSIMD
#endif

/// `decodeEveryWay` with the tables alone and, where the CPU has AVX2, with the vector kernel
/// first: both must give the same bytes and issues. Returns the tables' result.
private func decodeBothPaths(_ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> DecodeResult {
    let tables = decodeEveryWay(Base64Decoder.self, input, making: { Base64Decoder(pairTables: nil, vectorKernel: false) },
                                sourceLocation: sourceLocation)
    if CPUFeatures.avx2 {
        let vector = decodeEveryWay(Base64Decoder.self, input, making: { Base64Decoder(pairTables: nil, vectorKernel: true) },
                                    sourceLocation: sourceLocation)
        #expect(vector == tables, "the vector kernel decodes differently", sourceLocation: sourceLocation)
    }
    return tables
}

private func decodeBothPaths(_ input: String, sourceLocation: SourceLocation = #_sourceLocation) -> DecodeResult {
    decodeBothPaths(Array(input.utf8), sourceLocation: sourceLocation)
}

@Suite struct Base64DecoderTests {
    @Test func fullQuantaDecode() {
        let result = decodeBothPaths("TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsu")
        #expect(result.text == "Many hands make light work.")
        #expect(result.issues.isEmpty)
    }

    @Test func paddingFlushesThePartialQuantum() {
        #expect(decodeBothPaths("TWE=").text == "Ma")
        #expect(decodeBothPaths("TQ==").text == "M")
        #expect(decodeBothPaths("TQ==").issues.isEmpty)
    }

    @Test func lineBreaksAndBlanksAreSkippedSilently() {
        let result = decodeBothPaths("TW\r\nFu\tIG\n \nJ5\r\n")
        #expect(result.text == "Man by")
        #expect(result.issues.isEmpty)
    }

    @Test func quantaMayStraddleLineBreaks() {
        let result = decodeBothPaths("TWF\r\nuTW\nFuTWFuTWFuTWFuTWFu\r\nTWFu")
        #expect(result.text == "ManManManManManManMan")
        #expect(result.issues.isEmpty)
    }

    @Test func garbageIsSkippedAndCounted() {
        let result = decodeBothPaths("TW!Fu\u{7F}IGJ5-")
        #expect(result.text == "Man by")
        #expect(result.issues.invalidBytes == 3)
        #expect(result.issues.firstOffset == 2)
    }

    @Test func eightBitBytesAreGarbage() {
        let result = decodeBothPaths([0x54, 0x57, 0xC3, 0xA9, 0x46, 0x75])
        #expect(result.text == "Man")
        #expect(result.issues.invalidBytes == 2)
    }

    @Test func paddingInTheMiddleEndsTheQuantumAndDecodingGoesOn() {
        let result = decodeBothPaths("TQ==TWE=\r\nTWFu")
        #expect(result.text == "MMaMan")
        #expect(result.issues.isEmpty)
    }

    @Test func misplacedPaddingIsSkippedAndCounted() {
        let result = decodeBothPaths("=TWFu=")
        #expect(result.text == "Man")
        #expect(result.issues.misplacedPadding == 2)
        #expect(result.issues.firstOffset == 0)
        #expect(decodeBothPaths("TQ===").issues.misplacedPadding == 1)
    }

    @Test func missingFinalPaddingIsFlushedAndCounted() {
        let three = decodeBothPaths("TWFuTWE")
        #expect(three.text == "ManMa")
        #expect(three.issues.incompleteQuanta == 1)
        #expect(three.issues.firstOffset == 7)
        #expect(decodeBothPaths("TQ\r\n").text == "M")
    }

    @Test func loneSextetCarriesNoByteAndIsCounted() {
        let atEnd = decodeBothPaths("TWFuT")
        #expect(atEnd.text == "Man")
        #expect(atEnd.issues.incompleteQuanta == 1)
        let beforePadding = decodeBothPaths("T=TWFu")
        #expect(beforePadding.text == "Man")
        #expect(beforePadding.issues.incompleteQuanta == 1)
        #expect(beforePadding.issues.firstOffset == 1)
    }

    @Test func secondPadOfAPairMayBeMissing() {
        let result = decodeBothPaths("TQ=TWFu")
        #expect(result.text == "MMan")
        #expect(result.issues.isEmpty)
    }

    @Test func emptyInputGivesNothing() {
        let result = decodeBothPaths("")
        #expect(result.bytes.isEmpty)
        #expect(result.issues.isEmpty)
    }

    @Test func wholeAlphabetDecodesOnBothPaths() {
        // Every sextet value once, checked against the bytes RFC 4648 table 1 gives.
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        let expected = bytes(hex: "00108310518720928b30d38f41149351559761969b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3dfbf")
        #expect(decodeBothPaths(alphabet).bytes == expected)
        let slow = alphabet.map { "\($0) " }.joined()
        #expect(decodeBothPaths(slow).bytes == expected)
    }

    /// `input` decoded in one call by a decoder with or without the pair tables: the bytes, and
    /// the invalid, misplaced-padding and incomplete-quantum counts.
    static func decodeWhole(_ input: [UInt8], pairTables: Bool) -> (bytes: [UInt8], issues: [Int]) {
        var decoder = Base64Decoder(pairTables: pairTables)
        let bytes = decoder.decode(input) + decoder.finish()
        let issues = decoder.issues
        return (bytes, [issues.invalidBytes, issues.misplacedPadding, issues.incompleteQuanta])
    }

    @Test(arguments: [false, true])
    func everyPairOfBytesDecodesAsByteByByte(pairTables: Bool) {
        // The fast path looks up one byte at a time in four tables of 256 entries, or (once a
        // process has decoded 8 MiB; forced here) two bytes at a time in tables of 65,536; the
        // slow path, forced by a space after every byte, reads one byte at a time. Every pair
        // of byte values, in both halves of a quantum, must give the same bytes and issues.
        func decoded(_ input: [UInt8]) -> (bytes: [UInt8], issues: [Int]) { Self.decodeWhole(input, pairTables: pairTables) }
        let lead = Array("QUJD".utf8), half = Array("RE".utf8), tail = Array("RUZH".utf8)
        var mismatches = 0
        for value in 0..<65536 {
            let pair = [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
            for input in [lead + pair + half + tail, lead + half + pair + tail] {
                let spaced: [UInt8] = input.flatMap { byte -> [UInt8] in [byte, 0x20] }
                if decoded(input) != decoded(spaced) { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
        // The check above is not vacuous: a valid pair decodes to its bits.
        #expect(decoded(Array("QUJDREVGRUZH".utf8)).bytes == Array("ABCDEFEFG".utf8))
    }

    @Test(arguments: [false, true])
    func everyByteAtEveryPlaceOfAStepDecodesAsByteByByte(pairTables: Bool) {
        // The fast path reads four quanta a step and, when one fails, keeps those before it;
        // the slow path, forced by a space after every byte, reads one byte at a time. Every
        // byte value (and a line break of either kind) at every place of the first two steps
        // of 48 bytes must give the same bytes and issues.
        func decoded(_ input: [UInt8]) -> (bytes: [UInt8], issues: [Int]) { Self.decodeWhole(input, pairTables: pairTables) }
        let frame = Array("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlq".utf8)
        var mismatches = 0
        var inputs = 0
        for place in 0..<32 {
            var variants: [[UInt8]] = (0..<256).map { value in
                var input = frame
                input[place] = UInt8(value)
                return input
            }
            variants.append(Array(frame[..<place]) + [0x0A] + frame[place...])
            variants.append(Array(frame[..<place]) + [0x0D, 0x0A] + frame[place...])
            for input in variants {
                let spaced: [UInt8] = input.flatMap { byte -> [UInt8] in [byte, 0x20] }
                if decoded(input) != decoded(spaced) { mismatches += 1 }
                inputs += 1
            }
        }
        #expect(mismatches == 0)
        #expect(inputs == 32 * 258)
        // Not vacuous: the frame decodes to its bytes, and a line break inside it is skipped.
        #expect(decoded(frame).bytes == Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij".utf8))
        #expect(decoded(Array(frame[..<12]) + [0x0A] + frame[12...]).bytes == decoded(frame).bytes)
    }

    /// Base64 of `count` random bytes, in lines of `lineLength` characters (0: one line) ended
    /// by `lineBreak`.
    static func encoded(_ count: Int, lineLength: Int, lineBreak: [UInt8],
                        using random: inout SplitMix64) -> (data: [UInt8], encoded: [UInt8]) {
        let data = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
        let text = Array(Data(data).base64EncodedString().utf8)
        guard lineLength > 0 else { return (data, text) }
        let lines = stride(from: 0, to: text.count, by: lineLength).map { text[$0..<min($0 + lineLength, text.count)] }
        return (data, lines.flatMap { $0 + lineBreak })
    }

    @Test(.enabled(if: CPUFeatures.avx2, "this CPU lacks AVX2, or the OS does not enable it: no vector path to compare"))
    func vectorKernelDecodesAsTheTables() {
        // Valid base64 in lines of every usual length (and some odd ones) with LF or CRLF, then
        // the same with garbage, `=`, blanks and line breaks inserted or written over at random
        // places, each decoded whole, a byte at a time and in random splits, with and without
        // the kernel (and with both kinds of table).
        var random = SplitMix64(state: 4648)
        let intruders = Array("=  \t\r\n\r\n-*.".utf8) + [0x00, 0x80, 0xC3, 0xFF]
        var changed = 0
        for round in 0..<900 {
            let lineLength = [76, 64, 72, 60, 0, 4, 32, 33, 100, Int.random(in: 1...140, using: &random)][round % 10]
            let lineBreak: [UInt8] = round.isMultiple(of: 3) ? [0x0A] : [0x0D, 0x0A]
            let (data, valid) = Self.encoded(Int.random(in: 0...1200, using: &random), lineLength: lineLength,
                                             lineBreak: lineBreak, using: &random)
            var input = valid
            let mutations = round % 4 == 0 || input.isEmpty ? 0 : Int.random(in: 1...6, using: &random)
            for _ in 0..<mutations {
                let place = Int.random(in: 0...input.count, using: &random)
                let byte = Bool.random(using: &random) ? intruders.randomElement(using: &random)!
                                                       : UInt8.random(in: 0...255, using: &random)
                if place < input.count && Bool.random(using: &random) { input[place] = byte } else { input.insert(byte, at: place) }
            }
            let pairTables = Bool.random(using: &random)
            let tables = decodeEveryWay(Base64Decoder.self, input, seed: UInt64(round),
                                        making: { Base64Decoder(pairTables: pairTables, vectorKernel: false) })
            let vector = decodeEveryWay(Base64Decoder.self, input, seed: UInt64(round),
                                        making: { Base64Decoder(pairTables: pairTables, vectorKernel: true) })
            #expect(vector == tables, "round \(round): \(input.count) bytes, lines of \(lineLength)")
            if mutations == 0 {
                #expect(vector.bytes == data && vector.issues.isEmpty, "round \(round) is valid base64")
            } else if vector.bytes != data || !vector.issues.isEmpty {
                changed += 1
            }
        }
        // Not vacuous: most mutations change what is decoded or reported.
        #expect(changed > 300)
    }

    @Test(.enabled(if: CPUFeatures.avx2, "this CPU lacks AVX2, or the OS does not enable it: no vector path to compare"))
    func vectorKernelDecodesAsTheTablesAcrossEverySplit() {
        // Every place of one cut (and of a cut then single bytes), over lines of 76 with CRLF, a
        // `=` in the middle of a line and a stray byte, so that a call ends inside a run, inside
        // a quantum and between a CR and its LF.
        var random = SplitMix64(state: 2045)
        var (_, input) = Self.encoded(300, lineLength: 76, lineBreak: [0x0D, 0x0A], using: &random)
        input.insert(UInt8(ascii: "="), at: 150)
        input.insert(UInt8(ascii: "!"), at: 290)
        for cut in 0...input.count {
            for sizes in [[cut, input.count], [cut, 1]] where cut > 0 {
                let tables = decodeInChunks(Base64Decoder.self, input, sizes: sizes,
                                            making: { Base64Decoder(pairTables: nil, vectorKernel: false) })
                let vector = decodeInChunks(Base64Decoder.self, input, sizes: sizes,
                                            making: { Base64Decoder(pairTables: nil, vectorKernel: true) })
                #expect(vector == tables, "chunks \(sizes)")
            }
        }
    }

    @Test(.enabled(if: CPUFeatures.avx2, "this CPU lacks AVX2, or the OS does not enable it: no vector path to compare"))
    func vectorKernelDecodesPairsOfLinesAsTheTables() {
        // The kernel takes lines that end 8 to 16 bytes after a whole step two at a time (76
        // on a path of its own). Around those pairs: odd and even numbers of lines, lengths
        // next to the ones it pairs, a bad byte in a line's last 16, a line one byte longer or
        // shorter than the one before, a line break missing, doubled or a lone CR, a short
        // last line.
        var random = SplitMix64(state: 1521)
        let lengths = [36, 40, 44, 48, 52, 68, 72, 76, 80, 84, 104, 108, 112, 140, 144]
        for round in 0..<600 {
            let lineLength = lengths[round % lengths.count]
            let lineBreak: [UInt8] = (round / lengths.count).isMultiple(of: 2) ? [0x0A] : [0x0D, 0x0A]
            let lines = Int.random(in: 1...6, using: &random)
            let count = (lines * lineLength - Int.random(in: 0...lineLength - 4, using: &random)) / 4 * 3
            var (_, input) = Self.encoded(count, lineLength: lineLength, lineBreak: lineBreak, using: &random)
            let line = Int.random(in: 0..<lines, using: &random) * (lineLength + lineBreak.count)
            let end = min(line + lineLength, input.count)
            switch round % 6 {
            case 1: input[Int.random(in: max(line, end - 16)..<end, using: &random)] = [0x21, 0x3D, 0x20, 0x0A, 0xC3][round % 5]
            case 2: input.insert(UInt8(ascii: "Q"), at: Int.random(in: line..<end, using: &random))
            case 3: input.remove(at: Int.random(in: line..<end, using: &random))
            case 4 where end < input.count: input.remove(at: end)
            case 5 where end < input.count: input.insert(lineBreak[0] == 0x0A ? 0x0A : 0x0D, at: end)
            default: break
            }
            let tables = decodeEveryWay(Base64Decoder.self, input, seed: UInt64(round),
                                        making: { Base64Decoder(pairTables: nil, vectorKernel: false) })
            let vector = decodeEveryWay(Base64Decoder.self, input, seed: UInt64(round),
                                        making: { Base64Decoder(pairTables: nil, vectorKernel: true) })
            #expect(vector == tables, "round \(round): \(input.count) bytes, lines of \(lineLength)")
        }
    }

    #if arch(x86_64)
    @Test(.enabled(if: CPUFeatures.avx2, "this CPU lacks AVX2, or the OS does not enable it: no vector path to compare"))
    func vectorKernelStaysInItsRoomAndKeepsWholeLines() {
        // The kernel itself, given every room from none to enough for all: it writes nothing
        // past its room, and what it reports read and written agrees with the data, through
        // pairs of lines cut short by the room.
        var random = SplitMix64(state: 2231)
        for (lineLength, lineBreak) in [(76, [UInt8(0x0A)]), (76, [0x0D, 0x0A]), (72, [0x0A]), (44, [0x0D, 0x0A]),
                                        (108, [0x0A]), (64, [0x0A]), (60, [0x0D, 0x0A])] {
            let (data, input) = Self.encoded(7 * lineLength / 4 * 3, lineLength: lineLength, lineBreak: lineBreak,
                                             using: &random)
            for room in 0...data.count + 8 {
                var output = [UInt8](repeating: 0xA5, count: room + 16)
                let (read, written) = input.withUnsafeBytes { source in
                    output.withUnsafeMutableBytes { target in
                        Base64VectorKernel.decode(source.baseAddress!, count: source.count,
                                                  into: target.baseAddress!, room: room)
                    }
                }
                let sextets = input[..<read].filter { $0 != 0x0A && $0 != 0x0D }.count
                #expect(written <= room && sextets / 4 * 3 == written && sextets % 4 == 0,
                        "lines of \(lineLength), room \(room)")
                #expect(Array(output[..<written]) == Array(data[..<written]), "lines of \(lineLength), room \(room)")
                #expect(output[room...].allSatisfy { $0 == 0xA5 }, "lines of \(lineLength), room \(room)")
                // Not vacuous: with room for all it reads all the lines it can check whole.
                if room >= data.count + 4 { #expect(read >= input.count - 2 * (lineLength + lineBreak.count)) }
            }
        }
    }
    #endif

    @Test func anInputKnownToBeLargeUsesThePairTablesAtOnce() {
        let threshold = Base64Decoder.pairTablesThreshold
        #expect(Base64Decoder(expectedInputCount: threshold).forcedPairTables == true)
        #expect(Base64Decoder(expectedInputCount: 1 << 30).forcedPairTables == true)
        // A smaller input leaves the choice to the process-wide count, as `init()` does.
        #expect(Base64Decoder(expectedInputCount: threshold - 1).forcedPairTables == nil)
        #expect(Base64Decoder(expectedInputCount: 0).forcedPairTables == nil)
        #expect(Base64Decoder().forcedPairTables == nil)
    }

    @Test func aDecoderForALargeInputDecodesAsTheOthers() {
        // Line breaks, an invalid byte, padding in the middle and a final partial quantum.
        let input = Array("QUJD\r\nREVG\nR0hJ*SktM\nTQ==TWE=\nTWFu\nTW".utf8)
        func decoded(_ decoder: Base64Decoder) -> DecodeResult {
            var decoder = decoder
            let bytes = decoder.decode(input) + decoder.finish()
            return DecodeResult(bytes: bytes, issues: decoder.issues)
        }
        let large = decoded(Base64Decoder(expectedInputCount: 1 << 30))
        #expect(large == decoded(Base64Decoder(pairTables: false)))
        #expect(large.text == "ABCDEFGHIJKLMMaManM")
        #expect(large.issues.invalidBytes == 1)
        #expect(large.issues.incompleteQuanta == 1)
    }

    @Test func pairTablesComeIntoUseAfterEightMiB() throws {
        // Both paths give the same bytes across the switch, which happens between calls
        // once the process's decoders have been given `pairTablesThreshold` bytes.
        let line = Array("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n".utf8)
        let chunk = Array(repeating: line, count: (64 << 10) / line.count).flatMap { $0 }
        var decoder = Base64Decoder()
        var first: [UInt8]?
        for _ in 0..<(Base64Decoder.pairTablesThreshold / chunk.count + 2) {
            let bytes = decoder.decode(chunk)
            if let first { #expect(bytes == first) } else { first = bytes }
        }
        #expect(decoder.issues.isEmpty)
        #expect(first?.prefix(57) == Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz01234".utf8)[...])
    }

    @Test(.enabled(if: python3 != nil, "python3 is not on PATH: no independent base64 encoder"),
          arguments: [
              "base64.encodebytes(data)",
              "base64.encodebytes(data).replace(b'\\n', b'\\r\\n')",
              "base64.b64encode(data)",
          ])
    func roundTripsPythonsEncoding(encode: String) throws {
        for (original, encoded) in try pythonVectors(encode: encode, seed: 2045) {
            let result = decodeBothPaths(encoded)
            #expect(firstDifference(result.bytes, original) == nil)
            #expect(result.issues.isEmpty)
        }
    }

    @Test func outputIsBoundedByTheInput() {
        var random = SplitMix64(state: 68)
        for length in [0, 1, 3, 4, 5, 17, 100, 1000] {
            let noise = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let result = decodeBothPaths(noise)
            #expect(result.bytes.count * 4 <= length * 3)
        }
    }

    // GMime's pair: photo.b64 is photo.jpg in 76-column base64 with LF.
    @Test(.enabled(if: gmimeEncodingsPresent, "../shared/corpus/gmime/encodings is absent: GMime pairs not checked"))
    func gmimePhotoDecodes() throws {
        let result = decodeBothPaths(try gmimeFile("photo.b64"))
        #expect(firstDifference(result.bytes, try gmimeFile("photo.jpg")) == nil)
        #expect(result.issues.isEmpty)
    }
}

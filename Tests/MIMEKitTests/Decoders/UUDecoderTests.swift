import Foundation
import Testing
@testable import MIMEKit

@Suite struct UUDecoderTests {
    /// Decodes whole, bytewise and in random splits, and returns the decoder that saw it whole.
    private func decoder(after input: String) -> UUDecoder {
        _ = decodeEveryWay(UUDecoder.self, input)
        var decoder = UUDecoder()
        _ = decoder.decode(Array(input.utf8))
        return decoder
    }

    @Test func decodesBetweenBeginAndEnd() {
        let input = "begin 644 cat.txt\n#8V%T\n`\nend\n"
        let result = decodeEveryWay(UUDecoder.self, input)
        #expect(result.text == "cat")
        #expect(result.issues.isEmpty)
    }

    @Test func exposesModeAndFileNameOnceBeginIsRead() {
        var decoder = UUDecoder()
        _ = decoder.decode(Array("preamble\nbegin 640 my file.txt\r".utf8))
        #expect(decoder.fileName == nil)
        #expect(decoder.mode == nil)
        _ = decoder.decode(Array("\n".utf8))
        #expect(decoder.fileName == "my file.txt")
        #expect(decoder.mode == 0o640)
        #expect(self.decoder(after: "begin 644 photo.jpg\n").fileName == "photo.jpg")
    }

    @Test func backquoteAndSpaceBothMeanZero() {
        let result = decodeEveryWay(UUDecoder.self, "begin 600 z\n#    \n#````\n`\nend\n")
        #expect(result.bytes == [0, 0, 0, 0, 0, 0])
        #expect(result.issues.isEmpty)
    }

    @Test func linesBeforeBeginAreSkippedSilently() {
        let input = "Hello\nbeginning\n begin 644 x\nbegin x\nbegin 644 cat.txt\r\n#8V%T\r\n`\r\nend\r\n"
        let result = decodeEveryWay(UUDecoder.self, input)
        #expect(result.text == "cat")
        #expect(result.issues.isEmpty)
        #expect(decoder(after: input).fileName == "cat.txt")
    }

    @Test func beginMustStartItsLine() {
        let result = decodeEveryWay(UUDecoder.self, "beg\nin 644 x\n#8V%T\nend\n")
        #expect(result.bytes.isEmpty)
        #expect(result.issues.missingBegin == 1)
    }

    @Test func missingBeginDecodesNothingAndIsCounted() {
        let result = decodeEveryWay(UUDecoder.self, "#8V%T\nend\n")
        #expect(result.bytes.isEmpty)
        #expect(result.issues.missingBegin == 1)
        #expect(result.issues.firstOffset == 10)
    }

    @Test func missingEndIsToleratedAndCounted() {
        for input in ["begin 644 x\n#8V%T\n", "begin 644 x\n#8V%T"] {
            let result = decodeEveryWay(UUDecoder.self, input)
            #expect(result.text == "cat")
            #expect(result.issues.missingEnd == 1)
            #expect(result.issues.total == 1)
            #expect(result.issues.firstOffset == input.utf8.count)
        }
    }

    @Test func endAtTheVeryEndNeedsNoLineBreak() {
        let result = decodeEveryWay(UUDecoder.self, "begin 644 x\n#8V%T\nend")
        #expect(result.text == "cat")
        #expect(result.issues.isEmpty)
    }

    @Test func shortLineGivesWhatItHoldsAndIsCounted() {
        let result = decodeEveryWay(UUDecoder.self, "begin 644 x\n#8V\nend\n")
        #expect(result.text == "c")
        #expect(result.issues.shortLines == 1)
        #expect(result.issues.firstOffset == 12)
    }

    @Test func strippedTrailingSpaceLosesNothing() {
        // Python writes "hello world" as `+:&5L;&\@=V]R;&0 `; a mailer may drop the last space.
        let result = decodeEveryWay(UUDecoder.self, "begin 644 x\n+:&5L;&\\@=V]R;&0\nend\n")
        #expect(result.text == "hello world")
        #expect(result.issues.isEmpty)
    }

    @Test func charactersPastTheLengthAreIgnored() {
        let result = decodeEveryWay(UUDecoder.self, "begin 644 x\n#8V%TX\n\"8V%T\nend\n")
        #expect(result.text == "catca")
        #expect(result.issues.isEmpty)
    }

    @Test func malformedLineIsSkippedAndCounted() {
        let result = decodeEveryWay(UUDecoder.self, "begin 644 x\n~garbage\nendless\n#8V%T\nend\n")
        #expect(result.text == "cat")
        #expect(result.issues.malformedLines == 2)
        #expect(result.issues.firstOffset == 12)
    }

    @Test func invalidByteInADataLineIsSkippedAndCounted() {
        let result = decodeEveryWay(UUDecoder.self, "begin 644 x\n#8V\u{7F}%T\nend\n")
        #expect(result.text == "cat")
        #expect(result.issues.invalidBytes == 1)
        #expect(result.issues.firstOffset == 15)
    }

    @Test func emptyLinesAreSkipped() {
        let result = decodeEveryWay(UUDecoder.self, "begin 644 x\n\n#8V%T\r\n\r\nend\n")
        #expect(result.text == "cat")
        #expect(result.issues.isEmpty)
    }

    @Test func everythingAfterEndIsIgnored() {
        let input = "begin 644 x\n#8V%T\nend\n#8V%T\nbegin 644 y\n~\n"
        let result = decodeEveryWay(UUDecoder.self, input)
        #expect(result.text == "cat")
        #expect(result.issues.isEmpty)
        #expect(decoder(after: input).fileName == "x")
    }

    @Test(.enabled(if: python3 != nil, "python3 is not on PATH: no independent uuencoder"),
          arguments: [
              #"b"begin 644 f.bin\n" + b"".join(binascii.b2a_uu(data[i:i + 45]) for i in range(0, len(data), 45)) + b"`\nend\n""#,
              #"(b"begin 600 f.bin\n" + b"".join(binascii.b2a_uu(data[i:i + 45], backtick=True) for i in range(0, len(data), 45)) + b"`\nend\n").replace(b"\n", b"\r\n")"#,
          ])
    func roundTripsPythonsEncoding(encode: String) throws {
        for (original, encoded) in try pythonVectors(encode: encode, seed: 1980) {
            let result = decodeEveryWay(UUDecoder.self, encoded)
            #expect(firstDifference(result.bytes, original) == nil)
            #expect(result.issues.isEmpty)
        }
    }

    @Test func outputIsBoundedByTheInput() {
        var random = SplitMix64(state: 66)
        let alphabet = (0x20...0x60).map(UInt8.init) + Array("\n\n\r".utf8)
        for length in [0, 1, 2, 3, 17, 100, 1000] {
            let noise = Array("begin 644 x\n".utf8) + (0..<length).map { _ in alphabet.randomElement(using: &random)! }
            let result = decodeEveryWay(UUDecoder.self, noise)
            #expect(result.bytes.count * 4 <= length * 3 + 8)
        }
    }

    // GMime's pair: photo.uu is photo.jpg, uuencoded with backquotes for zero.
    @Test(.enabled(if: gmimeEncodingsPresent, "../shared/corpus/gmime/encodings is absent: GMime pairs not checked"))
    func gmimePhotoDecodes() throws {
        let input = try gmimeFile("photo.uu")
        let result = decodeEveryWay(UUDecoder.self, input)
        #expect(firstDifference(result.bytes, try gmimeFile("photo.jpg")) == nil)
        #expect(result.issues.isEmpty)
        var decoder = UUDecoder()
        _ = decoder.decode(input)
        #expect(decoder.fileName == "photo.jpg")
        #expect(decoder.mode == 0o644)
    }
}

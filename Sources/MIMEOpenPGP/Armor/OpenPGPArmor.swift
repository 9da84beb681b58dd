public import MIMEKit

/// Finds and decodes ASCII-armored OpenPGP blocks in text (RFC 9580 §6 and §7).
///
/// Several blocks may share one text (a message and a key, or blocks an attacker stitched
/// together); each is reported with its byte range, and so is the non-blank text around
/// them. Lines may end in LF or CR LF.
public enum OpenPGPArmor {
    /// The blocks in `bytes`; offsets count from the start of the array.
    public static func scan(_ bytes: [UInt8]) -> OpenPGPArmorScan {
        bytes.withUnsafeBytes { scan(buffer: $0, baseOffset: 0) }
    }

    /// The blocks in `view`; offsets are the view's absolute offsets in its storage.
    public static func scan(_ view: ByteView) -> OpenPGPArmorScan {
        view.withUnsafeBytes { scan(buffer: $0, baseOffset: view.startIndex) }
    }

    /// The first armored block of `bytes`, which must decode cleanly.
    ///
    /// Throws `brokenArmor` when there is no block or the block is broken; a checksum
    /// mismatch alone is not an error (it is in the block's `checksum`).
    public static func decode(_ bytes: [UInt8]) throws(OpenPGPPacketError) -> OpenPGPArmoredBlock {
        guard let block = scan(bytes).blocks.first else {
            throw .brokenArmor(at: 0, "no -----BEGIN PGP …----- line")
        }
        if let problem = block.problem { throw problem }
        return block
    }

    /// The binary OpenPGP data of `bytes`: the bytes themselves when they start with a packet
    /// header (bit 7 set), else the data of their first armored block.
    public static func dearmorIfNeeded(_ bytes: [UInt8]) throws(OpenPGPPacketError) -> [UInt8] {
        if let first = bytes.first, first & 0x80 != 0 { return bytes }
        return try decode(bytes).data
    }

    private static func scan(buffer: UnsafeRawBufferPointer, baseOffset: Int) -> OpenPGPArmorScan {
        // Most text a scanner sees holds no armor at all: one memmem answers for it.
        let lines = buffer.contains("-----BEGIN PGP ") ? ArmorLine.lines(of: buffer) : []
        var blocks: [OpenPGPArmoredBlock] = []
        var surrounding: [Range<Int>] = []
        var outsideStart = 0
        var index = 0

        func noteOutside(_ range: Range<Int>) {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper && buffer.isBlank(lower..<(lower + 1)) { lower += 1 }
            while upper > lower && buffer.isBlank((upper - 1)..<upper) { upper -= 1 }
            if lower < upper { surrounding.append((lower + baseOffset)..<(upper + baseOffset)) }
        }

        while index < lines.count {
            let line = lines[index].content
            guard let label = beginLabel(buffer, line) else {
                index += 1
                continue
            }
            noteOutside(outsideStart..<line.lowerBound)
            let (block, nextIndex) =
                label == "PGP SIGNED MESSAGE"
                ? readClearSigned(buffer, lines, from: index, baseOffset: baseOffset)
                : readBlock(buffer, lines, from: index, label: label, baseOffset: baseOffset)
            blocks.append(block)
            outsideStart = block.range.upperBound - baseOffset
            index = nextIndex
        }
        noteOutside(outsideStart..<buffer.count)
        return OpenPGPArmorScan(blocks: blocks, surroundingText: surrounding)
    }

    /// The label of an armor header line `-----BEGIN PGP …-----`, or nil.
    private static func beginLabel(_ buffer: UnsafeRawBufferPointer, _ line: Range<Int>) -> String? {
        guard buffer.line(line, startsWith: "-----BEGIN PGP ", endsWith: "-----") else { return nil }
        let trimmed = buffer.trimmingTrailingBlanks(line)
        guard trimmed.count >= 16 else { return nil }
        return buffer.text((trimmed.lowerBound + 11)..<(trimmed.upperBound - 5))
    }

    /// Reads `Name: Value` lines up to and including the blank line that ends them.
    private static func readHeaders(
        _ buffer: UnsafeRawBufferPointer, _ lines: [ArmorLine], from start: Int
    ) -> (headers: [OpenPGPArmorHeader], next: Int) {
        var headers: [OpenPGPArmorHeader] = []
        var index = start
        while index < lines.count {
            let line = lines[index].content
            if buffer.isBlank(line) { return (headers, index + 1) }
            guard let colon = buffer[line].firstIndex(of: 0x3A),
                colon + 1 < line.upperBound, buffer[colon + 1] == 0x20,
                buffer[line.lowerBound..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            else { return (headers, index) }
            headers.append(
                OpenPGPArmorHeader(
                    name: buffer.text(line.lowerBound..<colon),
                    value: buffer.text(buffer.trimmingTrailingBlanks((colon + 2)..<line.upperBound))))
            index += 1
        }
        return (headers, index)
    }

    /// Reads one block whose BEGIN line is `lines[start]`; returns it and the index of the
    /// line after its END line.
    private static func readBlock(
        _ buffer: UnsafeRawBufferPointer, _ lines: [ArmorLine], from start: Int, label: String, baseOffset: Int
    ) -> (OpenPGPArmoredBlock, Int) {
        let blockStart = lines[start].content.lowerBound
        let (headers, dataStart) = readHeaders(buffer, lines, from: start + 1)
        var decoder = ArmorBase64Decoder()
        var problem: OpenPGPPacketError?
        var written: UInt32?
        var index = dataStart
        var end: Int?
        while index < lines.count {
            let line = lines[index].content
            if buffer.line(line, startsWith: "-----END ") {
                if !buffer[buffer.trimmingTrailingBlanks(line)].elementsEqual("-----END \(label)-----".utf8) {
                    problem =
                        problem
                        ?? .brokenArmor(
                            at: line.lowerBound + baseOffset,
                            "the END line \"\(buffer.text(buffer.trimmingTrailingBlanks(line)))\" does not match BEGIN \(label)"
                        )
                }
                end = buffer.trimmingTrailingBlanks(line).upperBound
                index += 1
                break
            }
            if buffer.line(line, startsWith: "-----BEGIN ") {
                break
            }
            let trimmed = buffer.trimmingTrailingBlanks(line)
            if written == nil, trimmed.count == 5, buffer[trimmed.lowerBound] == 0x3D {
                var crc = ArmorBase64Decoder()
                if crc.feed(buffer, (trimmed.lowerBound + 1)..<trimmed.upperBound) == nil,
                    crc.finish() == nil, crc.output.count == 3
                {
                    written = crc.output.reduce(0) { $0 << 8 | UInt32($1) }
                    index += 1
                    continue
                }
            }
            if problem == nil, written != nil, !buffer.isBlank(line) {
                problem = .brokenArmor(at: line.lowerBound + baseOffset, "data after the checksum line")
            }
            if problem == nil, let bad = decoder.feed(buffer, line) {
                problem = .brokenArmor(
                    at: bad + baseOffset, "octet 0x\(String(buffer[bad], radix: 16)) is not base64")
            }
            index += 1
        }
        if problem == nil, let bad = decoder.finish() {
            problem = .brokenArmor(
                at: dataStart < lines.count
                    ? lines[dataStart].content.lowerBound + baseOffset : baseOffset + buffer.count, bad)
        }
        let blockEnd: Int
        if let end {
            blockEnd = end
        } else {
            blockEnd = index < lines.count ? lines[index].content.lowerBound : buffer.count
            problem =
                problem
                ?? .brokenArmor(
                    at: blockStart + baseOffset, "the \(label) block has no -----END \(label)----- line")
        }
        let data = problem == nil ? decoder.output : []
        let checksum: OpenPGPArmoredBlock.Checksum
        if let written, problem == nil {
            let computed = CRC24.checksum(data)
            checksum = written == computed ? .matches : .mismatch(written: written, computed: computed)
        } else {
            checksum = .absent
        }
        if problem == nil, data.isEmpty {
            problem = .brokenArmor(at: blockStart + baseOffset, "the \(label) block holds no data")
        }
        let block = OpenPGPArmoredBlock(
            label: label, range: (blockStart + baseOffset)..<(blockEnd + baseOffset), headers: headers,
            data: data, checksum: checksum, problem: problem, clearSigned: nil)
        return (block, index)
    }

    /// Reads a clear-signed block whose BEGIN line is `lines[start]`, with its signature.
    private static func readClearSigned(
        _ buffer: UnsafeRawBufferPointer, _ lines: [ArmorLine], from start: Int, baseOffset: Int
    ) -> (OpenPGPArmoredBlock, Int) {
        let blockStart = lines[start].content.lowerBound
        let (headers, textStart) = readHeaders(buffer, lines, from: start + 1)
        let hashes = headers.filter { $0.name == "Hash" }.flatMap {
            $0.value.split(separator: ",").map { $0.trimmingPrefix(" ").description }
        }
        var index = textStart
        var canonical: [UInt8] = []
        while index < lines.count, beginLabel(buffer, lines[index].content) != "PGP SIGNATURE" {
            var line = buffer.trimmingTrailingBlanks(lines[index].content)
            if line.count >= 2, buffer[line.lowerBound] == 0x2D, buffer[line.lowerBound + 1] == 0x20 {
                line = (line.lowerBound + 2)..<line.upperBound
            }
            if index > textStart { canonical.append(contentsOf: [0x0D, 0x0A]) }
            canonical.append(contentsOf: buffer[line])
            index += 1
        }
        let textRange: Range<Int>
        if index > textStart {
            textRange = lines[textStart].content.lowerBound..<lines[index - 1].content.upperBound
        } else {
            let at = textStart < lines.count ? lines[textStart].content.lowerBound : buffer.count
            textRange = at..<at
        }
        guard index < lines.count else {
            let problem = OpenPGPPacketError.brokenArmor(
                at: blockStart + baseOffset, "the signed message has no -----BEGIN PGP SIGNATURE----- line")
            let block = OpenPGPArmoredBlock(
                label: "PGP SIGNED MESSAGE", range: (blockStart + baseOffset)..<(buffer.count + baseOffset),
                headers: [], data: [], checksum: .absent, problem: problem,
                clearSigned: OpenPGPClearSignedText(
                    hashAlgorithms: hashes,
                    textRange: (textRange.lowerBound + baseOffset)..<(textRange.upperBound + baseOffset),
                    canonicalText: canonical, signatureRange: (buffer.count + baseOffset)..<(buffer.count + baseOffset))
            )
            return (block, index)
        }
        let (signature, next) = readBlock(buffer, lines, from: index, label: "PGP SIGNATURE", baseOffset: baseOffset)
        let clearSigned = OpenPGPClearSignedText(
            hashAlgorithms: hashes,
            textRange: (textRange.lowerBound + baseOffset)..<(textRange.upperBound + baseOffset),
            canonicalText: canonical, signatureRange: signature.range)
        let block = OpenPGPArmoredBlock(
            label: "PGP SIGNED MESSAGE", range: (blockStart + baseOffset)..<signature.range.upperBound,
            headers: signature.headers, data: signature.data, checksum: signature.checksum,
            problem: signature.problem, clearSigned: clearSigned)
        return (block, next)
    }
}

// Fuzz target: the key-free OpenPGP readers (OpenPGPPacketReader, OpenPGPArmor). Every
// packet's offset and body ranges lie inside the input; the top-level packets tile the
// input up to the problem (all of it when there is none); packets nested in an
// uncompressed Compressed Data packet lie inside its body; the listing of the same bytes at
// an offset inside a larger storage is the same listing moved by that offset. Armor blocks
// and the text around them lie inside the input, in order, and a block that decodes
// cleanly, armored again, decodes to the same label and data. Built and run by
// Tests/Fuzz/fuzz.sh.

import MIMEKit
import MIMEOpenPGP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpenPGPPackets(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeRawBufferPointer(start: data, count: size))
    // Small limits from the first byte, so the fuzzer reaches them.
    let first = input.first ?? 0
    let reader = first & 0x80 != 0 ? OpenPGPPacketReader()
        : OpenPGPPacketReader(maximumDepth: 1 + Int(first & 0x03), maximumPackets: 1 + Int(first >> 2))
    checkPackets(reader, input)

    let scan = OpenPGPArmor.scan(input)
    var position = 0
    for block in scan.blocks {
        require(block.range.lowerBound >= position && block.range.upperBound <= size && !block.range.isEmpty,
                "block \(block.range) after \(position) in \(size) bytes")
        position = block.range.upperBound
        if let problem = block.problem {
            require(problem.code == .brokenArmor && problem.offset >= 0 && problem.offset <= size, "armor problem \(problem)")
            require(block.data.isEmpty, "a broken block with data")
        }
        if let clear = block.clearSigned {
            require(clear.textRange.lowerBound >= block.range.lowerBound && clear.textRange.upperBound <= clear.signatureRange.lowerBound
                        && clear.signatureRange.upperBound <= block.range.upperBound,
                    "clear-signed text \(clear.textRange) and signature \(clear.signatureRange) outside block \(block.range)")
            require(clear.canonicalText.count <= size + 2 * size, "canonical text of \(clear.canonicalText.count) bytes")
        }
        require(block.data.count <= size * 3 / 4 + 3, "\(block.data.count) bytes of data from \(size)")
        if block.problem == nil && block.clearSigned == nil {
            rearmor(block)
            checkPackets(OpenPGPPacketReader(), block.data)
        }
    }
    var outside = 0
    var blocks = scan.blocks.makeIterator()
    var nextBlock = blocks.next()
    for text in scan.surroundingText {
        require(!text.isEmpty && text.lowerBound >= outside && text.upperBound <= size, "surrounding text \(text)")
        while let block = nextBlock, block.range.upperBound <= text.lowerBound { nextBlock = blocks.next() }
        if let block = nextBlock {
            require(text.upperBound <= block.range.lowerBound, "surrounding text \(text) overlaps block \(block.range)")
        }
        outside = text.upperBound
    }
    return 0
}

private func checkPackets(_ reader: OpenPGPPacketReader, _ input: [UInt8]) {
    let size = input.count
    let listing = reader.listing(of: input)
    require(reader.listing(of: input) == listing, "listing not deterministic")
    var end = 0
    var slack = 0
    var parents: [OpenPGPPacket] = []
    for packet in listing.packets {
        require(packet.offset >= 0 && packet.offset < size, "packet at \(packet.offset) of \(size)")
        require(!packet.bodyRanges.isEmpty || packet.bodyLength == 0, "packet without a body range")
        var previous = packet.offset
        for range in packet.bodyRanges {
            require(range.lowerBound > packet.offset, "body \(range) before header at \(packet.offset)")
            require(range.lowerBound >= previous && range.upperBound <= size, "body range \(range) of \(size), after \(previous)")
            previous = range.upperBound
        }
        while let parent = parents.last, parent.depth >= packet.depth { parents.removeLast() }
        if packet.depth == 0 {
            require(packet.offset >= end && packet.offset <= end + slack,
                    "top-level packet at \(packet.offset), previous ends at \(end)")
            // An empty body has no range: the packet ends with its header. A partial body's
            // last chunk may be empty, so its length octets (1 to 5) end the packet
            // after the last range.
            end = packet.bodyRanges.last?.upperBound ?? packet.offset + emptyPacketHeaderLength(input, at: packet.offset)
            slack = packet.usesPartialBodyLengths ? 5 : 0
        } else {
            let parent = parents.last
            require(parent?.depth == packet.depth - 1, "packet at depth \(packet.depth) without a parent")
            let inside = { (offset: Int) in parent!.bodyRanges.contains { $0.contains(offset) } }
            require(inside(packet.offset), "nested packet at \(packet.offset) outside its parent's body \(parent!.bodyRanges)")
            for range in packet.bodyRanges where !range.isEmpty {
                require(parent!.bodyRanges.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound },
                        "nested body \(range) outside its parent's body \(parent!.bodyRanges)")
            }
        }
        parents.append(packet)
    }
    if let problem = listing.problem {
        require(problem.offset >= 0 && problem.offset <= size, "problem at \(problem.offset) of \(size)")
    } else {
        require(end <= size && end + slack >= size, "packets cover \(end) of \(size) bytes")
    }

    // The same bytes seven bytes into a larger storage.
    let shift = 7
    let storage = ByteStorage([UInt8](repeating: 0xA5, count: shift) + input + [0xFF, 0x00])
    let moved = reader.listing(of: ByteView(storage: storage, range: shift..<(shift + size)))
    require(moved.packets.count == listing.packets.count, "\(moved.packets.count) packets at an offset, \(listing.packets.count) at 0")
    for (a, b) in zip(listing.packets, moved.packets) {
        require(b.offset == a.offset + shift && b.tag == a.tag && b.depth == a.depth && b.headerFormat == a.headerFormat
                    && b.bodyRanges == a.bodyRanges.map { ($0.lowerBound + shift)..<($0.upperBound + shift) },
                "packet at \(a.offset) moves to \(b.offset) with body \(b.bodyRanges)")
        require(sameContent(a.content, b.content, shift: shift), "content differs at an offset: \(a.content) vs \(b.content)")
        checkContentRanges(a, size: size)
    }
    require(moved.problem?.code == listing.problem?.code
                && moved.problem.map { $0.offset - shift } == listing.problem?.offset,
            "problem \(String(describing: listing.problem)) moves to \(String(describing: moved.problem))")
}

/// The length of the header at `offset` of a packet whose body is empty (so not partial).
private func emptyPacketHeaderLength(_ input: [UInt8], at offset: Int) -> Int {
    let first = input[offset]
    if first & 0x40 == 0 { return [2, 3, 5, 1][Int(first & 0x03)] }
    guard offset + 1 < input.count else { return 1 }
    return input[offset + 1] == 255 ? 6 : input[offset + 1] >= 192 ? 3 : 2
}

/// Whether `b` is `a` with every offset in it moved by `shift`.
private func sameContent(_ a: OpenPGPPacketContent, _ b: OpenPGPPacketContent, shift: Int) -> Bool {
    switch (a, b) {
    case (.malformed(let x), .malformed(let y)):
        return x.code == y.code && y.offset == x.offset + shift
    case (.literalData(let x), .literalData(let y)):
        return x.format == y.format && x.fileName == y.fileName && x.date == y.date
            && y.dataRanges == x.dataRanges.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
    case (.signature(let x), .signature(let y)):
        return sameSignature(x, y, shift: shift)
    default:
        return a == b
    }
}

private func sameSignature(_ x: OpenPGPSignaturePacket, _ y: OpenPGPSignaturePacket, shift: Int) -> Bool {
    x.version == y.version && x.signatureType == y.signatureType && x.publicKeyAlgorithm == y.publicKeyAlgorithm
        && x.hashAlgorithm == y.hashAlgorithm && x.creationTime == y.creationTime && x.issuerKeyID == y.issuerKeyID
        && x.issuerFingerprint == y.issuerFingerprint && x.signersUserID == y.signersUserID
        && x.subpackets.count == y.subpackets.count
        && zip(x.subpackets, y.subpackets).allSatisfy { p, q in
            p.type == q.type && p.isCritical == q.isCritical && p.isHashed == q.isHashed && p.length == q.length
                && q.offset == p.offset + shift
        }
        && x.embeddedSignatures.count == y.embeddedSignatures.count
        && zip(x.embeddedSignatures, y.embeddedSignatures).allSatisfy { sameSignature($0, $1, shift: shift) }
}

/// The ranges a packet's content names lie inside the packet's body.
private func checkContentRanges(_ packet: OpenPGPPacket, size: Int) {
    let body = packet.bodyRanges
    func inBody(_ range: Range<Int>) -> Bool {
        if body.isEmpty { return range.isEmpty }
        return range.isEmpty ? range.lowerBound >= body.first!.lowerBound && range.upperBound <= body.last!.upperBound
            : body.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }
    }
    func checkSignature(_ signature: OpenPGPSignaturePacket) {
        for subpacket in signature.subpackets {
            require(subpacket.length >= 0 && inBody(subpacket.offset..<(subpacket.offset + subpacket.length)),
                    "subpacket at \(subpacket.offset) of \(subpacket.length) octets outside the body \(body)")
        }
        signature.embeddedSignatures.forEach(checkSignature)
    }
    switch packet.content {
    case .literalData(let literal):
        for range in literal.dataRanges {
            require(inBody(range), "literal data \(range) outside the body \(body)")
        }
        require(literal.dataLength + literal.fileName.count <= packet.bodyLength, "literal data longer than its packet")
    case .signature(let signature):
        checkSignature(signature)
    default:
        break
    }
}

/// Armors `block`'s data again (no headers, no checksum) and checks it decodes the same.
private func rearmor(_ block: OpenPGPArmoredBlock) {
    var text = Array("-----BEGIN \(block.label)-----\n\n".utf8)
    text += Base64Encoder.encode(block.data)
    text += Array("\n-----END \(block.label)-----\n".utf8)
    do {
        let again = try OpenPGPArmor.decode(text)
        require(again.label == block.label && again.data == block.data && again.checksum == .absent,
                "re-armored \(block.label) decodes as \(again.label) with \(again.data.count) bytes")
    } catch {
        require(false, "re-armored \(block.label) (\(block.data.count) bytes) does not decode: \(error)")
    }
}

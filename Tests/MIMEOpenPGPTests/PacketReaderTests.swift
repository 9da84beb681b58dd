import MIMEKit
import Testing

@testable import MIMEOpenPGP

@Suite("OpenPGP packet reader on hand-built packets")
struct PacketReaderTests {
    let reader = OpenPGPPacketReader()

    private func literalData(_ packet: OpenPGPPacket) -> OpenPGPLiteralData? {
        if case .literalData(let literal) = packet.content { return literal }
        return nil
    }

    @Test(arguments: [PacketBuilder.Length.oneOctet, .twoOctet, .fiveOctet])
    func newFormatLengthFormsGiveTheSameBody(_ length: PacketBuilder.Length) throws {
        // One-octet lengths end at 191, two-octet lengths start at 192.
        let content = Array(text: "hello") + [UInt8](repeating: 0x2E, count: length == .oneOctet ? 100 : 200)
        let body = PacketBuilder.literal(name: "a.txt", data: content)
        let bytes = PacketBuilder.packet(tag: 11, body, length: length)
        let packets = try reader.packets(in: bytes)
        #expect(packets.count == 1)
        let headerLength = [PacketBuilder.Length.oneOctet: 2, .twoOctet: 3, .fiveOctet: 6][length]!
        #expect(packets[0].bodyRanges == [headerLength..<bytes.count])
        #expect(packets[0].headerFormat == .openPGP)
        let data = try #require(literalData(packets[0]))
        #expect(data.fileNameText == "a.txt")
        #expect(data.date == 0x5A00_0000)
        #expect(data.dataRanges.map { Array(bytes[$0]) } == [content])
    }

    @Test func twoOctetLengthBoundaries() throws {
        for size in [191, 192, 8383] {
            let bytes = PacketBuilder.packet(
                tag: 11, PacketBuilder.literal(name: "", data: []) + [UInt8](repeating: 0x41, count: size - 6))
            let packet = try #require(try reader.packets(in: bytes).first)
            #expect(packet.bodyLength == size)
            #expect(packet.bodyRanges.last?.upperBound == bytes.count)
        }
    }

    @Test func partialBodyLengthsAreJoined() throws {
        let data = (0..<1500).map { UInt8($0 % 251) }
        let body = PacketBuilder.literal(name: "stream.bin", data: data)
        let bytes = PacketBuilder.partialPacket(tag: 11, body, chunkPowers: [9, 8, 1])
        let packet = try #require(try reader.packets(in: bytes).first)
        #expect(packet.usesPartialBodyLengths)
        #expect(packet.bodyRanges.count == 4)
        #expect(packet.bodyLength == body.count)
        let literal = try #require(literalData(packet))
        #expect(literal.fileNameText == "stream.bin")
        #expect(literal.dataRanges.flatMap { Array(bytes[$0]) } == data)
    }

    @Test func fieldsSplitAcrossOneOctetChunksAreRead() throws {
        // Hostile but legal framing: every chunk one octet long, so the file name and the
        // date straddle chunk boundaries.
        let body = PacketBuilder.literal(name: "evil\n[GNUPG:] GOODSIG", data: Array(text: "x"))
        let bytes = PacketBuilder.partialPacket(tag: 11, body, chunkPowers: Array(repeating: 0, count: body.count - 1))
        let packet = try #require(try reader.packets(in: bytes).first)
        #expect(packet.bodyRanges.count == body.count)
        let literal = try #require(literalData(packet))
        #expect(literal.fileNameText == "evil\n[GNUPG:] GOODSIG")
        #expect(literal.date == 0x5A00_0000)
        #expect(literal.dataLength == 1)
    }

    @Test func partialLengthsOnANonDataPacketAreMalformed() throws {
        let userID = PacketBuilder.partialPacket(tag: 13, Array(text: "Mallory <m@example.org>"), chunkPowers: [2])
        let packets = try reader.packets(in: userID + PacketBuilder.packet(tag: 10, Array(text: "PGP")))
        #expect(packets.map(\.tag) == [.userID, .marker])
        guard case .malformed(let error) = packets[0].content else {
            Issue.record("expected a malformed user ID, got \(packets[0].content)")
            return
        }
        #expect(error.offset == 0)
        #expect(error.reason.contains("partial body lengths"))
    }

    @Test(arguments: [UInt8(0), 1, 2, 3])
    func legacyHeadersAllLengthTypes(_ lengthType: UInt8) throws {
        let body = PacketBuilder.literal(name: "old", data: Array(text: "legacy"))
        let marker = PacketBuilder.legacyPacket(tag: 10, Array(text: "PGP"), lengthType: 0)
        let bytes = marker + PacketBuilder.legacyPacket(tag: 11, body, lengthType: lengthType)
        let packets = try reader.packets(in: bytes)
        #expect(packets.map(\.tag) == [.marker, .literalData])
        #expect(packets[0].content == .marker(isWellFormed: true))
        #expect(packets[1].headerFormat == .legacy)
        #expect(packets[1].offset == marker.count)
        #expect(packets[1].hasIndeterminateLength == (lengthType == 3))
        #expect(packets[1].bodyLength == body.count)
        #expect(literalData(packets[1])?.fileNameText == "old")
    }

    @Test func truncatedBodyReportsThePacketOffset() {
        let first = PacketBuilder.packet(tag: 10, Array(text: "PGP"))
        var second = PacketBuilder.packet(tag: 11, PacketBuilder.literal(name: "t", data: Array(text: "0123456789")))
        second.removeLast(4)
        let listing = reader.listing(of: first + second)
        #expect(listing.packets.map(\.tag) == [.marker])
        #expect(listing.problem?.code == .truncated)
        #expect(listing.problem?.offset == first.count)
        #expect(listing.problem?.reason.contains("only 13 left") == true)
        #expect(throws: OpenPGPPacketError.self) { try reader.packets(in: first + second) }
    }

    @Test(arguments: [
        [UInt8]([0xC2]), [0xCB, 0xFF, 0x00, 0x00], [0xCB, 0xC5], [0x89, 0x00],
        [0xCB, 0xE9] + [UInt8](repeating: 0, count: 100),
    ])
    func truncatedHeadersAreErrorsNotCrashes(_ bytes: [UInt8]) {
        let listing = reader.listing(of: bytes)
        #expect(listing.packets.isEmpty)
        #expect(listing.problem?.code == .truncated)
        #expect(listing.problem?.offset == 0)
    }

    @Test func octetWithBitSevenClearIsNotAPacket() {
        let listing = reader.listing(of: PacketBuilder.packet(tag: 10, Array(text: "PGP")) + Array(text: "plain text"))
        #expect(listing.packets.count == 1)
        #expect(listing.problem?.code == .invalidPacketHeader)
        #expect(listing.problem?.offset == 5)
    }

    @Test func malformedBodyDoesNotStopTheListing() throws {
        let badPKESK = PacketBuilder.packet(tag: 1, [9, 1, 2, 3])
        let shortSignature = PacketBuilder.packet(tag: 2, [4, 0, 1])
        let bytes = badPKESK + shortSignature + PacketBuilder.packet(tag: 10, Array(text: "PGP"))
        let packets = try reader.packets(in: bytes)
        #expect(packets.map(\.tag) == [.publicKeyEncryptedSessionKey, .signature, .marker])
        guard case .malformed(let pkeskError) = packets[0].content,
            case .malformed(let signatureError) = packets[1].content
        else {
            Issue.record("expected malformed bodies, got \(packets.map(\.content))")
            return
        }
        #expect(pkeskError.reason.contains("version 9"))
        #expect(pkeskError.offset == 2)
        #expect(signatureError.reason.contains("hash algorithm"))
        #expect(signatureError.offset == badPKESK.count + 2 + 3)
    }

    @Test func uncompressedDataIsListedOneLevelDeeper() throws {
        let inner = PacketBuilder.packet(tag: 11, PacketBuilder.literal(name: "in.txt", data: Array(text: "hi")))
        let bytes = PacketBuilder.packet(tag: 8, [0] + inner)
        let packets = try reader.packets(in: bytes)
        #expect(packets.map(\.tag) == [.compressedData, .literalData])
        #expect(packets.map(\.depth) == [0, 1])
        #expect(packets[1].offset == 3)
        #expect(literalData(packets[1])?.dataRanges == [(bytes.count - 2)..<bytes.count])
    }

    @Test func nestedPacketsInsidePartialChunksMapToInputOffsets() throws {
        let inner = PacketBuilder.packet(
            tag: 11, PacketBuilder.literal(name: "deep", data: [UInt8](repeating: 0x61, count: 600)))
        let bytes = PacketBuilder.partialPacket(tag: 8, [0] + inner, chunkPowers: [9])
        let packets = try reader.packets(in: bytes)
        #expect(packets.map(\.tag) == [.compressedData, .literalData])
        let literal = try #require(literalData(packets[1]))
        #expect(literal.fileNameText == "deep")
        #expect(literal.dataRanges.count == 2)
        #expect(literal.dataRanges.allSatisfy { bytes[$0].allSatisfy { $0 == 0x61 } })
        #expect(literal.dataLength == 600)
    }

    @Test func depthCapStopsDeepNesting() {
        var bytes = PacketBuilder.packet(tag: 10, Array(text: "PGP"))
        for _ in 0..<40 { bytes = PacketBuilder.packet(tag: 8, [0] + bytes) }
        let listing = OpenPGPPacketReader(maximumDepth: 8).listing(of: bytes)
        #expect(listing.problem?.code == .depthLimitExceeded)
        #expect(listing.packets.count == 9)
        #expect(listing.packets.last?.depth == 8)
        let shallow = OpenPGPPacketReader(maximumDepth: 50).listing(of: bytes)
        #expect(shallow.problem == nil)
        #expect(shallow.packets.count == 41)
    }

    @Test func packetLimitStopsTheReader() {
        let bytes = Array([[UInt8]](repeating: PacketBuilder.packet(tag: 10, Array(text: "PGP")), count: 20).joined())
        let listing = OpenPGPPacketReader(maximumPackets: 5).listing(of: bytes)
        #expect(listing.packets.count == 5)
        #expect(listing.problem?.code == .packetLimitExceeded)
        #expect(listing.problem?.offset == 25)
    }

    @Test func sessionKeyAndEncryptedDataPackets() throws {
        let pkesk3 = PacketBuilder.packet(
            tag: 1, [3, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 1] + [0, 8, 0xFF])
        let fingerprint = (0..<32).map { UInt8($0) }
        let pkesk6 = PacketBuilder.packet(tag: 1, [6, 33, 6] + fingerprint + [25] + [UInt8](repeating: 7, count: 33))
        let anonymous = PacketBuilder.packet(tag: 1, [6, 0, 18, 1, 2])
        let skesk4 = PacketBuilder.packet(tag: 3, [4, 9, 3, 8] + [UInt8](repeating: 1, count: 8) + [0x60])
        let skesk6 = PacketBuilder.packet(tag: 3, [6, 30, 9, 2, 20, 4] + [UInt8](repeating: 0, count: 40))
        let seipd2 = PacketBuilder.packet(tag: 18, [2, 9, 2, 16] + [UInt8](repeating: 0x55, count: 32 + 40))
        let aead = PacketBuilder.packet(tag: 20, [1, 7, 1, 12] + [UInt8](repeating: 0, count: 32))
        let sed = PacketBuilder.packet(tag: 9, [UInt8](repeating: 0x99, count: 30))
        let packets = try reader.packets(in: pkesk3 + pkesk6 + anonymous + skesk4 + skesk6 + seipd2 + aead + sed)
        #expect(packets.count == 8)
        guard case .publicKeyEncryptedSessionKey(let p3) = packets[0].content,
            case .publicKeyEncryptedSessionKey(let p6) = packets[1].content,
            case .publicKeyEncryptedSessionKey(let anon) = packets[2].content,
            case .symmetricKeyEncryptedSessionKey(let s4) = packets[3].content,
            case .symmetricKeyEncryptedSessionKey(let s6) = packets[4].content,
            case .symmetricallyEncryptedIntegrityProtectedData(let v2) = packets[5].content,
            case .aeadEncryptedData(let a) = packets[6].content
        else {
            Issue.record("unexpected contents \(packets.map(\.content))")
            return
        }
        #expect(p3.version == 3 && p3.keyID?.description == "0123456789ABCDEF" && p3.algorithm == .rsa)
        #expect(p6.fingerprint == OpenPGPFingerprint(keyVersion: 6, bytes: fingerprint) && p6.algorithm == .x25519)
        #expect(anon.fingerprint == nil && anon.keyID == nil && anon.algorithm == .ecdh)
        #expect(s4.symmetricAlgorithm == .aes256 && s4.s2kType == 3 && s4.aeadAlgorithm == nil)
        #expect(s6.symmetricAlgorithm == .aes256 && s6.aeadAlgorithm == .ocb && s6.s2kType == 4)
        #expect(
            v2.version == 2 && v2.symmetricAlgorithm == .aes256 && v2.aeadAlgorithm == .ocb && v2.chunkSizeOctet == 16)
        #expect(a.symmetricAlgorithm == .aes128 && a.aeadAlgorithm == .eax)
        #expect(packets[7].content == .symmetricallyEncryptedData)
        #expect(packets[7].tag.isEncryptedData && packets[5].tag.isEncryptedData)
    }

    @Test func signatureSubpacketsGiveIssuerAndTime() throws {
        let fingerprint = (0..<20).map { UInt8(0xA0 + $0) }
        let hashed: [UInt8] = [5, 2] + PacketBuilder.bigEndian(1_700_000_000) + [22, 33, 4] + fingerprint
        let unhashed: [UInt8] = [9, 16] + fingerprint.suffix(8) + [4, 0x9C] + Array(text: "x@y")
        let body: [UInt8] =
            [4, 0x01, 22, 8, 0, UInt8(hashed.count)] + hashed + [0, UInt8(unhashed.count)] + unhashed + [
                0xAB, 0xCD, 0, 1, 1,
            ]
        let packet = try #require(try reader.packets(in: PacketBuilder.packet(tag: 2, body)).first)
        guard case .signature(let signature) = packet.content else {
            Issue.record("not a signature: \(packet.content)")
            return
        }
        #expect(signature.version == 4)
        #expect(signature.signatureType == .text)
        #expect(signature.publicKeyAlgorithm == .eddsaLegacy)
        #expect(signature.hashAlgorithm == .sha256)
        #expect(signature.creationTime == 1_700_000_000)
        #expect(signature.issuerFingerprint?.description == "A0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3")
        #expect(signature.issuerKeyID?.description == "ACADAEAFB0B1B2B3")
        #expect(signature.signersUserID == "x@y")
        #expect(signature.subpackets.map(\.type) == [2, 33, 16, 28])
        #expect(signature.subpackets.map(\.isHashed) == [true, true, false, false])
        #expect(signature.subpackets[3].isCritical)
        #expect(signature.subpackets[0].offset == 2 + 6 + 2)
    }

    @Test func embeddedSignaturesNestUpToTheDepthCap() throws {
        var signature: [UInt8] = [4, 0x19, 22, 8, 0, 0, 0, 0, 0xAB, 0xCD]
        for _ in 0..<12 {
            let unhashed: [UInt8] = [UInt8(signature.count + 1), 32] + signature
            signature = [4, 0x18, 22, 8, 0, 0, 0, UInt8(unhashed.count)] + unhashed + [0xAB, 0xCD]
        }
        let packet = PacketBuilder.packet(tag: 2, signature)
        let deep = try #require(try OpenPGPPacketReader(maximumDepth: 20).packets(in: packet).first)
        guard case .signature(let outer) = deep.content else {
            Issue.record("not a signature")
            return
        }
        #expect(outer.embeddedSignatures.first?.signatureType == .subkeyBinding)
        let capped = try #require(try OpenPGPPacketReader(maximumDepth: 4).packets(in: packet).first)
        guard case .malformed(let error) = capped.content else {
            Issue.record("expected the depth cap to stop the signature: \(capped.content)")
            return
        }
        #expect(error.code == .depthLimitExceeded)
    }

    @Test func keyAndUserIDPackets() throws {
        let key = PacketBuilder.packet(
            tag: 6, [4] + PacketBuilder.bigEndian(1_600_000_000) + [22, 9] + [UInt8](repeating: 0, count: 9))
        let userID = PacketBuilder.packet(tag: 13, Array(text: "Zoë <zoe@example.org>"))
        let packets = try reader.packets(in: key + userID)
        #expect(packets[0].content == .key(try #require(keyPacket(packets[0]))))
        #expect(keyPacket(packets[0])?.creationTime == 1_600_000_000)
        #expect(keyPacket(packets[0])?.algorithm == .eddsaLegacy)
        #expect(packets[1].content == .userID(Array(text: "Zoë <zoe@example.org>")))
    }

    private func keyPacket(_ packet: OpenPGPPacket) -> OpenPGPKeyPacket? {
        if case .key(let key) = packet.content { return key }
        return nil
    }

    @Test func byteViewOffsetsAreAbsolute() throws {
        let prefix = Array(text: "Content-Type: application/octet-stream\r\n\r\n")
        let packet = PacketBuilder.packet(tag: 11, PacketBuilder.literal(name: "v", data: Array(text: "abc")))
        let storage = ByteStorage(prefix + packet)
        let packets = try reader.packets(in: storage.view(prefix.count..<storage.count))
        #expect(packets.first?.offset == prefix.count)
        #expect(literalData(packets[0])?.dataRanges == [(storage.count - 3)..<storage.count])
    }

    @Test func mutatedInputNeverEscapesItsBounds() {
        // A deterministic mutation run: every listing must stay inside the input, with
        // packets in increasing order, whatever the bytes.
        let seed = PacketBuilder.partialPacket(
            tag: 8,
            [0] + PacketBuilder.packet(tag: 1, [3] + [UInt8](repeating: 1, count: 9) + [1, 0, 1, 1])
                + PacketBuilder.packet(
                    tag: 11, PacketBuilder.literal(name: "f", data: [UInt8](repeating: 0x62, count: 700))),
            chunkPowers: [9])
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(Int.max))
        }
        for round in 0..<3000 {
            var bytes = seed
            for _ in 0..<(1 + round % 4) { bytes[next() % bytes.count] = UInt8(next() % 256) }
            if round % 3 == 0 { bytes.removeLast(next() % bytes.count) }
            let listing = OpenPGPPacketReader(maximumDepth: 4).listing(of: bytes)
            var lastOffset = -1
            for packet in listing.packets {
                #expect(packet.offset > lastOffset)
                lastOffset = packet.offset
                #expect(packet.bodyRanges.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= bytes.count })
            }
            if let problem = listing.problem { #expect(problem.offset >= 0 && problem.offset <= bytes.count) }
        }
    }
}

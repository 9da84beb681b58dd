public import MIMEKit

/// Lists the packets of binary OpenPGP data without any key (RFC 9580 §4 and §5, RFC 4880).
///
/// The reader is bounded: `maximumDepth` caps nesting (packets inside an uncompressed
/// Compressed Data packet, embedded signatures) and `maximumPackets` the number of packets.
/// Every length is checked against the input, so hostile input gives a listing with a
/// `problem` (offset and reason), never a crash or a hang. Work is linear in the input size.
///
/// ```swift
/// let listing = OpenPGPPacketReader().listing(of: bytes)
/// for packet in listing.packets { print(packet.offset, packet.tag) }
/// ```
public struct OpenPGPPacketReader: Sendable {
    /// How deep packets may nest; deeper input stops the reader with `depthLimitExceeded`.
    public var maximumDepth: Int
    /// How many packets may be listed; more stop the reader with `packetLimitExceeded`.
    public var maximumPackets: Int

    /// A reader with the given limits; the defaults suit mail (GnuPG nests at most a few levels).
    public init(maximumDepth: Int = 8, maximumPackets: Int = 100_000) {
        self.maximumDepth = maximumDepth
        self.maximumPackets = maximumPackets
    }

    /// The packets of `bytes`; offsets count from the start of the array.
    public func listing(of bytes: [UInt8]) -> OpenPGPPacketListing {
        bytes.withUnsafeBytes { listing(buffer: $0, baseOffset: 0) }
    }

    /// The packets of `view`; offsets are the view's absolute offsets in its storage.
    public func listing(of view: ByteView) -> OpenPGPPacketListing {
        view.withUnsafeBytes { listing(buffer: $0, baseOffset: view.startIndex) }
    }

    /// The packets of `bytes`, or the first problem found.
    public func packets(in bytes: [UInt8]) throws(OpenPGPPacketError) -> [OpenPGPPacket] {
        let result = listing(of: bytes)
        if let problem = result.problem { throw problem }
        return result.packets
    }

    /// The packets of `view`, or the first problem found.
    public func packets(in view: ByteView) throws(OpenPGPPacketError) -> [OpenPGPPacket] {
        let result = listing(of: view)
        if let problem = result.problem { throw problem }
        return result.packets
    }

    private func listing(buffer: UnsafeRawBufferPointer, baseOffset: Int) -> OpenPGPPacketListing {
        var packets: [OpenPGPPacket] = []
        let source = SegmentedBytes(buffer: buffer, baseOffset: baseOffset, segments: [0..<buffer.count])
        do {
            try read(source, depth: 0, into: &packets)
            return OpenPGPPacketListing(packets: packets, problem: nil)
        } catch {
            return OpenPGPPacketListing(packets: packets, problem: error)
        }
    }

    /// Reads consecutive packets filling `source`, appending each (and the packets nested in
    /// it) to `packets`.
    private func read(_ source: SegmentedBytes, depth: Int, into packets: inout [OpenPGPPacket])
        throws(OpenPGPPacketError)
    {
        var position = 0
        while position < source.count {
            if packets.count >= maximumPackets {
                throw OpenPGPPacketError(
                    code: .packetLimitExceeded, offset: source.absolute(position),
                    reason: "more than \(maximumPackets) packets")
            }
            let start = position
            let first = source[position]
            guard first & 0x80 != 0 else {
                throw OpenPGPPacketError(
                    code: .invalidPacketHeader, offset: source.absolute(position),
                    reason: "octet 0x\(String(first, radix: 16)) does not start a packet (bit 7 clear)")
            }
            position += 1
            let tag: OpenPGPPacketTag
            let format: OpenPGPPacket.HeaderFormat
            var chunks: [Range<Int>] = []
            var indeterminate = false

            func lengthOctets(_ n: Int) throws(OpenPGPPacketError) -> Int {
                guard source.count - position >= n else {
                    throw .truncated(
                        at: source.absolute(start),
                        "the \(tagName(first)) packet header needs \(n) length octets, \(source.count - position) left")
                }
                var value = 0
                for i in 0..<n { value = value << 8 | Int(source[position + i]) }
                position += n
                return value
            }
            func body(_ length: Int) throws(OpenPGPPacketError) {
                guard source.count - position >= length else {
                    throw .truncated(
                        at: source.absolute(start),
                        "the \(tagName(first)) packet declares \(length) body octets at offset "
                            + "\(source.absolute(position)), only \(source.count - position) left")
                }
                chunks.append(position..<(position + length))
                position += length
            }

            if first & 0x40 != 0 {
                format = .openPGP
                tag = OpenPGPPacketTag(rawValue: first & 0x3F)
                while true {
                    let octet = try lengthOctets(1)
                    switch octet {
                    case ..<192:
                        try body(octet)
                    case 192..<224:
                        try body(((octet - 192) << 8) + (try lengthOctets(1)) + 192)
                    case 255:
                        try body(try lengthOctets(4))
                    default:
                        try body(1 << (octet & 0x1F))
                        continue
                    }
                    break
                }
            } else {
                format = .legacy
                tag = OpenPGPPacketTag(rawValue: (first >> 2) & 0x0F)
                switch first & 0x03 {
                case 0: try body(try lengthOctets(1))
                case 1: try body(try lengthOctets(2))
                case 2: try body(try lengthOctets(4))
                default:
                    indeterminate = true
                    try body(source.count - position)
                }
            }

            let bodyBytes = SegmentedBytes(
                buffer: source.buffer, baseOffset: source.baseOffset,
                segments: chunks.flatMap { source.bufferRanges($0) })
            // RFC 9580 §4.2.1.4: only data packets may be streamed in chunks; GnuPG rejects
            // any other packet sent that way, so its body is not interpreted either.
            let content: OpenPGPPacketContent =
                chunks.count > 1 && !tag.allowsPartialBodyLengths
                ? .malformed(
                    .malformed(
                        at: source.absolute(start),
                        "a \(tag) packet may not use partial body lengths (RFC 9580 §4.2.1.4)"))
                : self.content(tag: tag, body: bodyBytes, depth: depth)
            packets.append(
                OpenPGPPacket(
                    tag: tag, headerFormat: format, offset: source.absolute(start),
                    bodyRanges: chunks.flatMap { source.absoluteRanges($0) },
                    usesPartialBodyLengths: chunks.count > 1, hasIndeterminateLength: indeterminate,
                    depth: depth, content: content))

            if case .compressedData(.uncompressed) = content, bodyBytes.count > 1 {
                if depth + 1 > maximumDepth {
                    throw OpenPGPPacketError(
                        code: .depthLimitExceeded, offset: source.absolute(start),
                        reason: "packets nest deeper than \(maximumDepth)")
                }
                try read(bodyBytes.slice(1..<bodyBytes.count), depth: depth + 1, into: &packets)
            }
        }
    }

    private func tagName(_ first: UInt8) -> String {
        let raw = first & 0x40 != 0 ? first & 0x3F : (first >> 2) & 0x0F
        return OpenPGPPacketTag(rawValue: raw).description
    }

    private func content(tag: OpenPGPPacketTag, body: SegmentedBytes, depth: Int) -> OpenPGPPacketContent {
        var cursor = PacketBodyCursor(body)
        do {
            switch tag {
            case .publicKeyEncryptedSessionKey:
                return .publicKeyEncryptedSessionKey(try .init(&cursor))
            case .symmetricKeyEncryptedSessionKey:
                return .symmetricKeyEncryptedSessionKey(try .init(&cursor))
            case .signature:
                return .signature(try .init(&cursor, depth: depth, maximumDepth: maximumDepth))
            case .onePassSignature:
                return .onePassSignature(try .init(&cursor))
            case .publicKey, .publicSubkey, .secretKey, .secretSubkey:
                return .key(try .init(&cursor))
            case .userID:
                return .userID(body.copy(0..<body.count))
            case .compressedData:
                return .compressedData(.init(rawValue: try cursor.byte("compression algorithm")))
            case .symmetricallyEncryptedData:
                return .symmetricallyEncryptedData
            case .symmetricallyEncryptedIntegrityProtectedData:
                return .symmetricallyEncryptedIntegrityProtectedData(try .init(&cursor))
            case .aeadEncryptedData:
                return .aeadEncryptedData(try .init(&cursor))
            case .literalData:
                return .literalData(try .init(&cursor))
            case .marker:
                return .marker(isWellFormed: body.count == 3 && body.copy(0..<3) == Array("PGP".utf8))
            default:
                return .opaque
            }
        } catch {
            return .malformed(error)
        }
    }
}

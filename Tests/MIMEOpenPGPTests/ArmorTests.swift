import MIMEKit
import Testing

@testable import MIMEOpenPGP

@Suite("ASCII armor and clear-signed text")
struct ArmorTests {
    /// A marker packet and a literal packet, armored by hand.
    static let payload: [UInt8] =
        PacketBuilder.packet(tag: 10, Array(text: "PGP"))
        + PacketBuilder.packet(tag: 11, PacketBuilder.literal(name: "note.txt", data: Array(text: "armored text")))

    static func armored(_ data: [UInt8], label: String = "PGP MESSAGE", checksum: UInt32? = nil) -> String {
        let base64 = base64Encode(data)
        var lines = ["-----BEGIN \(label)-----", "Comment: made by a test", ""]
        var index = base64.startIndex
        while index < base64.endIndex {
            let end = base64.index(index, offsetBy: 20, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<end]))
            index = end
        }
        let crc = checksum ?? CRC24.checksum(data)
        lines.append("=" + base64Encode([UInt8(crc >> 16), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]))
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    static func base64Encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var text = ""
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<4 {
                text.append(position <= chunk.count ? alphabet[Int(value >> (18 - 6 * UInt32(position)) & 0x3F)] : "=")
            }
            index += 3
        }
        return text
    }

    @Test(arguments: [false, true])
    func blockDecodesWithHeadersAndChecksum(crlf: Bool) throws {
        let text = Array(text: Self.armored(Self.payload))
        let input = crlf ? text.crlf : text
        let scan = OpenPGPArmor.scan(input)
        let block = try #require(scan.blocks.first)
        #expect(scan.blocks.count == 1)
        #expect(block.kind == .message)
        #expect(block.problem == nil)
        #expect(block.data == Self.payload)
        #expect(block.checksum == .matches)
        #expect(block.headers == [OpenPGPArmorHeader(name: "Comment", value: "made by a test")])
        #expect(block.range.lowerBound == 0)
        #expect(block.range.upperBound == input.count - (crlf ? 2 : 1))
        #expect(!scan.hasSurroundingText)
        let packets = try OpenPGPPacketReader().packets(in: block.data)
        #expect(packets.map(\.tag) == [.marker, .literalData])
    }

    @Test func checksumMismatchIsReportedNotFatal() throws {
        let block = try OpenPGPArmor.decode(Array(text: Self.armored(Self.payload, checksum: 0x123456)))
        #expect(block.data == Self.payload)
        #expect(block.checksum == .mismatch(written: 0x123456, computed: CRC24.checksum(Self.payload)))
    }

    @Test func crc24MatchesTheRFCInitialisation() {
        // RFC 9580 §6.1: the CRC of no data is the initial value.
        #expect(CRC24.checksum([]) == 0xB7_04CE)
        #expect(CRC24.checksum(Array(text: "123456789")) == 0x21_CF02)
    }

    @Test func characterOutsideBase64IsBrokenArmorWithOffset() {
        var text = Array(text: Self.armored(Self.payload))
        let dataStart = text.firstIndex(of: 0x0A)! + 1 + "Comment: made by a test\n\n".utf8.count
        text[dataStart + 5] = UInt8(ascii: "*")
        let block = OpenPGPArmor.scan(text).blocks.first
        #expect(block?.problem?.code == .brokenArmor)
        #expect(block?.problem?.offset == dataStart + 5)
        #expect(block?.data == [])
        #expect(throws: OpenPGPPacketError.self) { try OpenPGPArmor.decode(text) }
    }

    @Test func missingEndLineIsBrokenArmor() {
        let text = Self.armored(Self.payload).replacingOccurrences(of: "-----END PGP MESSAGE-----\n", with: "")
        let block = OpenPGPArmor.scan(Array(text: text)).blocks.first
        #expect(block?.problem?.code == .brokenArmor)
        #expect(block?.problem?.reason.contains("no -----END PGP MESSAGE----- line") == true)
    }

    @Test func mismatchedEndLabelIsBrokenArmor() {
        let text = Self.armored(Self.payload).replacingOccurrences(
            of: "-----END PGP MESSAGE-----", with: "-----END PGP SIGNATURE-----")
        let block = OpenPGPArmor.scan(Array(text: text)).blocks.first
        #expect(block?.problem?.code == .brokenArmor)
        #expect(block?.problem?.reason.contains("does not match") == true)
    }

    @Test func textWithoutArmorHasNoBlock() {
        let scan = OpenPGPArmor.scan(Array(text: " \nhello\nworld\n"))
        #expect(scan.blocks.isEmpty)
        #expect(scan.surroundingText == [2..<13])
        let unfinished = OpenPGPArmor.scan(Array(text: "see -----BEGIN PGP MESSAGE----- below"))
        #expect(unfinished.blocks.isEmpty)
        #expect(throws: OpenPGPPacketError.self) { try OpenPGPArmor.decode(Array(text: "hello")) }
    }

    @Test(arguments: [false, true])
    func severalBlocksAndSurroundingTextAreLocated(crlf: Bool) throws {
        let first = Self.armored(Self.payload)
        let second = Self.armored(Array(Self.payload.reversed().reversed()), label: "PGP SIGNATURE")
        let text = "Please read:\n\n" + first + "\n  \n" + second + "\n-- \nMallory\n"
        let input = crlf ? Array(text: text).crlf : Array(text: text)
        let scan = OpenPGPArmor.scan(input)
        #expect(scan.blocks.map(\.kind) == [.message, .signature])
        let firstStart = crlf ? 16 : 14
        #expect(scan.blocks[0].range.lowerBound == firstStart)
        #expect(input[scan.blocks[1].range].starts(with: Array(text: "-----BEGIN PGP SIGNATURE-----")))
        #expect(
            input[scan.blocks[1].range].reversed().starts(with: Array(text: "-----END PGP SIGNATURE-----").reversed()))
        #expect(
            scan.surroundingText.map { String(decoding: input[$0], as: UTF8.self) } == [
                "Please read:", crlf ? "-- \r\nMallory" : "-- \nMallory",
            ])
        #expect(scan.hasSurroundingText)
    }

    @Test(arguments: [false, true])
    func clearSignedTextIsCanonicalised(crlf: Bool) throws {
        let signature = Self.armored(Self.payload, label: "PGP SIGNATURE")
        let text = """
            -----BEGIN PGP SIGNED MESSAGE-----
            Hash: SHA256, SHA512

            Dear Bob,\t \n- -- not a separator
            - From the desk of Alice
            last line  
            """ + "\n" + signature
        let input = crlf ? Array(text: text).crlf : Array(text: text)
        let scan = OpenPGPArmor.scan(input)
        let block = try #require(scan.blocks.first)
        #expect(scan.blocks.count == 1)
        #expect(block.kind == .signedMessage)
        #expect(block.problem == nil)
        let signed = try #require(block.clearSigned)
        #expect(signed.hashAlgorithms == ["SHA256", "SHA512"])
        #expect(
            signed.canonicalText
                == Array(text: "Dear Bob,\r\n-- not a separator\r\nFrom the desk of Alice\r\nlast line"))
        #expect(input[signed.textRange].starts(with: Array(text: "Dear Bob,")))
        #expect(input[signed.textRange].reversed().starts(with: Array(text: "last line  ").reversed()))
        #expect(block.data == Self.payload)
        #expect(block.range.upperBound == signed.signatureRange.upperBound)
        #expect(input[signed.signatureRange].starts(with: Array(text: "-----BEGIN PGP SIGNATURE-----")))
    }

    @Test func clearSignedWithoutSignatureIsBroken() {
        let text = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nunsigned after all\n"
        let block = OpenPGPArmor.scan(Array(text: text)).blocks.first
        #expect(block?.kind == .signedMessage)
        #expect(block?.problem?.code == .brokenArmor)
        #expect(block?.clearSigned?.canonicalText == Array(text: "unsigned after all"))
    }

    @Test func dearmorPassesBinaryThrough() throws {
        #expect(try OpenPGPArmor.dearmorIfNeeded(Self.payload) == Self.payload)
        #expect(try OpenPGPArmor.dearmorIfNeeded(Array(text: Self.armored(Self.payload))) == Self.payload)
    }

    @Test func byteViewScanUsesAbsoluteOffsets() throws {
        let prefix = Array(text: "Subject: x\r\n\r\n")
        let storage = ByteStorage(prefix + Array(text: Self.armored(Self.payload)))
        let scan = OpenPGPArmor.scan(storage.view(prefix.count..<storage.count))
        #expect(scan.blocks.first?.range.lowerBound == prefix.count)
        #expect(scan.blocks.first?.data == Self.payload)
    }
}

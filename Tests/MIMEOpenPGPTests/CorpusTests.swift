import Testing

@testable import MIMEOpenPGP

/// The GMime test samples in `../shared/corpus/gmime/pgp` and `pgpmime`, read in place.
@Suite("GMime OpenPGP samples", .enabled(if: Corpus.hasGMime, "the shared corpus ../shared/corpus/gmime is absent"))
struct CorpusTests {
    @Test func encryptedMessageListsElGamalPKESKAndSEIPD() throws {
        let message = try #require(Corpus.bytes("gmime/pgp/encrypted-message.txt"))
        let scan = OpenPGPArmor.scan(message)
        #expect(scan.blocks.count == 1)
        #expect(scan.hasSurroundingText, "the mail headers and the signature text lie around the block")
        let block = try #require(scan.blocks.first)
        #expect(block.checksum == .matches)
        let packets = try OpenPGPPacketReader().packets(in: block.data)
        #expect(packets.map(\.tag) == [.publicKeyEncryptedSessionKey, .symmetricallyEncryptedIntegrityProtectedData])
        guard case .publicKeyEncryptedSessionKey(let pkesk) = packets[0].content,
            case .symmetricallyEncryptedIntegrityProtectedData(let seipd) = packets[1].content
        else {
            Issue.record("unexpected contents \(packets.map(\.content))")
            return
        }
        #expect(pkesk.version == 3)
        #expect(pkesk.keyID?.description == "04C9D286CEF249E9")
        #expect(pkesk.algorithm == .elgamal)
        #expect(seipd.version == 1)
        #expect(packets[0].headerFormat == .legacy)
        #expect(packets[1].headerFormat == .openPGP)
    }

    @Test func bareBlockFileHasNoSurroundingText() throws {
        let block = try #require(Corpus.bytes("gmime/pgp/encrypted-message.txt.openpgp-block"))
        let scan = OpenPGPArmor.scan(block)
        #expect(scan.blocks.count == 1)
        #expect(!scan.hasSurroundingText)
    }

    @Test func clearSignedMessageGivesTextAndDSASignature() throws {
        let message = try #require(Corpus.bytes("gmime/pgp/signed-message.txt"))
        let block = try #require(OpenPGPArmor.scan(message).blocks.first)
        #expect(block.kind == .signedMessage)
        let signed = try #require(block.clearSigned)
        #expect(signed.hashAlgorithms == ["SHA1"])
        #expect(signed.canonicalText == Array(text: "This is the message body."))
        let packets = try OpenPGPPacketReader().packets(in: block.data)
        guard packets.count == 1, case .signature(let signature) = packets[0].content else {
            Issue.record("expected one signature packet, got \(packets)")
            return
        }
        #expect(signature.version == 4)
        #expect(signature.signatureType == .text)
        #expect(signature.publicKeyAlgorithm == .dsa)
        #expect(signature.hashAlgorithm == .sha1)
        #expect(signature.issuerKeyID?.description == "B47760E95182C200")
        #expect(signature.issuerFingerprint?.description.hasSuffix("B47760E95182C200") == true)
        #expect(signature.creationTime == 0x5A31_44A3)
    }

    @Test(arguments: [
        "gmime/pgp/gmime.gpg.pub", "gmime/pgpmime/gmime.gpg.pub", "gmime/pgp/gmime.gpg.sec",
        "gmime/pgpmime/gmime.gpg.sec",
    ])
    func keyBlocksListKeysAndUserIDs(_ path: String) throws {
        let text = try #require(Corpus.bytes(path))
        let block = try #require(OpenPGPArmor.scan(text).blocks.first)
        #expect(block.kind == (path.hasSuffix(".sec") ? .privateKeyBlock : .publicKeyBlock))
        let packets = try OpenPGPPacketReader().packets(in: block.data)
        let primary: OpenPGPPacketTag = path.hasSuffix(".sec") ? .secretKey : .publicKey
        #expect(packets.first?.tag == primary)
        if case .key(let key) = packets.first?.content {
            #expect(key.algorithm == .dsa)
            #expect(key.version == 4)
        } else {
            Issue.record("the first packet is not a key: \(String(describing: packets.first))")
        }
        let userIDs = packets.compactMap { packet -> String? in
            if case .userID(let bytes) = packet.content { return String(decoding: bytes, as: UTF8.self) }
            return nil
        }
        #expect(userIDs == ["no.user (no.comment) <no.user@no.domain>"])
        #expect(packets.contains { if case .key(let k) = $0.content { k.algorithm == .elgamal } else { false } })
        #expect(!packets.contains { if case .malformed = $0.content { true } else { false } })
    }
}

import Testing

@testable import MIMEOpenPGP

/// The packet reader on messages `gpg` made.
@Suite("OpenPGP packet reader on gpg-made messages", .serialized)
final class GnuPGPacketTests {
    let home: GnuPGHome
    let alice: String
    let plaintext = Array(text: "Meet me at noon.\n")

    init() throws {
        home = try GnuPGHome()
        alice = try home.generateKey("Alice <alice@example.org>")
    }

    private func packets(_ arguments: [String], input: [UInt8]? = nil) throws -> [OpenPGPPacket] {
        let message = try home.gpg(arguments, input: input ?? plaintext).output
        return try OpenPGPPacketReader().packets(in: OpenPGPArmor.dearmorIfNeeded(message))
    }

    @Test func publicKeyEncryptionGivesPKESKAndSEIPDv1() throws {
        let packets = try packets(["--armor", "--encrypt", "-r", "alice@example.org"])
        #expect(packets.map(\.tag) == [.publicKeyEncryptedSessionKey, .symmetricallyEncryptedIntegrityProtectedData])
        guard case .publicKeyEncryptedSessionKey(let pkesk) = packets[0].content,
            case .symmetricallyEncryptedIntegrityProtectedData(let seipd) = packets[1].content
        else {
            Issue.record("unexpected contents \(packets.map(\.content))")
            return
        }
        #expect(pkesk.algorithm == .ecdh)
        let subkeys = try home.gpg(["--with-colons", "--list-keys", alice]).text
        #expect(subkeys.contains(":\(pkesk.keyID?.description ?? "none"):"))
        #expect(seipd.version == 1)
    }

    @Test func symmetricEncryptionGivesSKESK() throws {
        let packets = try packets(["--symmetric", "--pinentry-mode", "loopback", "--passphrase", "pw"])
        #expect(
            packets.map(\.tag) == [.symmetricKeyEncryptedSessionKey, .symmetricallyEncryptedIntegrityProtectedData])
        guard case .symmetricKeyEncryptedSessionKey(let skesk) = packets[0].content else {
            Issue.record("no SKESK")
            return
        }
        #expect(skesk.version == 4)
        #expect(skesk.symmetricAlgorithm == .aes256)
        #expect(skesk.s2kType == 3)
    }

    @Test func rfc2440EncryptionGivesSymmetricallyEncryptedData() throws {
        let packets = try packets(["--rfc2440", "--encrypt", "-r", "alice@example.org"])
        #expect(packets.map(\.tag) == [.publicKeyEncryptedSessionKey, .symmetricallyEncryptedData])
        #expect(packets[1].content == .symmetricallyEncryptedData)
    }

    @Test func signedLiteralCarriesTheFileNameAndIssuer() throws {
        let packets = try packets(["--sign", "-z", "0", "--set-filename", "report.txt"])
        #expect(packets.map(\.tag) == [.onePassSignature, .literalData, .signature])
        guard case .onePassSignature(let onePass) = packets[0].content,
            case .literalData(let literal) = packets[1].content,
            case .signature(let signature) = packets[2].content
        else {
            Issue.record("unexpected contents \(packets.map(\.content))")
            return
        }
        #expect(literal.fileNameText == "report.txt")
        #expect(literal.format == UInt8(ascii: "b"))
        #expect(literal.dataLength == plaintext.count)
        #expect(onePass.keyID == signature.issuerKeyID)
        #expect(onePass.isNested)
        #expect(signature.issuerFingerprint?.description == alice)
        #expect(signature.publicKeyAlgorithm == .eddsaLegacy)
        #expect(signature.signatureType == .binary)
        #expect(signature.creationTime != nil)
    }

    @Test func compressedSignedMessageShowsTheAlgorithm() throws {
        let packets = try packets(["--sign", "--compress-algo", "zlib"])
        #expect(packets.map(\.tag) == [.compressedData])
        #expect(packets[0].content == .compressedData(.zlib))
    }

    @Test func literalFromAPipeUsesPartialLengths() throws {
        let data = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let message = try home.gpg(["--store", "-z", "0"], input: data).output
        let packets = try OpenPGPPacketReader().packets(in: message)
        guard packets.count == 1, case .literalData(let literal) = packets[0].content else {
            Issue.record("expected one literal packet, got \(packets)")
            return
        }
        #expect(packets[0].usesPartialBodyLengths)
        #expect(literal.dataRanges.flatMap { message[$0] } == data)
    }

    @Test func everyTruncationOfAGPGMessageIsReportedNotCrashed() throws {
        let message = try home.gpg(["--sign", "-z", "0", "--set-filename", "t.txt"]).output
        let whole = try OpenPGPPacketReader().packets(in: message)
        let boundaries = Set([0] + whole.map { $0.bodyRanges.last!.upperBound })
        for length in 0..<message.count {
            let listing = OpenPGPPacketReader().listing(of: Array(message.prefix(length)))
            let clean =
                listing.problem == nil
                && !listing.packets.contains { if case .malformed = $0.content { true } else { false } }
            // Only a cut between two packets leaves a clean listing (of fewer packets).
            #expect(
                clean == boundaries.contains(length),
                "prefix of \(length) octets: \(String(describing: listing.problem))")
            if let problem = listing.problem { #expect(problem.code == .truncated) }
        }
    }
}

import Testing
@testable import MIMEKit

@Suite struct MIMECanonicalizerTests {
    private func canonical(_ text: String) -> String {
        String(decoding: MIMECanonicalizer.canonicalize(entityBytes: Array(text.utf8)), as: UTF8.self)
    }

    private func crlf(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    }

    @Test func lfBecomesCRLFEverywhereAndNothingElseChanges() {
        let input = """
        Content-Type: multipart/mixed;
         boundary="b"
        X-Odd:   spaced   value

        preamble
        --b
        Content-Type: text/plain

        line one
        line two
        --b
        Content-Type: application/octet-stream
        Content-Transfer-Encoding: base64

        AAEC
        --b--
        epilogue

        """
        #expect(canonical(input) == crlf(input))
    }

    @Test func canonicalInputComesOutAsItsRawBytes() {
        let input = crlf("Content-Type: text/plain\n\nhello\n")
        let entity = MIMEMessage(bytes: Array(input.utf8)).root
        #expect(MIMECanonicalizer.canonicalize(entity) == entity.raw.bytes)
        #expect(MIMECanonicalizer.isCanonical(entity))
        #expect(!MIMECanonicalizer.isCanonical(MIMEMessage(bytes: Array("Content-Type: text/plain\n\nhello\n".utf8)).root))
    }

    @Test func eightBitTextBecomesQuotedPrintableWithTheFieldRewrittenInPlace() {
        let input = "content-transfer-encoding:8bit\nContent-Type: text/plain; charset=utf-8\nX-After: kept\n\nGrüße aus Köln, wo es heute regnet\nzweite Zeile\n"
        #expect(canonical(input) == crlf("""
        content-transfer-encoding: quoted-printable
        Content-Type: text/plain; charset=utf-8
        X-After: kept

        Gr=C3=BC=C3=9Fe aus K=C3=B6ln, wo es heute regnet
        zweite Zeile

        """))
    }

    @Test func eightBitBytesWithoutAFieldGetOneAtTheEndOfTheHeader() {
        #expect(canonical("Content-Type: text/plain\n\ncafé au lait, s'il vous plaît") == crlf("""
        Content-Type: text/plain
        Content-Transfer-Encoding: quoted-printable

        caf=C3=A9 au lait, s'il vous pla=C3=AEt
        """))
    }

    @Test func mostlyNonASCIITextBecomesBase64OfItsCRLFLines() {
        let output = canonical("Content-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\nПривет\nмир\n")
        #expect(output == crlf("Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n") + "0J/RgNC40LLQtdGCDQrQvNC40YANCg==\r\n")
    }

    @Test func binaryBecomesBase64OfTheExactBytes() {
        let body: [UInt8] = [0x00, 0x0A, 0xFF, 0x0D, 0x0A, 0x41]
        let input = Array("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n".utf8) + body
        let output = MIMECanonicalizer.canonicalize(entityBytes: input)
        let entity = MIMEMessage(bytes: output).root
        #expect(entity.transferEncoding == .base64)
        #expect(entity.decodedBody() == body)
    }

    @Test func trailingWhiteSpaceIsProtectedByQuotedPrintable() {
        #expect(canonical("Content-Type: text/plain\n\nsigned \nlines\t\n") == crlf("""
        Content-Type: text/plain
        Content-Transfer-Encoding: quoted-printable

        signed=20
        lines=09

        """))
    }

    @Test func brokenQuotedPrintableIsEncodedAgain() {
        #expect(canonical("Content-Transfer-Encoding: quoted-printable\n\ncaf\u{E9}=3D\nok\n") == crlf("""
        Content-Transfer-Encoding: quoted-printable

        caf=C3=A9=3D
        ok

        """))
    }

    @Test func nestedPartsAreCanonicalisedAndAnEightBitContainerIsRelabelled() throws {
        let input = "Content-Type: message/rfc822\nContent-Transfer-Encoding: 8bit\n\nSubject: inner\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nGrüße aus der Domstadt\n--x--\n"
        let output = MIMEMessage(bytes: MIMECanonicalizer.canonicalize(entityBytes: Array(input.utf8)))
        #expect(output.root.transferEncodingName == "7bit")
        let leaf = try #require(output.entities.last)
        #expect(leaf.transferEncoding == .quotedPrintable)
        #expect(leaf.decodedBody() == Array("Grüße aus der Domstadt".utf8))
        #expect(output.outline == MIMEMessage(bytes: Array(input.utf8)).outline)
    }

    @Test func receivedBytesOnlyChangeLineEndingsEvenWhenNotCanonical() {
        let input = "Content-Transfer-Encoding: 8bit\n\nGrüße \n"
        let entity = MIMEMessage(bytes: Array(input.utf8)).root
        #expect(String(decoding: MIMECanonicalizer.receivedBytes(entity), as: UTF8.self) == crlf(input))
        #expect(canonical(input) != crlf(input))
    }

    @Test func partsOfANestedSignedMultipartAreNotReencoded() {
        let input = "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/signed; boundary=s\n\n--s\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\nsigned Grüße\n--s\nContent-Type: application/pgp-signature\n\nsig\n--s--\n--o\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\nunsigned Grüße, re-encoded for signing\n--o--\n"
        let output = canonical(input)
        #expect(output.contains("\r\n\r\nsigned Grüße\r\n--s"))
        #expect(output.contains("unsigned Gr=C3=BC=C3=9Fe, re-encoded for signing"))
    }

    @Test func undecodableEncodingsOnlyChangeLineEndings() {
        let input = "Content-Transfer-Encoding: x-custom\n\nsome \u{E9} bytes \n"
        #expect(canonical(input) == crlf(input))
    }

    @Test func builtMessagesAreAlreadyCanonical() {
        for seed in BuilderPropertyTests.seeds {
            var generator = RandomMessages(seed: seed)
            let bytes = generator.message(depth: 3).0.serialize(options: MIMEBuildOptions(seed: seed))
            let root = MIMEMessage(bytes: bytes).root
            #expect(MIMECanonicalizer.canonicalize(root) == bytes, "seed \(seed)")
        }
    }

    @Test func lfCopiesOfBuiltMessagesComeBackExactly() {
        for seed in BuilderPropertyTests.seeds {
            var generator = RandomMessages(seed: seed)
            let bytes = generator.message(depth: 3).0.serialize(options: MIMEBuildOptions(seed: seed))
            var lf: [UInt8] = []
            for (index, byte) in bytes.enumerated() where !(byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) {
                lf.append(byte)
            }
            #expect(MIMECanonicalizer.canonicalize(entityBytes: lf) == bytes, "seed \(seed)")
        }
    }

    @Test func eightBitAndBinaryMessagesBecomeSevenBitIdempotentlyWithTheSameContents() {
        for seed in BuilderPropertyTests.seeds {
            var generator = RandomMessages(seed: seed, identityEncodings: true)
            let (message, expected) = generator.message(depth: 3)
            let once = MIMECanonicalizer.canonicalize(entityBytes: message.serialize(options: MIMEBuildOptions(seed: seed)))
            #expect(MIMECanonicalizer.canonicalize(entityBytes: once) == once, "seed \(seed)")
            let profile = ContentProfile(once)
            #expect(profile.eightBit == 0 && profile.nul == 0 && profile.bareLF == 0 && profile.bareCR == 0 && profile.longestLine <= 998,
                    "seed \(seed)")
            let parsed = MIMEMessage(bytes: once)
            let actual = parsed.entities.map { ExpectedEntity(mimeType: $0.contentType.mimeType, decoded: $0.isLeaf ? $0.decodedBody() : nil) }
            #expect(actual == expected.map { ExpectedEntity(mimeType: $0.mimeType, decoded: $0.decoded) }, "seed \(seed)")
        }
    }
}

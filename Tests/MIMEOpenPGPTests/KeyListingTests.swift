import Testing

@testable import MIMEOpenPGP

@Suite("OpenPGP key listing", .serialized)
final class KeyListingTests {
    let peers: Peers

    init() throws { peers = try Peers() }

    @Test func listsOwnAndPeerKeys() throws {
        let keys = try peers.context.keys()
        #expect(Set(keys.map(\.fingerprint)) == [peers.alice, peers.carol])
        let alice = try #require(keys.first { $0.fingerprint == peers.alice })
        #expect(alice.hasSecretKey && alice.canSign && alice.canEncrypt)
        #expect(alice.userIDs == ["Alice <alice@example.org>"])
        #expect(alice.emailAddresses == [Peers.aliceAddress])
        #expect(alice.validity == .ultimate)
        #expect(alice.publicKeyAlgorithm == "EdDSA")
        #expect(alice.creationTime != nil && alice.expirationTime == nil)
        let carol = try #require(keys.first { $0.fingerprint == peers.carol })
        #expect(!carol.hasSecretKey)
        #expect(!carol.isExpired && !carol.isRevoked)
    }

    @Test func emailMatchIgnoresCaseAndIsExact() throws {
        #expect(try peers.context.keys(matching: .email("CAROL@example.NET")).map(\.fingerprint) == [peers.carol])
        #expect(try peers.context.keys(matching: .email("arol@example.net")).isEmpty)
        #expect(
            try peers.context.keys(matching: .fingerprint(peers.alice.lowercased())).map(\.fingerprint) == [peers.alice]
        )
    }

    @Test func expiredKeyIsMarked() throws {
        let dave = try GnuPGHome()
        let fingerprint = try dave.generateKey("Dave <dave@example.com>", fakedTime: "20200101T000000", expiry: "1d")
        _ = try peers.context.importKeys(try dave.exportPublicKey(fingerprint))
        let key = try #require(try peers.context.keys(matching: .fingerprint(fingerprint)).first)
        #expect(key.isExpired)
        #expect(key.expirationTime != nil)
    }

    @Test func homeWithTooLongAPathIsRefused() {
        let context = OpenPGPContext(homeDirectory: "/tmp/" + String(repeating: "h", count: 100))
        #expect {
            try context.keys()
        } throws: { ($0 as? OpenPGPError)?.code == .invalidHomeDirectory }
    }
}

import MIMEOpenPGP

/// Two GnuPG homes: ours, used through `OpenPGPContext` and holding Alice's secret key, and
/// the peer's, used through the `gpg` command line and holding Carol's. Each has the other's
/// public key, fully trusted.
final class Peers {
    let ours: GnuPGHome
    let peer: GnuPGHome
    let alice: String
    let carol: String

    static let aliceAddress = "alice@example.org"
    static let carolAddress = "carol@example.net"

    init() throws {
        ours = try GnuPGHome()
        peer = try GnuPGHome()
        alice = try ours.generateKey("Alice <\(Self.aliceAddress)>")
        carol = try peer.generateKey("Carol <\(Self.carolAddress)>")
        try ours.importTrusted(try peer.exportPublicKey(carol))
        try peer.importTrusted(try ours.exportPublicKey(alice))
    }

    /// Our side, as the library sees it.
    var context: OpenPGPContext { OpenPGPContext(homeDirectory: ours.path) }
}

import Foundation
import MIMEKit
import Testing

/// `mimekit verify`, `decrypt`, `sign` and `encrypt` on OpenPGP messages, with `gpg` as the
/// independent peer: Alice's secret key is in the home the CLI uses (`--gnupg-home`), Carol's
/// in the peer's, and each home trusts the other's public key.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gpg")))
struct OpenPGPCommandTests {
    static let alice = "alice@example.org"
    static let carol = "carol@example.net"
    /// A content entity in canonical form, as RFC 3156 §5 signs it.
    static let entity = "Content-Type: text/plain; charset=us-ascii\r\n\r\nMeet me at noon.\r\nBy the well.\r\n"

    let ours: GnuPGHome
    let peer: GnuPGHome
    let aliceFingerprint: String
    let carolFingerprint: String

    init() throws {
        ours = try GnuPGHome()
        peer = try GnuPGHome()
        aliceFingerprint = try ours.generateKey("Alice <\(Self.alice)>")
        carolFingerprint = try peer.generateKey("Carol <\(Self.carol)>", type: .rsa)
        try ours.importTrusted(try peer.exportPublicKey(carolFingerprint))
        try peer.importTrusted(try ours.exportPublicKey(aliceFingerprint))
    }

    /// Runs `mimekit` on our home.
    func mimekit(_ arguments: [String], stdin: [UInt8]) throws -> CLITestSupport.Run {
        try CLITestSupport.run(arguments + ["--gnupg-home", ours.path], stdin: stdin)
    }

    func json(_ run: CLITestSupport.Run) throws -> [String: Any] {
        let line = try #require(run.stdout.split(separator: "\n").first, "no output; stderr: \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    func statuses(_ report: [String: Any]) -> [String] {
        let layers = report["layers"] as? [[String: Any]] ?? []
        return layers.flatMap { ($0["signatures"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String } }
    }

    /// Carol's RFC 3156 multipart/signed over `entity`, made with `gpg --detach-sign`.
    func carolSigned(_ entity: String = Self.entity, extraGPG: [String] = [], from: String = carol) throws -> String {
        let signature = try peer.gpg(extraGPG + ["--armor", "--detach-sign", "-u", from], input: Array(entity.utf8)).text
        return "From: Carol <\(from)>\r\nTo: \(Self.alice)\r\nSubject: Noon\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/signed; micalg=pgp-sha256; protocol=\"application/pgp-signature\"; boundary=\"b\"\r\n\r\n"
            + "--b\r\n\(entity)\r\n--b\r\nContent-Type: application/pgp-signature\r\n\r\n"
            + signature.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n--b--\r\n"
    }

    /// Carol's RFC 3156 multipart/encrypted of `entity` to `recipients`, made with `gpg`.
    func carolEncrypted(to recipients: [String] = [alice], extraGPG: [String] = []) throws -> String {
        let armored = try peer.gpg(
            extraGPG + ["--armor", "--encrypt"] + recipients.flatMap { ["-r", $0] }, input: Array(Self.entity.utf8)
        ).text
        return "From: Carol <\(Self.carol)>\r\nTo: \(Self.alice)\r\nSubject: Noon\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"e\"\r\n\r\n"
            + "--e\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n"
            + "--e\r\nContent-Type: application/octet-stream\r\n\r\n"
            + armored.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n--e--\r\n"
    }

    /// A one-part text message from Carol whose body is `body`.
    func inline(_ body: String) -> [UInt8] {
        Array("From: Carol <\(Self.carol)>\nTo: \(Self.alice)\nSubject: Noon\nContent-Type: text/plain; charset=us-ascii\n\n\(body)".utf8)
    }

    // MARK: - Made by gpg, read by mimekit

    @Test func gpgPGPMIMESignatureVerifies() throws {
        let run = try mimekit(["verify", "--json"], stdin: Array(try carolSigned().utf8))
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
        let report = try json(run)
        #expect(statuses(report) == ["valid"])
        let layer = try #require((report["layers"] as? [[String: Any]])?.first)
        #expect(layer["backend"] as? String == "openpgp")
        #expect(layer["contentForm"] as? String == "asStored")
        #expect((layer["findings"] as? [Any])?.isEmpty == true)
        let signature = try #require((layer["signatures"] as? [[String: Any]])?.first)
        #expect(signature["fingerprint"] as? String == carolFingerprint.lowercased())
        #expect(signature["emailAddresses"] as? [String] == [Self.carol])
    }

    @Test func tamperedBodyIsBad() throws {
        let message = try carolSigned().replacingOccurrences(of: "noon", with: "nine")
        let run = try mimekit(["verify", "--json"], stdin: Array(message.utf8))
        #expect(run.status == 1)
        #expect(statuses(try json(run)) == ["bad"])
    }

    @Test func tamperedSignatureIsBad() throws {
        // The signature in binary, base64-encoded, with the last octet of its value changed.
        var binary = try peer.gpg(["--detach-sign", "-u", Self.carol], input: Array(Self.entity.utf8)).output
        binary[binary.count - 1] ^= 0x01
        let message = "From: Carol <\(Self.carol)>\r\nContent-Type: multipart/signed; micalg=pgp-sha256; "
            + "protocol=\"application/pgp-signature\"; boundary=\"b\"\r\n\r\n--b\r\n\(Self.entity)\r\n--b\r\n"
            + "Content-Type: application/pgp-signature\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Data(binary).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            + "\r\n--b--\r\n"
        let run = try mimekit(["verify", "--json"], stdin: Array(message.utf8))
        #expect(run.status == 1)
        #expect(statuses(try json(run)) == ["bad"])
    }

    @Test func brokenSignatureArmorIsAnError() throws {
        let lines = try carolSigned().components(separatedBy: "\r\n")
        let index = try #require(lines.firstIndex(of: "-----BEGIN PGP SIGNATURE-----")) + 3
        var tampered = lines
        tampered[index] = String(tampered[index].dropFirst(5))
        let run = try mimekit(["verify", "--json"], stdin: Array(tampered.joined(separator: "\r\n").utf8))
        #expect(run.status == 1)
        let layer = (try json(run)["layers"] as? [[String: Any]])?.first
        #expect((layer?["error"] as? [String: Any])?["code"] as? String == "malformedData")
    }

    @Test func lfOnlyMessageVerifiesOverItsCRLFForm() throws {
        let message = try carolSigned().replacingOccurrences(of: "\r\n", with: "\n")
        let run = try mimekit(["verify", "--json"], stdin: Array(message.utf8))
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
        let report = try json(run)
        #expect(statuses(report) == ["valid"])
        let layer = (report["layers"] as? [[String: Any]])?.first
        #expect(layer?["contentForm"] as? String == "crlf")
        #expect((layer?["findings"] as? [[String: Any]])?.map { $0["code"] as? String } == ["lineEndingsRestored"])
    }

    @Test func signerWhoIsNotTheSenderIsReported() throws {
        let message = try carolSigned().replacingOccurrences(of: "From: Carol <\(Self.carol)>", with: "From: Mallory <mallory@example.com>")
        let run = try mimekit(["verify", "--json"], stdin: Array(message.utf8))
        let layer = (try json(run)["layers"] as? [[String: Any]])?.first
        #expect((layer?["findings"] as? [[String: Any]])?.map { $0["code"] as? String } == ["signerIsNotSender"])
    }

    @Test func expiredKeyIsExpired() throws {
        let dave = try peer.generateKey("Dave <dave@example.com>", fakedTime: "20200101T000000", expiry: "1d")
        try ours.importTrusted(try peer.exportPublicKey(dave))
        let message = try carolSigned(extraGPG: ["--faked-system-time", "20200101T120000"], from: "dave@example.com")
        let run = try mimekit(["verify", "--json"], stdin: Array(message.utf8))
        #expect(run.status == 1)
        #expect(statuses(try json(run)) == ["expired"])
    }

    @Test func revokedKeyIsUntrustedAndNotEncryptedTo() throws {
        let dave = try peer.generateKey("Dave <dave@example.com>")
        let message = try carolSigned(from: "dave@example.com")
        // gpg writes a revocation certificate at key generation, its armor line masked by ':'.
        let certificate = try String(contentsOfFile: peer.path + "/openpgp-revocs.d/\(dave).rev", encoding: .utf8)
            .replacingOccurrences(of: ":-----BEGIN", with: "-----BEGIN")
        try peer.gpg(["--import"], input: Array(certificate.utf8))
        try ours.importTrusted(try peer.exportPublicKey(dave))
        #expect(try ours.gpg(["--with-colons", "--list-keys", dave]).text.contains("\npub:r:"))

        let run = try mimekit(["verify", "--json"], stdin: Array(message.utf8))
        #expect(run.status == 1)
        #expect(statuses(try json(run)) == ["untrusted"])
        let encrypt = try mimekit(["encrypt", "--openpgp", "--recipient", "dave@example.com"], stdin: Array(Self.plain.utf8))
        #expect(encrypt.status == 1)
        #expect(encrypt.stdout.isEmpty)
    }

    @Test func gpgClearSignedTextVerifies() throws {
        let signed = try peer.gpg(["--clearsign", "-u", Self.carol], input: Array("Meet me at noon.\n".utf8)).text
        let run = try mimekit(["verify", "--json"], stdin: inline(signed))
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(try mimekit(["verify"], stdin: inline(signed)).stdout.hasPrefix("1: signed (openpgp, inline): valid\n"))
        let layer = (try json(run)["layers"] as? [[String: Any]])?.first
        #expect(layer?["detached"] as? Bool == false)
        #expect(statuses(try json(run)) == ["valid"])

        let tampered = try mimekit(["verify", "--json"], stdin: inline(signed.replacingOccurrences(of: "noon", with: "nine")))
        #expect(tampered.status == 1)
        #expect(statuses(try json(tampered)) == ["bad"])

        let wrapped = try mimekit(["verify", "--json"], stdin: inline("Pay Mallory.\n\n" + signed))
        let wrappedLayer = (try json(wrapped)["layers"] as? [[String: Any]])?.first
        #expect((wrappedLayer?["findings"] as? [[String: Any]])?.map { $0["code"] as? String } == ["unsignedTextAround"])
    }

    @Test func gpgPGPMIMEEncryptionDecrypts() throws {
        let message = Array(try carolEncrypted(extraGPG: ["--sign", "-u", Self.carol]).utf8)
        let run = try mimekit(["decrypt"], stdin: message)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Subject: Noon\r\n"))
        #expect(run.stdout.hasSuffix(Self.entity))
        #expect(!run.stdout.contains("multipart/encrypted"))

        let report = try json(try mimekit(["decrypt", "--json"], stdin: message))
        #expect(report["decrypted"] as? Bool == true)
        #expect(report["backend"] as? String == "openpgp")
        #expect(report["integrityProtected"] as? Bool == true)
        #expect((report["signatures"] as? [[String: Any]])?.map { $0["status"] as? String } == ["valid"])

        // verify opens the encrypted layer and counts the signature made inside it.
        let verified = try mimekit(["verify", "--json"], stdin: message)
        #expect(verified.status == 0, "stdout: \(verified.stdout) stderr: \(verified.stderr)")
    }

    @Test func gpgInlineEncryptionDecrypts() throws {
        let armored = try peer.gpg(["--armor", "--encrypt", "-r", Self.alice], input: Array("Meet me at noon.\n".utf8)).text
        let run = try mimekit(["decrypt"], stdin: inline(armored))
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.hasSuffix("\r\n\r\nMeet me at noon.\n"))
        #expect(!run.stdout.contains("BEGIN PGP MESSAGE"))
    }

    @Test func messageWithoutMDCIsRefusedUnlessAllowed() throws {
        let message = Array(try carolEncrypted(extraGPG: ["--rfc2440", "--cipher-algo", "AES256"]).utf8)
        let refused = try mimekit(["decrypt"], stdin: message)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("--allow-no-mdc"))
        let report = try json(try mimekit(["decrypt", "--json"], stdin: message))
        #expect(report["decrypted"] as? Bool == false)
        #expect(report["integrityProtected"] as? Bool == false)
        #expect((report["error"] as? [String: Any])?["code"] as? String == "decryptionFailed")
        #expect(!(try mimekit(["decrypt", "--json"], stdin: message).stdout.contains("noon")))

        let allowed = try mimekit(["decrypt", "--allow-no-mdc"], stdin: message)
        #expect(allowed.status == 0, "stderr: \(allowed.stderr)")
        #expect(allowed.stdout.hasSuffix(Self.entity))
    }

    @Test func messageForSomeoneElseIsWrongKey() throws {
        let message = Array(try carolEncrypted(to: [Self.carol]).utf8)
        let run = try mimekit(["decrypt", "--json"], stdin: message)
        #expect(run.status == 1)
        #expect((try json(run)["error"] as? [String: Any])?["code"] as? String == "wrongKey")
    }

    // MARK: - Made by mimekit, read by gpg

    static let plain = "From: Alice <\(alice)>\nTo: Carol <\(carol)>\nSubject: Noon\nContent-Type: text/plain; charset=utf-8\n\nMeet me at noon, caf\u{E9}.\nBy the well.\n"

    @Test func signedByMimekitVerifiesWithGPG() throws {
        let run = try mimekit(["sign", "--openpgp"], stdin: Array(Self.plain.utf8))
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.hasPrefix("From: Alice <\(Self.alice)>\r\nTo: Carol <\(Self.carol)>\r\nSubject: Noon\r\nMIME-Version: 1.0\r\n"))
        let message = MIMEMessage(bytes: Array(run.stdout.utf8))
        #expect(message.root.contentType.mimeType == "multipart/signed")
        #expect(message.root.contentType.parameters["protocol"] == "application/pgp-signature")
        let parts = message.root.children
        try #require(parts.count == 2)
        let signed = parts[0].raw.bytes
        #expect(signed.allSatisfy { $0 < 0x80 })
        let check = try peer.gpg(
            ["--status-fd", "1", "--verify", try peer.write(parts[1].decodedBody(), "s.asc"), try peer.write(signed, "p")],
            expectSuccess: false)
        #expect(check.text.contains("[GNUPG:] VALIDSIG \(aliceFingerprint)"), "\(check.errors)")
        // And it reads back here.
        #expect(try mimekit(["verify"], stdin: Array(run.stdout.utf8)).status == 0)
    }

    @Test func signerOptionAndMissingFrom() throws {
        let noFrom = Array("Subject: x\n\nhi\n".utf8)
        let refused = try mimekit(["sign", "--openpgp"], stdin: noFrom)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no From address"))
        let run = try mimekit(["sign", "--openpgp", "--signer", aliceFingerprint], stdin: noFrom)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let unknown = try mimekit(["sign", "--openpgp", "--signer", "nobody@example.com"], stdin: Array(Self.plain.utf8))
        #expect(unknown.status == 1)
    }

    @Test func passphraseFileUnlocksTheSigningKey() throws {
        try ours.generateKey("Bob <bob@example.org>", passphrase: "open sesame")
        let good = try ours.write(Array("open sesame\n".utf8), "good.txt")
        let bad = try ours.write(Array("guess\n".utf8), "bad.txt")
        let message = Array("From: bob@example.org\nTo: \(Self.carol)\nSubject: x\n\nhi\n".utf8)
        let signed = try mimekit(["sign", "--openpgp", "--passphrase-file", good], stdin: message)
        #expect(signed.status == 0, "stderr: \(signed.stderr)")
        #expect(try mimekit(["verify"], stdin: Array(signed.stdout.utf8)).status == 0)
        let wrong = try mimekit(["sign", "--openpgp", "--passphrase-file", bad], stdin: message)
        #expect(wrong.status == 1)
        #expect(wrong.stdout.isEmpty)
        let none = try mimekit(["sign", "--openpgp"], stdin: message)
        #expect(none.status == 1)
    }

    /// The recipients' key ids of a PGP/MIME message, read by `gpg --list-packets`.
    func recipientKeyIDs(_ output: String) throws -> Set<String> {
        let message = MIMEMessage(bytes: Array(output.utf8))
        let payload = try #require(message.root.children.last).decodedBody()
        let listing = try peer.gpg(["--list-packets", "--list-only"], input: payload, expectSuccess: false).text
        return Set(listing.split(separator: "\n").compactMap { line in
            guard line.contains(":pubkey enc packet:"), let range = line.range(of: "keyid ") else { return nil }
            return String(line[range.upperBound...].prefix(16))
        })
    }

    func encryptionSubkeyID(_ home: GnuPGHome, _ user: String) throws -> String {
        let listing = try home.gpg(["--with-colons", "--list-keys", user]).text
        let sub = try #require(listing.split(separator: "\n").first { $0.hasPrefix("sub:") })
        return String(sub.split(separator: ":", omittingEmptySubsequences: false)[4])
    }

    @Test func encryptedByMimekitDecryptsWithGPGAndForTheSender() throws {
        let run = try mimekit(["encrypt", "--openpgp", "--sign"], stdin: Array(Self.plain.utf8))
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Subject: Noon\r\n"))
        #expect(!run.stdout.contains("Meet me"))
        // To (Carol) and the sender (Alice), by default.
        #expect(try recipientKeyIDs(run.stdout) == [try encryptionSubkeyID(ours, Self.alice), try encryptionSubkeyID(ours, Self.carol)])

        let message = MIMEMessage(bytes: Array(run.stdout.utf8))
        #expect(message.root.contentType.parameters["protocol"] == "application/pgp-encrypted")
        let payload = try #require(message.root.children.last).decodedBody()
        let opened = try peer.gpg(["--status-fd", "2", "--decrypt"], input: payload)
        #expect(opened.text.hasPrefix("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"))
        #expect(opened.text.contains("caf=C3=A9"))
        #expect(opened.errors.contains("[GNUPG:] GOODSIG"))
        #expect(opened.errors.contains("[GNUPG:] DECRYPTION_OKAY"))

        // The sent copy opens with the sender's own key.
        let mine = try mimekit(["decrypt", "--json"], stdin: Array(run.stdout.utf8))
        #expect(mine.status == 0, "stderr: \(mine.stderr)")
        #expect((try json(mine)["signatures"] as? [[String: Any]])?.map { $0["status"] as? String } == ["valid"])
    }

    @Test func recipientsComeFromToCcAndBccOrFromTheOption() throws {
        let dave = try peer.generateKey("Dave <dave@example.com>")
        try ours.importTrusted(try peer.exportPublicKey(dave))
        let message = "From: alice@example.org\nTo: Carol <\(Self.carol)>\nCc: undisclosed:;\nBcc: dave@example.com\nSubject: x\n\nhi\n"
        let run = try mimekit(["encrypt", "--openpgp"], stdin: Array(message.utf8))
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(try recipientKeyIDs(run.stdout).count == 3)

        let chosen = try mimekit(["encrypt", "--openpgp", "--recipient", Self.carol], stdin: Array(message.utf8))
        #expect(chosen.status == 0, "stderr: \(chosen.stderr)")
        #expect(try recipientKeyIDs(chosen.stdout) == [try encryptionSubkeyID(ours, Self.carol)])
        // Alice is not a recipient any more: her own copy does not open.
        #expect(try mimekit(["decrypt"], stdin: Array(chosen.stdout.utf8)).status == 1)
    }

    @Test func usageErrors() throws {
        let both = try mimekit(["sign", "--openpgp", "--smime"], stdin: Array(Self.plain.utf8))
        #expect(both.status == 64)
        let cert = try mimekit(["encrypt", "--openpgp", "--cert", "x.pem"], stdin: Array(Self.plain.utf8))
        #expect(cert.status == 64)
        let noOpenPGP = try mimekit(["encrypt", "--recipient", Self.carol], stdin: Array(Self.plain.utf8))
        #expect(noOpenPGP.status == 64)
    }
}

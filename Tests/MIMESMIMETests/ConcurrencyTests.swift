import Dispatch
import Foundation
import MIMECrypto
import MIMEKit
import MIMESMIME
import Testing

extension SMIMETests {
    /// Identities, certificates and trust anchors shared by threads that sign, verify,
    /// encrypt and decrypt at the same time, as `mimekit scan --jobs` shares its S/MIME key.
    /// `make tsan` runs these under the thread sanitizer; here each thread's results are
    /// checked, wrong ones included.
    @Suite struct Concurrency {
        static let threads = 4
        static let rounds = 6

        /// Runs `body(thread, round)` on `threads` threads at once and returns what it
        /// reported as wrong, in no particular order.
        static func onThreads(_ body: @Sendable (Int, Int) throws -> String?) -> [String] {
            let problems = Locked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                for round in 0..<rounds {
                    let problem: String?
                    do {
                        problem = try body(thread, round)
                    } catch {
                        problem = "thread \(thread) round \(round): \(error)"
                    }
                    if let problem { problems.withLock { $0.append(problem) } }
                }
            }
            return problems.withLock { $0 }
        }

        static func content(_ thread: Int, _ round: Int) -> [UInt8] {
            Array("Content-Type: text/plain\r\n\r\nThread \(thread), round \(round).\r\n".utf8)
        }

        @Test func sharedIdentitiesSignAndVerifyOnManyThreads() throws {
            let fixture = try SMIMETests.fixture
            let signer = SMIMESigner(identities: [try fixture.identity("alice"), try fixture.identity("carol")])
            // One certificate object in every thread's store, and one PEM file read by all.
            let byCertificate = SMIMEVerifier(trust: .certificates([try fixture.certificate("ca")]))
            let byFile = SMIMEVerifier(trust: fixture.trust)
            let untrusting = SMIMEVerifier(trust: .none)
            let problems = Self.onThreads { thread, round in
                let content = Self.content(thread, round)
                let verifier = round.isMultiple(of: 2) ? byCertificate : byFile
                let verification: SMIMEVerification
                if thread.isMultiple(of: 2) {
                    verification = try verifier.verifyDetached(content: content, signature: try signer.signDetached(content))
                } else {
                    verification = try verifier.verifyOpaque(try signer.signOpaque(content))
                }
                guard verification.signatures.map(\.status) == [.valid, .valid], verification.content == content else {
                    return "thread \(thread) round \(round): \(verification.signatures.map(\.status))"
                }
                // A changed byte must still be caught, and no anchors must still mean untrusted.
                var changed = content
                changed[changed.count - 3] ^= 0x01
                let signature = try signer.signDetached(content)
                let bad = try verifier.verifyDetached(content: changed, signature: signature).signatures.map(\.status)
                let untrusted = try untrusting.verifyDetached(content: content, signature: signature).signatures.map(\.status)
                guard bad == [.bad, .bad], untrusted == [.untrusted, .untrusted] else {
                    return "thread \(thread) round \(round): tampered \(bad), untrusted \(untrusted)"
                }
                return nil
            }
            #expect(problems.isEmpty, "\(problems)")
        }

        @Test func sharedIdentitiesEncryptAndDecryptOnManyThreads() throws {
            let fixture = try SMIMETests.fixture
            let alice = try fixture.identity("alice")
            let carol = try fixture.identity("carol")
            let bob = try fixture.identity("bob")
            let gcm = SMIMEEncryptor(recipients: [alice.certificate, carol.certificate])
            let cbc = SMIMEEncryptor(recipients: [alice.certificate, carol.certificate], algorithm: .aes128CBC)
            // The same PKCS#12 identity object decrypting on every thread.
            let fromP12 = try SMIMEIdentity(pkcs12: fixture.bytes("alice.p12"), password: "secret")
            let problems = Self.onThreads { thread, round in
                let content = Self.content(thread, round)
                let der = try (round.isMultiple(of: 2) ? gcm : cbc).encrypt(content)
                for identity in [alice, carol, fromP12] {
                    let plaintext = try SMIMEDecryptor(identity: identity).decrypt(der).plaintext
                    if plaintext != content { return "thread \(thread) round \(round): wrong plaintext" }
                }
                // Bob is not a recipient: his key must not decrypt it.
                do {
                    _ = try SMIMEDecryptor(identity: bob).decrypt(der)
                    return "thread \(thread) round \(round): a non-recipient decrypted the message"
                } catch {
                    return nil
                }
            }
            #expect(problems.isEmpty, "\(problems)")
        }
    }
}

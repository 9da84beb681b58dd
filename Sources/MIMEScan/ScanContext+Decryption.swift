import MIMEKit
import MIMECrypto
import MIMESMIME
import MIMEOpenPGP

/// What decrypting a part with the scan's keys gave.
public enum DecryptionOutcome: Sendable, Hashable {
    /// The plaintext (held for the scan only).
    case plaintext([UInt8])
    /// Decryption ran and failed; `code` is the back end's error code
    /// (`integrity-check-failed`, `integrity-protection-missing`, `decryptionFailed`, …).
    case failed(code: String, reason: String)
    /// No key for this kind of part, or the part is not encrypted.
    case unavailable
}

/// A decryption result cached in a context.
struct Decryption {
    var outcome: DecryptionOutcome
}

extension ScanContext {
    /// Decrypts an encrypted part with the scan's keys, once per part.
    ///
    /// Nothing is decrypted without keys. OpenPGP messages without integrity protection are
    /// refused by the back end (no plaintext is released), and so is S/MIME
    /// authEnveloped-data whose tag does not match.
    public func decryption(of part: ProtectedPart) -> DecryptionOutcome {
        guard part.isEncrypted, !keys.isEmpty, let payload = part.payload else { return .unavailable }
        let key = payload.offsets.start
        if let cached = cacheDecryption(key) { return cached }
        let outcome: DecryptionOutcome
        if part.isOpenPGP {
            outcome = decryptOpenPGP(part)
        } else {
            outcome = decryptSMIME(payload)
        }
        storeDecryption(outcome, key)
        return outcome
    }

    private func decryptOpenPGP(_ part: ProtectedPart) -> DecryptionOutcome {
        guard let home = keys.gnupgHome, let ciphertext = openPGPMessages(of: part).first else { return .unavailable }
        var provider: OpenPGPContext.PassphraseProvider?
        if let passphrase = keys.gnupgPassphrase {
            provider = { _ in passphrase }
        }
        let context = OpenPGPContext(homeDirectory: home, passphrase: provider)
        do throws(OpenPGPError) {
            return .plaintext(try context.decrypt(ciphertext).plaintext)
        } catch {
            return .failed(code: error.code.rawValue, reason: error.reason)
        }
    }

    private func decryptSMIME(_ payload: MIMEEntity) -> DecryptionOutcome {
        guard let identity = keys.smimeIdentity else { return .unavailable }
        do throws(CryptoError) {
            return .plaintext(try SMIMEDecryptor(identity: identity).decrypt(der(of: payload)).plaintext)
        } catch {
            return .failed(code: error.code.name, reason: error.message)
        }
    }
}

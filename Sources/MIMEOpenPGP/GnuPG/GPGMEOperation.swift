internal import CMIMEGPGME
import FoundationEssentials

/// One GPGME context, made for a single operation and released with it.
///
/// GPGME contexts must not be shared between threads; making one per operation is what lets
/// `OpenPGPContext` be `Sendable`.
final class GPGMEOperation {
    let context: gpgme_ctx_t
    private let passphrase: PassphraseState

    /// The state the passphrase callback reaches through its hook pointer.
    final class PassphraseState {
        let provider: OpenPGPContext.PassphraseProvider?
        var attempts = 0
        var wasRejected = false

        init(_ provider: OpenPGPContext.PassphraseProvider?) { self.provider = provider }
    }

    init(_ settings: OpenPGPContext) throws(OpenPGPError) {
        _ = GPGMELibrary.version
        if let home = settings.homeDirectory, home.utf8.count + "/S.gpg-agent.browser".utf8.count > 107 {
            throw OpenPGPError(
                code: .invalidHomeDirectory,
                reason: "the GnuPG home \(home) is too long: its agent socket paths would exceed 107 bytes")
        }
        var made: gpgme_ctx_t?
        let status = gpgme_new(&made)
        guard status == 0, let made else { throw GPGMELibrary.error(status, "creating a GPGME context") }
        context = made
        passphrase = PassphraseState(settings.passphrase)
        _ = gpgme_set_protocol(context, GPGME_PROTOCOL_OpenPGP)
        if let home = settings.homeDirectory {
            let set = gpgme_ctx_set_engine_info(context, GPGME_PROTOCOL_OpenPGP, nil, home)
            if set != 0 { throw GPGMELibrary.error(set, "setting the GnuPG home \(home)") }
        }
        _ = gpgme_set_pinentry_mode(context, GPGME_PINENTRY_MODE_LOOPBACK)
        gpgme_set_passphrase_cb(
            context,
            { hook, hint, info, previousWasBad, fd in
                guard let hook else { return gpgme_err_make(GPG_ERR_SOURCE_USER_1, GPG_ERR_CANCELED) }
                let state = Unmanaged<GPGMEOperation.PassphraseState>.fromOpaque(hook).takeUnretainedValue()
                if previousWasBad != 0 { state.wasRejected = true }
                state.attempts += 1
                let request = OpenPGPPassphraseRequest(
                    userIDHint: hint.map { String(cString: $0) } ?? "",
                    info: info.map { String(cString: $0) } ?? "",
                    previousAttemptWasBad: previousWasBad != 0)
                guard state.attempts <= 3, let answer = state.provider?(request) else {
                    return gpgme_err_make(GPG_ERR_SOURCE_USER_1, GPG_ERR_CANCELED)
                }
                let line = Array((answer + "\n").utf8)
                let written = line.withUnsafeBytes { gpgme_io_writen(fd, $0.baseAddress, $0.count) }
                return written == 0 ? 0 : gpgme_err_make(GPG_ERR_SOURCE_USER_1, GPG_ERR_EIO)
            },
            Unmanaged.passUnretained(passphrase).toOpaque())
    }

    deinit {
        gpgme_release(context)
    }

    /// Whether the passphrase provider's answer was refused as wrong during this operation.
    var passphraseWasRejected: Bool { passphrase.wasRejected }

    /// Maps a failed call, telling a refused passphrase apart from a cancelled request.
    func error(_ status: gpgme_error_t, _ action: String) -> OpenPGPError {
        let code = gpgme_err_code(status)
        if passphrase.wasRejected && (code == GPG_ERR_CANCELED || code == GPG_ERR_BAD_PASSPHRASE) {
            return OpenPGPError(
                code: .badPassphrase, reason: "\(action): the passphrase was wrong", engineCode: code.rawValue)
        }
        return GPGMELibrary.error(status, action)
    }

    /// The signatures of the last verify (or decrypt-and-verify), as values. Must be called
    /// right after the operation, before anything else uses the context.
    func signatures() -> [OpenPGPSignature] {
        guard let result = gpgme_op_verify_result(context) else { return [] }
        struct Raw {
            var fingerprint: String
            var summary: UInt32
            var code: gpgme_err_code_t
            var detail: String
            var validity: gpgme_validity_t
            var timestamp: UInt
            var expires: UInt
            var publicKeyAlgorithm: String
            var hashAlgorithm: String
        }
        var raw: [Raw] = []
        var next = result.pointee.signatures
        while let signature = next {
            let s = signature.pointee
            raw.append(
                Raw(
                    fingerprint: s.fpr.map { String(cString: $0) } ?? "",
                    summary: UInt32(bitPattern: Int32(truncatingIfNeeded: s.summary.rawValue)),
                    code: gpgme_err_code(s.status), detail: GPGMELibrary.message(s.status),
                    validity: s.validity, timestamp: UInt(s.timestamp), expires: UInt(s.exp_timestamp),
                    publicKeyAlgorithm: gpgme_pubkey_algo_name(s.pubkey_algo).map { String(cString: $0) } ?? "",
                    hashAlgorithm: gpgme_hash_algo_name(s.hash_algo).map { String(cString: $0) } ?? ""))
            next = s.next
        }
        return raw.map { r in
            let (userIDs, emails) = userIDs(of: r.fingerprint)
            return OpenPGPSignature(
                status: Self.status(code: r.code, summary: r.summary), fingerprint: r.fingerprint,
                validity: Self.validity(r.validity), signerUserID: userIDs.first, signerUserIDs: userIDs,
                signerEmailAddresses: emails,
                creationTime: r.timestamp == 0 ? nil : Date(timeIntervalSince1970: Double(r.timestamp)),
                expirationTime: r.expires == 0 ? nil : Date(timeIntervalSince1970: Double(r.expires)),
                publicKeyAlgorithm: r.publicKeyAlgorithm, hashAlgorithm: r.hashAlgorithm, detail: r.detail)
        }
    }

    /// The user IDs and e-mail addresses of the key with `fingerprint`, if it is in the keyring.
    private func userIDs(of fingerprint: String) -> ([String], [String]) {
        guard !fingerprint.isEmpty else { return ([], []) }
        var key: gpgme_key_t?
        guard gpgme_get_key(context, fingerprint, &key, 0) == 0, let key else { return ([], []) }
        defer { gpgme_key_unref(key) }
        var userIDs: [String] = []
        var emails: [String] = []
        var next = key.pointee.uids
        while let uid = next {
            if uid.pointee.revoked == 0, uid.pointee.invalid == 0 {
                if let text = uid.pointee.uid { userIDs.append(String(cString: text)) }
                if let email = uid.pointee.email, email.pointee != 0 { emails.append(String(cString: email)) }
            }
            next = uid.pointee.next
        }
        return (userIDs, emails)
    }

    private static func status(code: gpgme_err_code_t, summary: UInt32) -> OpenPGPSignatureStatus {
        switch code {
        case GPG_ERR_NO_ERROR:
            if summary & GPGME_SIGSUM_KEY_REVOKED.rawValue != 0 { return .untrusted }
            if summary & (GPGME_SIGSUM_KEY_EXPIRED.rawValue | GPGME_SIGSUM_SIG_EXPIRED.rawValue) != 0 {
                return .expired
            }
            return summary & (GPGME_SIGSUM_VALID.rawValue | GPGME_SIGSUM_GREEN.rawValue) != 0 ? .valid : .untrusted
        case GPG_ERR_BAD_SIGNATURE: return .bad
        case GPG_ERR_SIG_EXPIRED, GPG_ERR_KEY_EXPIRED: return .expired
        case GPG_ERR_CERT_REVOKED: return .untrusted
        case GPG_ERR_UNSUPPORTED_ALGORITHM, GPG_ERR_DIGEST_ALGO, GPG_ERR_PUBKEY_ALGO, GPG_ERR_NOT_SUPPORTED:
            return .unsupported
        default: return .error
        }
    }

    static func validity(_ validity: gpgme_validity_t) -> OpenPGPKeyValidity {
        switch validity {
        case GPGME_VALIDITY_UNDEFINED: .undefined
        case GPGME_VALIDITY_NEVER: .never
        case GPGME_VALIDITY_MARGINAL: .marginal
        case GPGME_VALIDITY_FULL: .full
        case GPGME_VALIDITY_ULTIMATE: .ultimate
        default: .unknown
        }
    }
}

internal import CMIMEGPGME

/// GPGME's one-time initialisation: `gpgme_check_version` must run before any context is
/// made, and only once.
enum GPGMELibrary {
    /// The library version, computed (and the library initialised) on first use.
    static let version: String = {
        guard let version = mimekit_gpgme_check_version(nil) else { return "" }
        return String(cString: version)
    }()

    /// The libgpg-error code of `error`.
    static func code(_ error: gpgme_error_t) -> gpgme_err_code_t { gpgme_err_code(error) }

    /// GPGME's text for `error`.
    static func message(_ error: gpgme_error_t) -> String { String(cString: gpgme_strerror(error)) }

    /// Maps a failed call to an `OpenPGPError`; `action` says what was being done.
    static func error(_ error: gpgme_error_t, _ action: String) -> OpenPGPError {
        let code = gpgme_err_code(error)
        let kind: OpenPGPError.Code =
            switch code {
            case GPG_ERR_NO_DATA, GPG_ERR_INV_ARMOR, GPG_ERR_BAD_DATA, GPG_ERR_INV_PACKET:
                .brokenArmor
            case GPG_ERR_NO_SECKEY: .noSecretKey
            case GPG_ERR_BAD_PASSPHRASE, GPG_ERR_NO_PASSPHRASE, GPG_ERR_CANCELED: .badPassphrase
            case GPG_ERR_KEY_EXPIRED: .keyExpired
            case GPG_ERR_UNUSABLE_PUBKEY, GPG_ERR_UNUSABLE_SECKEY, GPG_ERR_WRONG_KEY_USAGE, GPG_ERR_NOT_TRUSTED,
                GPG_ERR_PUBKEY_NOT_TRUSTED:
                .unusableKey
            case GPG_ERR_NO_PUBKEY: .keyNotFound
            case GPG_ERR_DECRYPT_FAILED: .decryptionFailed
            default: .engineFailure
            }
        return OpenPGPError(code: kind, reason: "\(action): \(message(error))", engineCode: code.rawValue)
    }
}

import MIMECrypto
private import CMIMEOpenSSL

/// The errors OpenSSL queued on this thread, taken off the queue and classified.
///
/// OpenSSL reports a failure as a return value plus entries on a thread-local queue. Each
/// operation clears the queue first, then on failure drains it into one of these, so the
/// next operation on the thread starts clean.
struct OpenSSLErrorQueue {
    /// One queued error.
    struct Entry {
        var library: Int32
        var reason: Int32
        var text: String
    }

    /// The entries, oldest first.
    let entries: [Entry]

    /// Empties the queue before an operation.
    static func clear() {
        ERR_clear_error()
    }

    /// Takes every entry off the queue.
    static func drain() -> OpenSSLErrorQueue {
        var entries: [Entry] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            entries.append(Entry(library: ERR_GET_LIB(code), reason: ERR_GET_REASON(code), text: text))
        }
        return OpenSSLErrorQueue(entries: entries)
    }

    /// Whether any entry has `reason` from `library`.
    func contains(library: Int32, reason: Int32) -> Bool {
        entries.contains { $0.library == library && $0.reason == reason }
    }

    /// Whether the failure comes from an algorithm OpenSSL does not know or cannot use:
    /// a fetch that found no implementation (the common reason `ERR_R_UNSUPPORTED`), or one
    /// of the CMS and EVP reasons for unknown or unsupported algorithms.
    var isUnsupportedAlgorithm: Bool {
        entries.contains { entry in
            if entry.reason == mimekit_ERR_R_UNSUPPORTED() {
                return true
            }
            switch entry.library {
            case ERR_LIB_CMS:
                return [
                    CMS_R_UNKNOWN_CIPHER, CMS_R_UNKNOWN_DIGEST_ALGORITHM, CMS_R_NO_CIPHER,
                    CMS_R_NOT_SUPPORTED_FOR_THIS_KEY_TYPE,
                    CMS_R_UNSUPPORTED_CONTENT_ENCRYPTION_ALGORITHM, CMS_R_UNSUPPORTED_SIGNATURE_ALGORITHM,
                    CMS_R_UNSUPPORTED_KEY_ENCRYPTION_ALGORITHM, CMS_R_UNSUPPORTED_RECIPIENT_TYPE,
                    CMS_R_UNSUPPORTED_RECIPIENTINFO_TYPE, CMS_R_UNSUPPORTED_ENCRYPTION_TYPE,
                    CMS_R_UNSUPPORTED_KEK_ALGORITHM, CMS_R_UNSUPPORTED_TYPE,
                ].contains(entry.reason)
            case ERR_LIB_EVP:
                return [
                    EVP_R_UNSUPPORTED_ALGORITHM, EVP_R_UNSUPPORTED_CIPHER, EVP_R_UNSUPPORTED_KEY_TYPE,
                    EVP_R_UNSUPPORTED_PRIVATE_KEY_ALGORITHM,
                ].contains(entry.reason)
            default:
                return false
            }
        }
    }

    /// The last entry's text, or `fallback` when nothing was queued.
    func summary(_ fallback: String) -> String {
        entries.last?.text ?? fallback
    }

    /// A `CryptoError` with `code`, the message `message` and OpenSSL's own words.
    func error(_ code: CryptoError.Code, _ message: String) -> CryptoError {
        guard let last = entries.last else { return CryptoError(code, message) }
        return CryptoError(code, "\(message) (OpenSSL: \(last.text))")
    }
}

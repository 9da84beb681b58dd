internal import CMIMEGPGME

extension GPGMEOperation {
    /// What a key is wanted for.
    enum KeyUse {
        case sign
        case encrypt

        var name: String { self == .sign ? "signing" : "encryption" }
    }

    /// The key `selector` names, usable for `use`, with a reference the caller must release
    /// with `gpgme_key_unref`.
    ///
    /// E-mail addresses match user IDs exactly (ignoring case); of several usable keys the
    /// first listed wins. When keys match but none is usable, the error says why (expired,
    /// revoked, not able to sign or encrypt).
    func key(_ selector: OpenPGPKeySelector, for use: KeyUse) throws(OpenPGPError) -> gpgme_key_t {
        let candidates = try keys(selector, secret: use == .sign)
        var chosen: gpgme_key_t?
        var reason: OpenPGPError?
        for key in candidates {
            if chosen == nil, matches(key, selector) {
                let problem = usability(key, for: use, selector: selector)
                if let problem {
                    reason = reason ?? problem
                } else {
                    chosen = key
                    continue
                }
            }
            gpgme_key_unref(key)
        }
        if let chosen { return chosen }
        throw reason ?? OpenPGPError(code: .keyNotFound, reason: "no key for \(selector) in the keyring")
    }

    /// The keys `selector` matches (all keys for nil), each with a reference the caller must
    /// release with `gpgme_key_unref`; `secret` lists only keys with a secret part.
    func keys(_ selector: OpenPGPKeySelector?, secret: Bool) throws(OpenPGPError) -> [gpgme_key_t] {
        let pattern: String?
        switch selector {
        case .email(let address): pattern = "<\(address)>"
        case .fingerprint(let fingerprint):
            pattern = String(fingerprint.filter { !$0.isWhitespace }.uppercased().trimmingPrefix("0X"))
        case nil: pattern = nil
        }
        let status = gpgme_op_keylist_start(context, pattern, secret ? 1 : 0)
        if status != 0 { throw error(status, "listing the keys for \(selector.map(\.description) ?? "everyone")") }
        var found: [gpgme_key_t] = []
        while true {
            var key: gpgme_key_t?
            if gpgme_op_keylist_next(context, &key) != 0 { break }
            if let key { found.append(key) }
        }
        _ = gpgme_op_keylist_end(context)
        return found
    }

    func matches(_ key: gpgme_key_t, _ selector: OpenPGPKeySelector) -> Bool {
        guard case .email(let address) = selector else { return true }
        var next = key.pointee.uids
        while let uid = next {
            if let email = uid.pointee.email, String(cString: email).lowercased() == address.lowercased() {
                return true
            }
            next = uid.pointee.next
        }
        return false
    }

    private func usability(_ key: gpgme_key_t, for use: KeyUse, selector: OpenPGPKeySelector) -> OpenPGPError? {
        let k = key.pointee
        let fingerprint = k.fpr.map { String(cString: $0) } ?? "\(selector)"
        if k.expired != 0 {
            return OpenPGPError(code: .keyExpired, reason: "the key \(fingerprint) for \(selector) has expired")
        }
        if k.revoked != 0 || k.disabled != 0 || k.invalid != 0 {
            return OpenPGPError(
                code: .unusableKey, reason: "the key \(fingerprint) for \(selector) is revoked, disabled or invalid")
        }
        let capable = use == .sign ? k.can_sign != 0 : k.can_encrypt != 0
        if !capable {
            return OpenPGPError(
                code: .unusableKey, reason: "the key \(fingerprint) for \(selector) has no valid \(use.name) subkey")
        }
        return nil
    }
}

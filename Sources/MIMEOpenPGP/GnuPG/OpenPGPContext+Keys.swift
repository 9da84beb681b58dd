internal import CMIMEGPGME
import FoundationEssentials

extension OpenPGPContext {
    /// Imports keys (armored or binary, public or secret) into the home directory's keyring.
    ///
    /// - Throws: `brokenArmor` when the input holds no key.
    public func importKeys(_ keys: [UInt8]) throws(OpenPGPError) -> OpenPGPImportResult {
        let operation = try GPGMEOperation(self)
        let input = try GPGMEData(copying: keys)
        let status = gpgme_op_import(operation.context, input.handle)
        if status != 0 { throw operation.error(status, "importing keys") }
        guard let result = gpgme_op_import_result(operation.context) else {
            throw OpenPGPError(code: .engineFailure, reason: "importing keys: GPGME gave no result")
        }
        var fingerprints: [String] = []
        var next = result.pointee.imports
        while let entry = next {
            if let fingerprint = entry.pointee.fpr {
                let text = String(cString: fingerprint)
                if !fingerprints.contains(text) { fingerprints.append(text) }
            }
            next = entry.pointee.next
        }
        let r = result.pointee
        if r.considered == 0 {
            throw OpenPGPError(code: .brokenArmor, reason: "importing keys: the input holds no OpenPGP key")
        }
        return OpenPGPImportResult(
            considered: Int(r.considered), imported: Int(r.imported), unchanged: Int(r.unchanged),
            secretImported: Int(r.secret_imported), fingerprints: fingerprints)
    }

    /// The keys in the keyring that `selector` names (every key for nil), with their user IDs
    /// and whether they can be used.
    ///
    /// An e-mail address matches user IDs exactly, ignoring case; a fingerprint matches the
    /// key or one of its subkeys.
    public func keys(matching selector: OpenPGPKeySelector? = nil) throws(OpenPGPError) -> [OpenPGPKey] {
        let operation = try GPGMEOperation(self)
        let secret = try operation.keys(selector, secret: true)
        var secretFingerprints: Set<String> = []
        for key in secret {
            if let fingerprint = key.pointee.fpr { secretFingerprints.insert(String(cString: fingerprint)) }
            gpgme_key_unref(key)
        }
        let found = try operation.keys(selector, secret: false)
        defer { for key in found { gpgme_key_unref(key) } }
        return found.filter { key in selector.map { operation.matches(key, $0) } ?? true }.map { key in
            let k = key.pointee
            var userIDs: [String] = []
            var emails: [String] = []
            var validity = OpenPGPKeyValidity.unknown
            var next = k.uids
            while let uid = next {
                if uid.pointee.revoked == 0, uid.pointee.invalid == 0 {
                    if userIDs.isEmpty { validity = GPGMEOperation.validity(uid.pointee.validity) }
                    if let text = uid.pointee.uid { userIDs.append(String(cString: text)) }
                    if let email = uid.pointee.email, email.pointee != 0 { emails.append(String(cString: email)) }
                }
                next = uid.pointee.next
            }
            let primary = k.subkeys?.pointee
            let fingerprint = k.fpr.map { String(cString: $0) } ?? ""
            return OpenPGPKey(
                fingerprint: fingerprint, userIDs: userIDs, emailAddresses: emails, validity: validity,
                publicKeyAlgorithm: primary.flatMap { gpgme_pubkey_algo_name($0.pubkey_algo) }.map {
                    String(cString: $0)
                }
                    ?? "",
                creationTime: primary.flatMap {
                    $0.timestamp > 0 ? Date(timeIntervalSince1970: Double($0.timestamp)) : nil
                },
                expirationTime: primary.flatMap {
                    $0.expires > 0 ? Date(timeIntervalSince1970: Double($0.expires)) : nil
                },
                canSign: k.can_sign != 0, canEncrypt: k.can_encrypt != 0, isExpired: k.expired != 0,
                isRevoked: k.revoked != 0, isDisabled: k.disabled != 0, isInvalid: k.invalid != 0,
                hasSecretKey: secretFingerprints.contains(fingerprint))
        }
    }
}

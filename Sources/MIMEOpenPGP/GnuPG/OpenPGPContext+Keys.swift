internal import CMIMEGPGME

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
}

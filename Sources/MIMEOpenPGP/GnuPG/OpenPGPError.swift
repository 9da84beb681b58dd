/// Why a GnuPG operation could not run, or refused to release its result.
///
/// A signature that does not verify is not an error: it is an `OpenPGPSignature` with status
/// `bad`. Errors are for operations that could not produce a result at all.
public struct OpenPGPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem; new kinds may be added.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The input is not OpenPGP data: broken armor, or no packets GnuPG recognises.
        public static let brokenArmor = Self(rawValue: "broken-armor")
        /// None of the message's recipients has a secret key in the home directory.
        public static let noSecretKey = Self(rawValue: "no-secret-key")
        /// The passphrase was wrong (after the provider was asked again), or none was given.
        public static let badPassphrase = Self(rawValue: "bad-passphrase")
        /// No key matches the e-mail address or fingerprint.
        public static let keyNotFound = Self(rawValue: "key-not-found")
        /// The key matched has expired.
        public static let keyExpired = Self(rawValue: "key-expired")
        /// The key matched is revoked, disabled, invalid, not trusted, or cannot sign or
        /// encrypt as asked.
        public static let unusableKey = Self(rawValue: "unusable-key")
        /// The message has no integrity protection (a Symmetrically Encrypted Data packet, tag
        /// 9): its plaintext was withheld because the caller did not allow it.
        public static let integrityProtectionMissing = Self(rawValue: "integrity-protection-missing")
        /// The integrity check failed (bad MDC or AEAD tag): the message was modified. No
        /// plaintext was released.
        public static let integrityCheckFailed = Self(rawValue: "integrity-check-failed")
        /// Decryption failed for another reason.
        public static let decryptionFailed = Self(rawValue: "decryption-failed")
        /// The GnuPG home directory cannot be used (its socket paths would be too long).
        public static let invalidHomeDirectory = Self(rawValue: "invalid-home-directory")
        /// The content is not what the operation needs: 8-bit data to sign (RFC 3156 §3 wants
        /// quoted-printable or base64 first), a boundary found in the content, an entity that
        /// is not an RFC 3156 `multipart/signed` or `multipart/encrypted`, or several inline
        /// blocks where one is expected.
        public static let invalidContent = Self(rawValue: "invalid-content")
        /// Any other failure reported by GPGME or GnuPG.
        public static let engineFailure = Self(rawValue: "engine-failure")

        public var description: String { rawValue }
    }

    /// The kind of problem.
    public let code: Code
    /// A sentence for people, with GnuPG's own message where there is one.
    public let reason: String
    /// The libgpg-error code number, when the error came from GPGME.
    public let engineCode: UInt32?

    /// An error of kind `code`; `engineCode` is the libgpg-error code when GPGME reported it.
    public init(code: Code, reason: String, engineCode: UInt32? = nil) {
        self.code = code
        self.reason = reason
        self.engineCode = engineCode
    }

    public var description: String { "\(code): \(reason)" }
}

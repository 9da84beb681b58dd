#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// What a crypto plugin found out about one signature: its status and who made it.
///
/// A signature check produces one `SignatureInfo` for every signature, whatever the outcome:
/// a bad or untrusted signature is a value with a status and a reason, not a thrown error.
public struct SignatureInfo: Sendable, Codable, Hashable {
    /// The outcome of the check.
    public var status: SignatureStatus
    /// The signer: an X.509 subject (RFC 2253 form) or an OpenPGP user id; `nil` when the
    /// signer is not known.
    public var signer: String?
    /// The e-mail addresses of the signer (certificate subject and subject alternative names,
    /// or user ids).
    public var emailAddresses: [String]
    /// The fingerprint of the signer's certificate or key, in lowercase hexadecimal.
    public var fingerprint: String?
    /// The serial number of the signer's certificate, in uppercase hexadecimal.
    public var serialNumber: String?
    /// The digest algorithm, such as `sha256`.
    public var digestAlgorithm: String?
    /// The signature algorithm, such as `rsaEncryption` or `ecdsa-with-SHA256`.
    public var signatureAlgorithm: String?
    /// The signing time the signer claims, when the signature carries one.
    public var signingTime: Date?
    /// Why the status is what it is, for people to read.
    public var reason: String

    /// A signature result from its parts.
    public init(
        status: SignatureStatus,
        signer: String? = nil,
        emailAddresses: [String] = [],
        fingerprint: String? = nil,
        serialNumber: String? = nil,
        digestAlgorithm: String? = nil,
        signatureAlgorithm: String? = nil,
        signingTime: Date? = nil,
        reason: String
    ) {
        self.status = status
        self.signer = signer
        self.emailAddresses = emailAddresses
        self.fingerprint = fingerprint
        self.serialNumber = serialNumber
        self.digestAlgorithm = digestAlgorithm
        self.signatureAlgorithm = signatureAlgorithm
        self.signingTime = signingTime
        self.reason = reason
    }
}

/// The content-encryption algorithm of an enveloped or authEnveloped CMS message, read from
/// its AlgorithmIdentifier (RFC 5652 §6.1, §10.1.4).
///
/// ```
/// AlgorithmIdentifier ::= SEQUENCE {
///   algorithm OBJECT IDENTIFIER,
///   parameters ANY DEFINED BY algorithm OPTIONAL }
/// ```
public struct CMSContentEncryptionAlgorithm: Sendable, Hashable, CustomStringConvertible {
    /// The object identifier in dotted form.
    public let oid: String

    /// An algorithm by its object identifier in dotted form.
    public init(oid: String) {
        self.oid = oid
    }

    /// The OpenSSL-style name (`aes-256-gcm`, `des-ede3-cbc`), or `nil` for an algorithm
    /// this table does not know.
    public var name: String? {
        Self.names[oid]
    }

    /// Whether the algorithm authenticates the ciphertext (AES-GCM and AES-CCM, RFC 5084;
    /// ChaCha20-Poly1305, RFC 8103).
    public var isAuthenticated: Bool {
        Self.authenticated.contains(oid)
    }

    /// The name, or the object identifier when the name is not known.
    public var description: String {
        name ?? oid
    }

    /// AES-256-GCM (RFC 5084 §3.2), the default of RFC 8551 §2.7.
    public static let aes256GCM = Self(oid: "2.16.840.1.101.3.4.1.46")
    /// AES-128-GCM (RFC 5084 §3.2).
    public static let aes128GCM = Self(oid: "2.16.840.1.101.3.4.1.6")
    /// AES-256-CBC (RFC 3565 §4.1).
    public static let aes256CBC = Self(oid: "2.16.840.1.101.3.4.1.42")
    /// AES-192-CBC (RFC 3565 §4.1).
    public static let aes192CBC = Self(oid: "2.16.840.1.101.3.4.1.22")
    /// AES-128-CBC (RFC 3565 §4.1).
    public static let aes128CBC = Self(oid: "2.16.840.1.101.3.4.1.2")

    private static let names: [String: String] = [
        "1.3.14.3.2.7": "des-cbc",
        "1.2.840.113549.3.2": "rc2-cbc",
        "1.2.840.113549.3.7": "des-ede3-cbc",
        "2.16.840.1.101.3.4.1.2": "aes-128-cbc",
        "2.16.840.1.101.3.4.1.22": "aes-192-cbc",
        "2.16.840.1.101.3.4.1.42": "aes-256-cbc",
        "2.16.840.1.101.3.4.1.6": "aes-128-gcm",
        "2.16.840.1.101.3.4.1.26": "aes-192-gcm",
        "2.16.840.1.101.3.4.1.46": "aes-256-gcm",
        "2.16.840.1.101.3.4.1.7": "aes-128-ccm",
        "2.16.840.1.101.3.4.1.27": "aes-192-ccm",
        "2.16.840.1.101.3.4.1.47": "aes-256-ccm",
        "1.2.840.113549.1.9.16.3.18": "chacha20-poly1305",
    ]

    private static let authenticated: Set<String> = [
        "2.16.840.1.101.3.4.1.6", "2.16.840.1.101.3.4.1.26", "2.16.840.1.101.3.4.1.46",
        "2.16.840.1.101.3.4.1.7", "2.16.840.1.101.3.4.1.27", "2.16.840.1.101.3.4.1.47",
        "1.2.840.113549.1.9.16.3.18",
    ]
}

/// An error that stopped a crypto operation from running at all.
///
/// The outcome of a signature check is a ``SignatureInfo``, not an error: `CryptoError` is for
/// unreadable input, unusable keys, wrong passwords and failed decryptions. `code` is for
/// programs, `message` for people.
public struct CryptoError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of failure this is; an open set of well-known codes, encoded as its name.
    public struct Code: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The code's stable name.
        public let name: String

        /// A code with a name; prefer the static members.
        public init(_ name: String) {
            self.name = name
        }

        public var description: String { name }

        public init(from decoder: any Decoder) throws {
            name = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(name)
        }

        /// The input is not well-formed (bad or truncated DER, bad base64, bad PEM).
        public static let malformedData = Code("malformedData")
        /// The input is well-formed but is not the kind of object the operation needs.
        public static let unexpectedContentType = Code("unexpectedContentType")
        /// The key or certificate is unusable, or they do not belong together.
        public static let invalidKey = Code("invalidKey")
        /// A certificate or a set of trust anchors could not be read.
        public static let invalidCertificate = Code("invalidCertificate")
        /// The message is not encrypted to the given key.
        public static let wrongKey = Code("wrongKey")
        /// The password of a protected key or PKCS#12 file is wrong.
        public static let wrongPassword = Code("wrongPassword")
        /// An algorithm in the input or asked for is not supported.
        public static let unsupportedAlgorithm = Code("unsupportedAlgorithm")
        /// The decryption ran but failed, for example because an authentication tag did not
        /// match; no plaintext is released.
        public static let decryptionFailed = Code("decryptionFailed")
        /// The operation needs a key or certificate and none was given.
        public static let missingKey = Code("missingKey")
        /// The crypto library failed for a reason not covered by another code.
        public static let backendFailure = Code("backendFailure")
    }

    /// What kind of failure this is.
    public var code: Code
    /// A sentence saying what went wrong, for people.
    public var message: String

    /// An error with a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

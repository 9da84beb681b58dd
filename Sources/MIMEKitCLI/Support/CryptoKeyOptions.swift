import ArgumentParser
import MIMECrypto
import MIMEKit
import MIMESMIME

/// The key options of `decrypt` and `sign`: a PEM key with its certificate, or a PKCS#12
/// file, and the file holding their password.
struct CryptoKeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A PEM private key.", valueName: "KEY"))
    var key: String?

    @Option(help: ArgumentHelp("The PEM certificate of --key (by default read from the --key file).", valueName: "CERT"))
    var cert: String?

    @Option(help: ArgumentHelp("A PKCS#12 file holding the key and its certificate, instead of --key.", valueName: "P12"))
    var p12: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("A file whose first line is the password of the key or PKCS#12 file.", valueName: "FILE"))
    var passwordFile: String?

    /// Whether any key was given.
    var isEmpty: Bool { key == nil && p12 == nil }

    func validate() throws {
        if key != nil, p12 != nil {
            throw ValidationError("give --key (with --cert) or --p12, not both")
        }
        if cert != nil, key == nil {
            throw ValidationError("--cert goes with --key")
        }
    }

    /// The identity the options name; a one-line error when a file cannot be read or the
    /// password is wrong.
    func identity() throws -> SMIMEIdentity {
        let password = try passwordFile.map(CryptoFiles.password)
        do {
            if let p12 {
                return try SMIMEIdentity(pkcs12: CryptoFiles.read(p12), password: password ?? "")
            }
            guard let key else { throw CLIError("give a key: --key KEY [--cert CERT] or --p12 P12") }
            return try SMIMEIdentity(
                privateKeyPEM: CryptoFiles.read(key), certificatePEM: CryptoFiles.read(cert ?? key), password: password
            )
        } catch let error as CryptoError {
            if p12 == nil, cert == nil, error.code == .invalidCertificate {
                throw CLIError("\(key ?? ""): \(error.message); give the certificate with --cert CERT")
            }
            throw CLIError("\(p12 ?? key ?? ""): \(error.message)")
        }
    }

    /// The identity, or none when no key was given.
    func identities() throws -> [SMIMEIdentity] {
        isEmpty ? [] : [try identity()]
    }
}

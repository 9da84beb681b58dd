import MIMECrypto
private import CMIMEOpenSSL

/// Where the certificates come from that a signer's chain must end in.
public enum SMIMETrust: Sendable {
    /// The system's CA bundle and directory, as OpenSSL is configured to find them.
    case system
    /// The certificates in a PEM file.
    case pemFile(String)
    /// A directory of PEM certificates named by subject hash (`c_rehash`, `openssl rehash`).
    case pemDirectory(String)
    /// The given certificates.
    case certificates([SMIMECertificate])
    /// No trust anchors: signatures are checked, but no signer is trusted.
    case none

    /// A new X509_STORE with these anchors; the caller frees it.
    func makeStore() throws(CryptoError) -> OpaquePointer {
        OpenSSLErrorQueue.clear()
        guard let store = X509_STORE_new() else {
            throw CryptoError(.backendFailure, "OpenSSL could not allocate a certificate store")
        }
        let loaded: Bool
        let source: String
        switch self {
        case .system:
            loaded = X509_STORE_set_default_paths(store) == 1
            source = "the system CA bundle"
        case .pemFile(let path):
            loaded = X509_STORE_load_file(store, path) == 1
            source = "the PEM file \(path)"
        case .pemDirectory(let path):
            loaded = X509_STORE_load_path(store, path) == 1
            source = "the directory \(path)"
        case .certificates(let certificates):
            loaded = certificates.allSatisfy { X509_STORE_add_cert(store, $0.x509) == 1 }
            source = "the given certificates"
        case .none:
            loaded = true
            source = ""
        }
        guard loaded else {
            X509_STORE_free(store)
            throw OpenSSLErrorQueue.drain().error(.invalidCertificate, "could not load trust anchors from \(source)")
        }
        return store
    }
}

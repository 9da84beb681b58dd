private import CMIMEOpenSSL

/// Loads OpenSSL's `default` and `legacy` providers once per process.
///
/// Loading `legacy` explicitly stops OpenSSL from loading `default` implicitly, so both are
/// loaded together; `legacy` brings RC2 and DES, which old S/MIME mail and PKCS#12 files use.
/// The lazy initialisation of a static `let` runs exactly once even when several threads
/// race to it. A missing `legacy` module only makes those old algorithms unsupported.
enum OpenSSLProviders {
    /// The addresses of the loaded providers. They stay loaded for the life of the process;
    /// keeping their addresses keeps them reachable for leak checkers.
    private static let handles: [UInt] = {
        let providers = [OSSL_PROVIDER_load(nil, "legacy"), OSSL_PROVIDER_load(nil, "default")].compactMap { $0 }
        ERR_clear_error()
        return providers.map { UInt(bitPattern: $0) }
    }()

    /// Makes sure the providers are loaded; cheap after the first call.
    static func load() {
        _ = handles
    }
}

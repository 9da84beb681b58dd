import MIMECrypto
private import CMIMEOpenSSL

/// Moves bytes in and out of OpenSSL memory BIOs.
enum MemoryBIO {
    /// Calls `body` with a read-only BIO over `bytes`; the BIO is freed afterwards and must
    /// not escape.
    static func reading<R>(
        _ bytes: [UInt8], _ body: (OpaquePointer) throws(CryptoError) -> R
    ) throws(CryptoError) -> R {
        guard let count = Int32(exactly: bytes.count) else {
            throw CryptoError(.backendFailure, "inputs of 2 GiB or more do not fit an OpenSSL memory BIO")
        }
        // OpenSSL refuses a null buffer even for zero bytes, so an empty input reads from a
        // one-byte array with a length of zero.
        let storage = bytes.isEmpty ? [0] : bytes
        let result: Result<R, CryptoError> = storage.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, count) else {
                return .failure(CryptoError(.backendFailure, "OpenSSL could not allocate a memory BIO"))
            }
            defer { BIO_free(bio) }
            do throws(CryptoError) {
                return .success(try body(bio))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// A new empty, writable memory BIO; the caller frees it.
    static func writable() throws(CryptoError) -> OpaquePointer {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw CryptoError(.backendFailure, "OpenSSL could not allocate a memory BIO")
        }
        return bio
    }

    /// A copy of everything written to the memory BIO `bio`.
    static func contents(of bio: OpaquePointer) -> [UInt8] {
        var data: UnsafeMutablePointer<CChar>?
        let count = mimekit_BIO_get_mem_data(bio, &data)
        guard let data, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: count))
    }

    /// Overwrites what the memory BIO `bio` holds, so that freeing it leaves no plaintext in
    /// released memory.
    static func cleanse(_ bio: OpaquePointer) {
        var data: UnsafeMutablePointer<CChar>?
        let count = mimekit_BIO_get_mem_data(bio, &data)
        if let data, count > 0 {
            OPENSSL_cleanse(data, count)
        }
    }
}

internal import CMIMEGPGME

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A GPGME data buffer in memory, released when the value goes away.
final class GPGMEData {
    private(set) var handle: gpgme_data_t?

    /// A buffer holding a copy of `bytes`.
    init(copying bytes: [UInt8]) throws(OpenPGPError) {
        var handle: gpgme_data_t?
        // GPGME copies the bytes (last argument 1), so the pointer need not outlive the call.
        let status = bytes.withUnsafeBytes { raw in
            gpgme_data_new_from_mem(&handle, raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count, 1)
        }
        if status != 0 { throw GPGMELibrary.error(status, "copying the input") }
        self.handle = handle
    }

    /// An empty buffer for output.
    init() throws(OpenPGPError) {
        var handle: gpgme_data_t?
        let status = gpgme_data_new(&handle)
        if status != 0 { throw GPGMELibrary.error(status, "making an output buffer") }
        self.handle = handle
    }

    deinit {
        if let handle { gpgme_data_release(handle) }
    }

    /// The bytes written into the buffer; the buffer is released.
    func take() -> [UInt8] {
        guard let handle else { return [] }
        self.handle = nil
        var length = 0
        guard let memory = gpgme_data_release_and_get_mem(handle, &length) else { return [] }
        defer { gpgme_free(memory) }
        return Array(UnsafeRawBufferPointer(start: memory, count: length))
    }

    /// Overwrites whatever was written into the buffer with zeros and releases it, so that
    /// plaintext from a failed decryption never leaves the library.
    func wipe() {
        guard let handle else { return }
        self.handle = nil
        var length = 0
        guard let memory = gpgme_data_release_and_get_mem(handle, &length) else { return }
        memset(memory, 0, length)
        gpgme_free(memory)
    }
}

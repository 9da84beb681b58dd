public import MIMEKit

/// Finds the signed and encrypted entities of a message, verifies or decrypts each with
/// the first back end that handles it, and goes on into their content, so that a message
/// signed then encrypted (triple wrapping, RFC 8551 §3.7) is opened layer by layer.
///
/// ```swift
/// let unwrapper = MIMECryptoUnwrapper(backends: [SMIMEBackend(verifier: verifier, identities: [me])])
/// for layer in unwrapper.unwrap(message) { print(layer.partID, layer.role, layer.outcome) }
/// ```
///
/// The signers of every layer are compared with the outer message's From address, the one a
/// reader sees.
public struct MIMECryptoUnwrapper: Sendable {
    /// The back ends, tried in order for each entity.
    public var backends: [any MIMECryptoBackend]
    /// How many layers deep to go; content nested deeper is left unopened.
    public var maximumDepth: Int

    /// An unwrapper over `backends`.
    public init(backends: [any MIMECryptoBackend], maximumDepth: Int = 8) {
        self.backends = backends
        self.maximumDepth = maximumDepth
    }

    /// Every signed or encrypted entity of `message` and of the content they reveal, in the
    /// order they were met (outer layers first).
    public func unwrap(_ message: MIMEMessage) -> [MIMECryptoLayer] {
        var layers: [MIMECryptoLayer] = []
        walk(message, sender: SenderAddress.of(message), depth: 0, into: &layers)
        return layers
    }

    private func walk(_ message: MIMEMessage, sender: String?, depth: Int, into layers: inout [MIMECryptoLayer]) {
        guard depth < maximumDepth else { return }
        var handled: Range<Int>?
        for entity in message.entities {
            let offsets = entity.offsets
            if let handled, handled.contains(offsets.start) { continue }
            guard let (backend, role) = backends.lazy.compactMap({ backend in backend.role(of: entity).map { (backend, $0) } }).first else {
                continue
            }
            handled = offsets.start..<max(offsets.end, offsets.start + 1)
            let outcome: MIMECryptoLayer.Outcome
            do throws(CryptoError) {
                switch role {
                case .signed: outcome = .verified(try backend.verify(entity, sender: sender))
                case .encrypted: outcome = .decrypted(try backend.decrypt(entity))
                }
            } catch {
                outcome = .failed(error)
            }
            var encryption: DecryptionInfo?
            switch (role, outcome) {
            case (_, .decrypted(let decrypted)): encryption = decrypted.info
            case (.encrypted, _): encryption = backend.encryptionInfo(of: entity)
            default: break
            }
            layers.append(MIMECryptoLayer(
                backend: backend.name, role: role, partID: entity.id, depth: depth, outcome: outcome, encryption: encryption
            ))
            switch outcome {
            case .verified(let verification): walk(verification.content, sender: sender, depth: depth + 1, into: &layers)
            case .decrypted(let decrypted): walk(decrypted.content, sender: sender, depth: depth + 1, into: &layers)
            case .failed: break
            }
        }
    }
}

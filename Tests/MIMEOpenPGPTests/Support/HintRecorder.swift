import Foundation
import MIMEOpenPGP

/// Collects passphrase hints from a provider that may be called on another thread.
final class HintRecorder: @unchecked Sendable {
    // Safety: every access goes through `lock`.
    private let lock = NSLock()
    private var stored: [String] = []

    func record(_ request: OpenPGPPassphraseRequest) {
        lock.withLock { stored.append(request.userIDHint) }
    }

    var hints: [String] { lock.withLock { stored } }
}

/// What a build takes from its surroundings: the time, the randomness of boundaries and
/// Message-IDs, and the domain of Message-IDs. Fix them for reproducible output.
public struct MIMEBuildOptions: Sendable {
    /// The Date of a message that has none; nil means now.
    public var now: MIMETimestamp?
    /// The seed of the generator of boundaries and Message-IDs; nil means the system's
    /// random source. A seed makes the output the same on every run.
    public var seed: UInt64?
    /// The right-hand side of generated Message-IDs; nil means the host name.
    public var messageIDDomain: String?

    /// Options from their parts; the defaults take the clock, system randomness and the
    /// host name.
    public init(now: MIMETimestamp? = nil, seed: UInt64? = nil, messageIDDomain: String? = nil) {
        self.now = now
        self.seed = seed
        self.messageIDDomain = messageIDDomain
    }
}

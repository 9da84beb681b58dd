/// Why OpenPGP bytes could not be read: what went wrong, and at which byte offset.
public struct OpenPGPPacketError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem; new kinds may be added.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A packet header or body runs past the end of the input.
        public static let truncated = Self(rawValue: "truncated")
        /// A byte that should start a packet does not have bit 7 set (RFC 9580 §4.2).
        public static let invalidPacketHeader = Self(rawValue: "invalid-packet-header")
        /// A packet body is shorter than its fixed fields, or they contradict each other.
        public static let malformedPacket = Self(rawValue: "malformed-packet")
        /// Packets nest deeper than the reader's `maximumDepth`.
        public static let depthLimitExceeded = Self(rawValue: "depth-limit-exceeded")
        /// More packets than the reader's `maximumPackets`.
        public static let packetLimitExceeded = Self(rawValue: "packet-limit-exceeded")
        /// ASCII armor without an end line, with characters outside base64, or empty.
        public static let brokenArmor = Self(rawValue: "broken-armor")

        public var description: String { rawValue }
    }

    /// The kind of problem.
    public let code: Code
    /// The byte offset in the input where the problem was found.
    public let offset: Int
    /// A sentence for people.
    public let reason: String

    /// An error of kind `code` found at byte `offset`.
    public init(code: Code, offset: Int, reason: String) {
        self.code = code
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(code) at offset \(offset): \(reason)" }

    @inline(never)
    static func truncated(at offset: Int, _ reason: String) -> Self {
        Self(code: .truncated, offset: offset, reason: reason)
    }

    @inline(never)
    static func malformed(at offset: Int, _ reason: String) -> Self {
        Self(code: .malformedPacket, offset: offset, reason: reason)
    }

    @inline(never)
    static func brokenArmor(at offset: Int, _ reason: String) -> Self {
        Self(code: .brokenArmor, offset: offset, reason: reason)
    }
}

/// The packets of a blob, in input order (a nested packet right after its container), and the
/// problem that stopped the reader, if any.
///
/// A hostile or damaged blob still yields the packets before the damage, which is what a
/// scanner needs; `problem` says why and where the reader stopped.
public struct OpenPGPPacketListing: Hashable, Sendable {
    /// The packets read.
    public let packets: [OpenPGPPacket]
    /// Why the reader stopped before the end, or nil if it read everything.
    public let problem: OpenPGPPacketError?

    /// Makes the value from its fields (the library fills them in; tests and other back ends may too).
    public init(packets: [OpenPGPPacket], problem: OpenPGPPacketError?) {
        self.packets = packets
        self.problem = problem
    }
}

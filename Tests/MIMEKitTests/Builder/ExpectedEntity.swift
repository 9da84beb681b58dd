/// What reading a built entity should give back, in the order a reader walks the tree.
struct ExpectedEntity: Equatable, Codable, CustomStringConvertible {
    var mimeType: String
    /// The decoded body of a leaf; nil for multiparts and enclosed messages.
    var decoded: [UInt8]?
    var filename: String?
    var subject: String?

    var description: String {
        "\(mimeType) \(decoded.map { "\($0.count) bytes" } ?? "-") \(filename ?? "-") \(subject ?? "-")"
    }
}

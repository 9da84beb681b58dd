public import MIMEKit

/// The address a message claims to be from: the first mailbox of its From field, the one a
/// client displays, to compare with a signer's.
public enum SenderAddress {
    /// The From address of `message`, lowercased, or `nil` when there is none.
    ///
    /// Read with MIMEKit's address parser (``MIMEKit/MessageEnvelope``, RFC 5322 §3.4): the
    /// first mailbox with an `addr-spec` that has a domain, groups and comments understood.
    public static func of(_ message: MIMEMessage) -> String? {
        MessageEnvelope(message).from.first { $0.domain != nil && !$0.localPart.isEmpty }.map { $0.address.lowercased() }
    }

    /// The address in an unfolded From field value, lowercased, or `nil` when there is none.
    ///
    /// A simple reading: the first `<addr-spec>`, or the bare address when there are no
    /// angle brackets; comments, groups and encoded words are not understood. Prefer
    /// ``of(_:)`` for a parsed message.
    public static func parse(_ value: String) -> String? {
        var candidate = Substring(value)
        if let open = value.firstIndex(of: "<") {
            let rest = value[value.index(after: open)...]
            guard let close = rest.firstIndex(of: ">") else { return nil }
            candidate = rest[..<close]
        } else if let comment = value.firstIndex(of: "(") {
            candidate = value[..<comment]
        }
        let address = candidate.trimmingCharactersInWhitespace()
        guard address.contains("@"), !address.contains(where: { $0 == " " || $0 == "," }) else { return nil }
        return address.lowercased()
    }

    /// Whether `addresses` (a signer's) include `sender`, ignoring ASCII case.
    public static func matches(_ addresses: [String], sender: String) -> Bool {
        addresses.contains { $0.lowercased() == sender.lowercased() }
    }
}

extension Substring {
    fileprivate func trimmingCharactersInWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

public import MIMEKit

/// The address a message claims to be from, read simply from its From field.
///
/// Takes the first `<addr-spec>` of the field (RFC 5322 §3.4 angle-addr), or the bare
/// address when there are no angle brackets, and ignores comments, groups and encoded
/// words. It is a stand-in until the full address parser lands; it only needs to find the
/// address a client would display, to compare it with a signer's.
public enum SenderAddress {
    /// The From address of `message`, lowercased, or `nil` when there is none.
    public static func of(_ message: MIMEMessage) -> String? {
        message.headers["From"].flatMap(parse)
    }

    /// The address in an unfolded From field value, lowercased, or `nil` when there is none.
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

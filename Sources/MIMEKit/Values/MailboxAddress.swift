/// One mailbox: a display name and an address (RFC 5322 section 3.4, RFC 6532 for UTF-8).
///
/// ```
/// mailbox    = name-addr / addr-spec
/// name-addr  = [display-name] angle-addr
/// angle-addr = [CFWS] "<" addr-spec ">" [CFWS] / obs-angle-addr
/// addr-spec  = local-part "@" domain
/// obs-route  = obs-domain-list ":"                      ; section 4.4
/// ```
///
/// `localPart` and `domain` are given as written, without comments and folding white space;
/// a quoted local part keeps its quotes, so ``address`` is a valid `addr-spec`. A mailbox
/// built from a bare display name with no address (`To: John Doe`) has an empty `localPart`
/// and no domain.
public struct MailboxAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, RFC 2047 decoded; when there is none, the text of the comments
    /// (`jdoe@example.org (John Doe)`, the old style). `nil` when there is neither.
    public var name: String?
    /// The local part as written (quotes kept), or empty when there is no address.
    public var localPart: String
    /// The domain as written, without comments and white space; `nil` without `@`.
    public var domain: String?
    /// The domains of an obsolete source route (`<@a,@b:user@domain>`), which RFC 5322
    /// section 4.4 says to ignore; kept so nothing is lost.
    public var route: [String]
    /// The comments found in the mailbox, RFC 2047 decoded.
    public var comments: [String]

    /// A mailbox from its parts.
    public init(name: String?, localPart: String, domain: String?, route: [String] = [], comments: [String] = []) {
        self.name = name
        self.localPart = localPart
        self.domain = domain
        self.route = route
        self.comments = comments
    }

    /// `localPart@domain`, or the local part alone when there is no domain.
    public var address: String {
        guard let domain else { return localPart }
        return localPart + "@" + domain
    }

    /// Whether there is an address at all (not just a display name).
    public var hasAddress: Bool { !localPart.isEmpty || domain != nil }

    /// The domain with its `xn--` labels decoded to Unicode (RFC 3492).
    public var unicodeDomain: String? { domain.map(Punycode.unicodeDomain) }

    /// The domain with its non-ASCII labels encoded as `xn--` Punycode.
    public var asciiDomain: String? { domain.flatMap(Punycode.asciiDomain) }

    /// An address-looking `local@domain.tld` inside the display name, if there is one
    /// (`"ceo@bank.example" <attacker@evil.example>`), so a scanner can compare it with
    /// ``address``.
    public var addressInDisplayName: String? {
        guard let name else { return nil }
        let scalars = Array(name.unicodeScalars)
        func isStop(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isWhitespace || "<>\"'(),;:[]".unicodeScalars.contains(scalar)
        }
        for (index, scalar) in scalars.enumerated() where scalar == "@" {
            var start = index
            while start > 0, !isStop(scalars[start - 1]) { start -= 1 }
            var end = index + 1
            while end < scalars.count, !isStop(scalars[end]) { end += 1 }
            let domain = scalars[(index + 1)..<end]
            guard start < index, domain.contains("."), domain.last != "." else { continue }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[start..<end])
            return String(text)
        }
        return nil
    }

    public var description: String {
        guard let name, !name.isEmpty else { return hasAddress ? "<\(address)>" : "" }
        return hasAddress ? "\(name) <\(address)>" : name
    }
}

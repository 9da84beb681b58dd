/// The address-list parser behind ``InternetAddressList/parse(_:)``.
///
/// Three linear passes: the value is cut into tokens (atoms, quoted-strings, domain
/// literals, comments, specials); the tokens are cut into elements at top-level `,` and `;`
/// (a `:` before any `@` or `<` opens a group); elements without an address are joined to
/// the next one when that is the unquoted-comma case; each element becomes a mailbox.
enum AddressListParser {
    struct Token {
        enum Kind: Equatable {
            case atom, quoted, domainLiteral, comment
            case special(UInt8)
        }
        var kind: Kind
        var bytes: [UInt8]
        var spaceBefore: Bool

        func isSpecial(_ character: Unicode.Scalar) -> Bool { kind == .special(UInt8(character.value)) }
        var isWord: Bool { kind == .atom || kind == .quoted }
    }

    private struct Element {
        var tokens: Range<Int>
        var group: Int?
    }

    static func parse(_ bytes: [UInt8]) -> [InternetAddress] {
        let tokens = tokenize(bytes)
        let (split, groupNames) = split(tokens)
        let elements = joinUnquotedCommas(split, tokens)

        enum Item { case mailbox(MailboxAddress), group(Int) }
        var items: [Item] = []
        var members = [[MailboxAddress]](repeating: [], count: groupNames.count)
        var nextGroup = 0
        // Groups appear where their name starts, even those left with no members.
        func placeGroups(upTo position: Int) {
            while nextGroup < groupNames.count, groupNames[nextGroup].lowerBound <= position {
                items.append(.group(nextGroup))
                nextGroup += 1
            }
        }
        for element in elements {
            placeGroups(upTo: element.tokens.lowerBound)
            guard let mailbox = makeMailbox(tokens[element.tokens]) else { continue }
            if let group = element.group {
                members[group].append(mailbox)
            } else {
                items.append(.mailbox(mailbox))
            }
        }
        placeGroups(upTo: Int.max)
        return items.map { item in
            switch item {
            case .mailbox(let mailbox):
                return .mailbox(mailbox)
            case .group(let number):
                return .group(AddressGroup(name: phrase(tokens[groupNames[number]]), members: members[number]))
            }
        }
    }

    // MARK: Tokens

    static func tokenize(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        var space = false
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A:
                space = true
                i += 1
                continue
            case UInt8(ascii: "\""):
                var content: [UInt8] = []
                i += 1
                while i < n, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < n {
                        content.append(bytes[i + 1])
                        i += 2
                    } else {
                        if bytes[i] != 0x0D && bytes[i] != 0x0A { content.append(bytes[i]) }
                        i += 1
                    }
                }
                i += 1
                tokens.append(Token(kind: .quoted, bytes: content, spaceBefore: space))
            case UInt8(ascii: "("):
                var content: [UInt8] = []
                var depth = 1
                i += 1
                while i < n {
                    let c = bytes[i]
                    if c == UInt8(ascii: "\\"), i + 1 < n {
                        content.append(bytes[i + 1])
                        i += 2
                        continue
                    }
                    i += 1
                    if c == UInt8(ascii: "(") { depth += 1 }
                    if c == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    if c != 0x0D && c != 0x0A { content.append(c) }
                }
                tokens.append(Token(kind: .comment, bytes: content, spaceBefore: space))
            case UInt8(ascii: "["):
                let start = i
                while i < n, bytes[i] != UInt8(ascii: "]") { i += 1 }
                i = min(i + 1, n)
                let literal = bytes[start..<i].filter { $0 != 0x0D && $0 != 0x0A && $0 != 0x20 && $0 != 0x09 }
                tokens.append(Token(kind: .domainLiteral, bytes: literal, spaceBefore: space))
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "@"), UInt8(ascii: ","),
                 UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "."):
                tokens.append(Token(kind: .special(byte), bytes: [byte], spaceBefore: space))
                i += 1
            default:
                let start = i
                while i < n {
                    if let end = encodedWordEnd(bytes, at: i) {
                        i = end
                        continue
                    }
                    if !isAtomByte(bytes[i]) { break }
                    i += 1
                }
                if i == start { i += 1 }
                tokens.append(Token(kind: .atom, bytes: Array(bytes[start..<i]), spaceBefore: space))
            }
            space = false
        }
        return tokens
    }

    /// The end of an encoded-word starting at `i`, so that specials a sloppy encoder left in
    /// it (`=?utf-8?q?Doe,_John?=`) do not split it. The search is bounded, keeping the
    /// tokenizer linear.
    private static func encodedWordEnd(_ bytes: [UInt8], at i: Int) -> Int? {
        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "?") else { return nil }
        var questionMarks = 0
        var j = i + 2
        let limit = min(bytes.count, i + 256)
        while j < limit {
            let byte = bytes[j]
            if byte <= 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") {
                return nil
            }
            if byte == UInt8(ascii: "?") {
                if questionMarks >= 2, j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "=") { return j + 2 }
                questionMarks += 1
            }
            j += 1
        }
        return nil
    }

    /// Any byte but white space and the specials: control characters and 8-bit bytes stay
    /// in atoms, so they remain visible.
    private static func isAtomByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: "\""), UInt8(ascii: "("), UInt8(ascii: "<"), UInt8(ascii: ">"),
             UInt8(ascii: "@"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "."),
             UInt8(ascii: "["):
            return false
        default:
            return true
        }
    }

    // MARK: Elements

    /// Cuts the tokens into elements; returns them and the name range of each group.
    private static func split(_ tokens: [Token]) -> ([Element], [Range<Int>]) {
        var elements: [Element] = []
        var groupNames: [Range<Int>] = []
        var currentGroup: Int?
        var start = 0
        var inAngle = false
        var sawAt = false
        var sawAngle = false
        var sawWord = false

        func close(_ end: Int) {
            if start < end { elements.append(Element(tokens: start..<end, group: currentGroup)) }
            start = end + 1
            inAngle = false
            sawAt = false
            sawAngle = false
            sawWord = false
        }
        for (index, token) in tokens.enumerated() {
            guard case .special(let byte) = token.kind else {
                if token.kind != .comment { sawWord = true }
                continue
            }
            switch byte {
            case UInt8(ascii: "<"):
                inAngle = true
                sawAngle = true
            case UInt8(ascii: ">"):
                inAngle = false
            case UInt8(ascii: "@"):
                sawAt = true
            case UInt8(ascii: ","):
                // Inside `<...>` a comma belongs to a route (`<@a,@b:u@d>`) when `@` follows;
                // otherwise the `>` is missing and the comma ends the element.
                if inAngle, index + 1 < tokens.count, tokens[index + 1].isSpecial("@") { continue }
                close(index)
            case UInt8(ascii: ";"):
                if inAngle { continue }
                close(index)
                currentGroup = nil
            case UInt8(ascii: ":"):
                if currentGroup == nil, !inAngle, !sawAt, !sawAngle, sawWord {
                    groupNames.append(start..<index)
                    currentGroup = groupNames.count - 1
                    start = index + 1
                    sawWord = false
                }
            default:
                break
            }
        }
        close(tokens.count)
        return (elements, groupNames)
    }

    /// Joins an element without address to the next one when that one is `phrase <addr>`:
    /// the unquoted comma case (`Doe, John <j@x>`). Works backwards so runs join in one pass.
    private static func joinUnquotedCommas(_ elements: [Element], _ tokens: [Token]) -> [Element] {
        guard elements.count > 1 else { return elements }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        var next = elements[elements.count - 1]
        for element in elements.dropLast().reversed() {
            if element.group == next.group, isPhraseOnly(tokens[element.tokens]),
               hasNamedAngleAddress(tokens[next.tokens]) {
                next.tokens = element.tokens.lowerBound..<next.tokens.upperBound
            } else {
                result.append(next)
                next = element
            }
        }
        result.append(next)
        return result.reversed()
    }

    private static func isPhraseOnly(_ tokens: ArraySlice<Token>) -> Bool {
        var sawWord = false
        for token in tokens {
            if token.isSpecial("@") || token.isSpecial("<") { return false }
            if token.isWord { sawWord = true }
        }
        return sawWord
    }

    private static func hasNamedAngleAddress(_ tokens: ArraySlice<Token>) -> Bool {
        var sawWord = false
        for token in tokens {
            if token.isSpecial("<") { return sawWord }
            if token.isWord { sawWord = true }
        }
        return false
    }

    // MARK: Mailboxes

    private static func makeMailbox(_ tokens: ArraySlice<Token>) -> MailboxAddress? {
        let comments = tokens.filter { $0.kind == .comment }
            .map { EncodedWordDecoder.decode($0.bytes, fallback: nil).trimmed }
            .filter { !$0.isEmpty }
        let words = Array(tokens.filter { $0.kind != .comment })
        guard !words.isEmpty else { return nil }

        var phraseTokens: [Token] = []
        var addressTokens: [Token] = []
        if let open = words.firstIndex(where: { $0.isSpecial("<") }) {
            let close = words[(open + 1)...].firstIndex { $0.isSpecial(">") } ?? words.count
            phraseTokens = Array(words[..<open])
            addressTokens = Array(words[(open + 1)..<close])
            if close < words.count {
                phraseTokens += words[(close + 1)...].filter { !$0.isSpecial(">") }
            }
        } else if let at = words.firstIndex(where: { $0.isSpecial("@") }) {
            var localStart = at
            if at > 0, words[at - 1].isWord || words[at - 1].kind == .domainLiteral {
                localStart = at - 1
                while localStart >= 2, words[localStart - 1].isSpecial("."), !words[localStart - 1].spaceBefore,
                      !words[localStart].spaceBefore, words[localStart - 2].isWord {
                    localStart -= 2
                }
            }
            var domainEnd = at + 1
            if domainEnd < words.count, words[domainEnd].kind == .atom || words[domainEnd].kind == .domainLiteral {
                domainEnd += 1
                while domainEnd + 1 < words.count, words[domainEnd].isSpecial("."),
                      words[domainEnd + 1].kind == .atom {
                    domainEnd += 2
                }
            }
            phraseTokens = Array(words[..<localStart]) + Array(words[domainEnd...])
            addressTokens = Array(words[localStart..<domainEnd])
        } else if isBareLocalPart(words) {
            addressTokens = words
        } else {
            phraseTokens = words
        }

        var route: [String] = []
        if addressTokens.first?.isSpecial("@") == true,
           let colon = addressTokens.firstIndex(where: { $0.isSpecial(":") }) {
            route = addressTokens[..<colon]
                .split { $0.isSpecial(",") }
                .map { text($0.filter { !$0.isSpecial("@") }) }
                .filter { !$0.isEmpty }
            addressTokens = Array(addressTokens[(colon + 1)...])
        }
        var localPart = text(addressTokens)
        var domain: String?
        if let at = addressTokens.firstIndex(where: { $0.isSpecial("@") }) {
            localPart = text(addressTokens[..<at])
            domain = text(addressTokens[(at + 1)...])
        }
        var name: String? = phrase(phraseTokens[...])
        if name?.isEmpty ?? true { name = comments.isEmpty ? nil : comments.joined(separator: " ") }
        if localPart.isEmpty, domain == nil, name == nil { return nil }
        return MailboxAddress(name: name, localPart: localPart, domain: domain, route: route, comments: comments)
    }

    /// One atom, or atoms joined by dots with no white space: `root`, `first.last`.
    private static func isBareLocalPart(_ words: [Token]) -> Bool {
        words.enumerated().allSatisfy { index, token in
            (index == 0 || !token.spaceBefore) && (token.kind == .atom || token.isSpecial("."))
        }
    }

    /// An address part's text: tokens joined without white space, quoted-strings re-quoted.
    private static func text(_ tokens: some Sequence<Token>) -> String {
        var bytes: [UInt8] = []
        for token in tokens {
            if token.kind == .quoted {
                bytes.append(UInt8(ascii: "\""))
                for byte in token.bytes {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: token.bytes)
            }
        }
        return Charset.decodeHeaderText(bytes, fallback: nil)
    }

    /// A display name's text: words joined by single spaces where the value had white space,
    /// then RFC 2047 decoded.
    static func phrase(_ tokens: ArraySlice<Token>) -> String {
        var bytes: [UInt8] = []
        for token in tokens where token.kind != .comment {
            if token.spaceBefore, !bytes.isEmpty { bytes.append(0x20) }
            bytes.append(contentsOf: token.bytes)
        }
        return EncodedWordDecoder.decode(bytes, fallback: nil)
    }
}

extension String {
    /// Without leading and trailing white space.
    fileprivate var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

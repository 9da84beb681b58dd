extension HeaderEncoder {
    /// An address field (From, To, Cc, Reply-To, ...), folded between addresses and between
    /// the words of display names, with its final CRLF (RFC 5322 section 3.4).
    ///
    /// A display name is written as atoms when it is plain ASCII words separated by single
    /// spaces, as a quoted-string when it is other printable ASCII, and as encoded-words
    /// (RFC 2047 section 5 (3)) when it holds anything else.
    public static func addressField(name: String, addresses: [MIMEAddress]) -> [UInt8] {
        var folder = HeaderFolder(name: name)
        for (index, mailbox) in addresses.enumerated() {
            if index > 0 { folder.appendGlued([UInt8(ascii: ",")]) }
            if let displayName = mailbox.name, !displayName.isEmpty {
                appendPhrase(displayName, to: &folder)
                folder.append(Array("<\(mailbox.address)>".utf8))
            } else {
                folder.append(Array(mailbox.address.utf8))
            }
        }
        return folder.finished()
    }

    /// Appends a display name (RFC 5322 section 3.2.5 `phrase`).
    static func appendPhrase(_ text: String, to folder: inout HeaderFolder) {
        let bytes = Array(text.utf8)
        if bytes.contains(where: { $0 < 0x20 || $0 > 0x7E }) || needsEncoding(bytes[...]) {
            appendEncodedRun(bytes[...], after: [UInt8(ascii: " ")], to: &folder)
            return
        }
        let words = bytes.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        if words.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isAtext) }) {
            for word in words { folder.append(word) }
            return
        }
        folder.append(quotedString(bytes))
    }

    /// `"text"` with `"` and `\` escaped (RFC 5322 section 3.2.4).
    static func quotedString(_ text: [UInt8]) -> [UInt8] {
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { quoted.append(UInt8(ascii: "\\")) }
            quoted.append(byte)
        }
        quoted.append(UInt8(ascii: "\""))
        return quoted
    }

    /// RFC 5322 section 3.2.3 `atext`.
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }
}

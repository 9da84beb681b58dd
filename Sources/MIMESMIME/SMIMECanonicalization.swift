/// Puts content into the canonical form S/MIME signs: every line ending a CRLF
/// (RFC 8551 §3.1.1, RFC 5751 §3.1.1).
///
/// Mail stored in mbox or Maildir often has bare LF line endings, while the signature was
/// made over CRLF; canonicalising the stored bytes before a detached check restores what was
/// signed. Content must be canonicalised the same way before it is signed.
public enum SMIMECanonicalization {
    /// `content` with every bare LF turned into CRLF; existing CRLF pairs and lone CRs are
    /// kept as they are.
    public static func crlf(_ content: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(content.count + content.count / 32)
        var previous: UInt8 = 0
        for byte in content {
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") {
                output.append(UInt8(ascii: "\r"))
            }
            output.append(byte)
            previous = byte
        }
        return output
    }
}

/// Which bytes a detached signature was checked over.
///
/// RFC 8551 §3.1.1 signs the canonical form (CRLF line ends). Mail stored with bare LF (mbox,
/// Maildir) no longer has it, so a check that fails over the stored bytes is tried again
/// over the CRLF form, and the result says which one was used.
public enum SignedContentForm: String, Sendable, Hashable, Codable {
    /// The bytes exactly as stored (or, for opaque signed data, as carried in the signature).
    case asStored
    /// The stored bytes with every bare LF turned into CRLF.
    case crlf
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Content-Transfer-Encoding mechanism (RFC 2045 section 6).
///
/// The field's grammar (RFC 2045 section 6.1):
///
///     encoding := "Content-Transfer-Encoding" ":" mechanism
///     mechanism := "7bit" / "8bit" / "binary" / "quoted-printable" / "base64"
///                  / ietf-token / x-token
///
/// Values are compared without regard to case. uuencode has no registered mechanism; mail
/// labels it `x-uuencode`, `x-uue`, `uuencode` or `uue`.
public enum TransferEncoding: Sendable, Hashable, CustomStringConvertible {
    /// `7bit`: lines of at most 998 US-ASCII bytes, nothing to decode (the default).
    case sevenBit
    /// `8bit`: lines of at most 998 bytes of any value but NUL, nothing to decode.
    case eightBit
    /// `binary`: any bytes, nothing to decode.
    case binary
    /// `base64` (RFC 2045 section 6.8).
    case base64
    /// `quoted-printable` (RFC 2045 section 6.7).
    case quotedPrintable
    /// uuencode, under any of its four names.
    case uuencode
    /// Any other mechanism, lowercased. RFC 2045 section 6.4 asks that such a body be
    /// treated as application/octet-stream.
    case other(String)

    /// Reads the raw value of a Content-Transfer-Encoding field, tolerantly.
    ///
    /// The first token counts: surrounding white space and line folds, comments such as
    /// `base64 (yes)` (nested, with quoted pairs), quotes, and anything after the token
    /// (`base64; x=y`) are ignored. A value with no token means the default, `7bit` (RFC 2045
    /// section 6.1).
    public init(_ value: some Collection<UInt8>) {
        var token: [UInt8] = []
        var commentDepth = 0
        var escaped = false
        for byte in value {
            if commentDepth > 0 {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "(") {
                    commentDepth += 1
                } else if byte == UInt8(ascii: ")") {
                    commentDepth -= 1
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "("):
                commentDepth = 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
                UInt8(ascii: "\""), UInt8(ascii: ";"):
                break
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                token.append(byte | 0x20)
                continue
            default:
                token.append(byte)
                continue
            }
            if !token.isEmpty { break }
        }
        self = token.withUnsafeBytes { Self(lowercasedToken: $0) }
    }

    /// The mechanism named by a token already lower-cased; only an unknown one makes a
    /// `String`.
    init(lowercasedToken token: UnsafeRawBufferPointer) {
        if token.isEmpty || Self.equals(token, "7bit") {
            self = .sevenBit
        } else if Self.equals(token, "base64") {
            self = .base64
        } else if Self.equals(token, "quoted-printable") {
            self = .quotedPrintable
        } else if Self.equals(token, "8bit") {
            self = .eightBit
        } else if Self.equals(token, "binary") {
            self = .binary
        } else if Self.equals(token, "x-uuencode") || Self.equals(token, "x-uue") || Self.equals(token, "uuencode")
                    || Self.equals(token, "uue") {
            self = .uuencode
        } else {
            self = .other(String(decoding: token, as: UTF8.self))
        }
    }

    /// The mechanism named by a token as written (any case); `token` holds only bytes that
    /// `HeaderValueScanner.isTokenByte` admits.
    init(token: UnsafeRawBufferPointer) {
        if let usual = Self.usualPrefix(of: token, foldingCase: true), usual.length == token.count {
            self = usual.encoding
        } else if token.count <= 16 {
            var lowered: (UInt64, UInt64) = (0, 0)
            self = withUnsafeMutableBytes(of: &lowered) { buffer in
                for i in 0..<token.count { buffer[i] = asciiLower(token[i]) }
                return Self(lowercasedToken: UnsafeRawBufferPointer(rebasing: buffer[0..<token.count]))
            }
        } else {
            let lowered = token.map(asciiLower)
            self = lowered.withUnsafeBytes { Self(lowercasedToken: $0) }
        }
    }

    /// One of the five usual mechanisms (`7bit`, `8bit`, `base64`, `binary`,
    /// `quoted-printable`) at the start of `text`, and its length, read a word at a time: in
    /// any case with `foldingCase`, else in lower case only (as mail nearly always spells them).
    ///
    /// The length tried is 4 unless a fifth byte follows that is not a space, then 16 if the
    /// seventh is the `-` of `quoted-`, else 6; a wrong guess only means no match. Setting the
    /// ASCII case bit (0x20) folds case exactly for these names when `text` holds token bytes:
    /// the other bytes it would map onto their letters, digits and `-` are controls and white
    /// space.
    @inline(__always)
    static func usualPrefix(of text: UnsafeRawBufferPointer, foldingCase: Bool) -> (encoding: TransferEncoding, length: Int)? {
        guard let base = text.baseAddress, text.count >= 4 else { return nil }
        let fold: UInt32 = foldingCase ? 0x2020_2020 : 0
        @inline(__always) func word32(_ offset: Int) -> UInt32 {
            UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) | fold
        }
        var length = 4
        if text.count >= 6 && base.load(fromByteOffset: 4, as: UInt8.self) != 0x20 {
            length = text.count >= 16 && base.load(fromByteOffset: 6, as: UInt8.self) == 0x2D ? 16 : 6
        }
        switch length {
        case 4:
            switch word32(0) {
            case 0x7469_6238: return (.eightBit, 4)      // "8bit"
            case 0x7469_6237: return (.sevenBit, 4)      // "7bit"
            default: return nil
            }
        case 6:
            let tail = UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 4, as: UInt16.self)) | UInt16(truncatingIfNeeded: fold)
            switch (word32(0), tail) {
            case (0x6573_6162, 0x3436): return (.base64, 6)   // "base" "64"
            case (0x616E_6962, 0x7972): return (.binary, 6)   // "bina" "ry"
            default: return nil
            }
        default:
            // "quot" "ed-p" "rint" "able"
            return word32(0) == 0x746F_7571 && word32(4) == 0x702D_6465 && word32(8) == 0x746E_6972
                && word32(12) == 0x656C_6261 ? (.quotedPrintable, 16) : nil
        }
    }

    private static func equals(_ bytes: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
        bytes.count == name.utf8CodeUnitCount && memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0
    }

    /// Reads the value of a Content-Transfer-Encoding field given as a string.
    public init(_ value: String) {
        self.init(value.utf8)
    }

    /// The mechanism's usual name, lowercase, as it is written in a header field.
    public var description: String {
        switch self {
        case .sevenBit: "7bit"
        case .eightBit: "8bit"
        case .binary: "binary"
        case .base64: "base64"
        case .quotedPrintable: "quoted-printable"
        case .uuencode: "x-uuencode"
        case .other(let name): name
        }
    }

    /// A decoder for the mechanism, or nil when there is nothing to decode.
    ///
    /// `7bit`, `8bit` and `binary` are identity encodings. An unknown mechanism also gives
    /// nil: its body cannot be decoded and is to be kept as it is (RFC 2045 section 6.4).
    public func makeDecoder() -> (any TransferDecoder)? {
        switch self {
        case .base64: Base64Decoder()
        case .quotedPrintable: QuotedPrintableDecoder()
        case .uuencode: UUDecoder()
        case .sevenBit, .eightBit, .binary, .other: nil
        }
    }
}

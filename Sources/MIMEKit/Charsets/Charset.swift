#if canImport(Glibc)
import Glibc
#endif

/// Converts text in the character sets that real mail declares into Swift strings.
///
/// Conversion goes through glibc's `iconv`, behind a table of the charset names that mail
/// clients actually write (`cp1252`, `latin1`, `ks_c_5601-1987`, `x-sjis`, ...). Some labels
/// are widened to the superset that senders really mean, as the WHATWG Encoding Standard
/// does: `gb2312`/`gbk` decode as GB18030, `big5` as Big5-HKSCS, `shift_jis` as Windows-31J
/// (CP932), `euc-kr`/`ks_c_5601-1987` as CP949, `iso-2022-jp` as ISO-2022-JP-2, and
/// `iso-8859-1` as windows-1252.
///
/// US-ASCII, UTF-8, ISO-8859-1 and windows-1252 are decoded in Swift without `iconv`.
/// Bytes that are invalid in the declared charset become U+FFFD and decoding goes on;
/// nothing is dropped. 8-bit bytes under a `us-ascii` label (a very common lie) and text
/// labelled `unknown-8bit`/`x-unknown` are decoded as ``decodeHeaderText(_:fallback:)``
/// would: UTF-8 when valid, else windows-1252.
///
/// Thread safety: an `iconv` descriptor is opened for each call and closed before it
/// returns, so no descriptor is ever shared and every function here may be called from any
/// thread.
public enum Charset: Sendable {
    /// Decodes `bytes` written in `charset`; `nil` when the charset is unknown.
    ///
    /// The name is matched case-insensitively, ignoring surrounding white space and quotes
    /// and an RFC 2231 language suffix (`utf-8*en`).
    public static func decode(_ bytes: some Collection<UInt8>, charset: String) -> String? {
        guard let resolved = resolve(charset) else { return nil }
        return convert(Array(bytes), with: resolved).text
    }

    /// Decodes raw 8-bit header text that carries no charset label.
    ///
    /// Pure ASCII and valid UTF-8 (RFC 6532) are taken as they are; otherwise the
    /// `fallback` charset (usually the part's `charset` parameter) is tried, and is kept only
    /// if it decodes every byte; otherwise windows-1252, which decodes any byte.
    public static func decodeHeaderText(_ bytes: some Collection<UInt8>, fallback: String?) -> String {
        let bytes = Array(bytes)
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if let fallback, let resolved = resolve(fallback) {
            let result = convert(bytes, with: resolved)
            if !result.hadErrors { return result.text }
        }
        return decodeWindows1252(bytes)
    }

    /// Whether `charset` names a charset that ``decode(_:charset:)`` can convert.
    public static func isKnown(_ charset: String) -> Bool { resolve(charset) != nil }

    /// How one charset label is decoded.
    enum Resolved: Equatable {
        /// US-ASCII and `unknown-8bit`-like labels: UTF-8 when valid, else windows-1252
        /// (see the type's documentation).
        case tolerantASCII
        case utf8
        /// ISO-8859-1 and windows-1252, both decoded with the windows-1252 table.
        case windows1252
        /// A name `iconv_open` accepts.
        case iconv(String)
    }

    /// Normalizes a label and finds how to decode it; `nil` for an unknown charset.
    static func resolve(_ label: String) -> Resolved? {
        var name = Substring(label.lowercased())
        name = name.drop { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" }
        while let last = name.last, last == " " || last == "\t" || last == "\"" || last == "'" {
            name = name.dropLast()
        }
        if let star = name.firstIndex(of: "*") { name = name[..<star] }
        guard !name.isEmpty, name.utf8.count <= 64 else { return nil }
        let key = String(name)
        if let known = aliases[key] { return known }
        if let iso = iso8859Part(key) {
            return iso == "1" ? .windows1252 : .iconv("ISO-8859-\(iso)")
        }
        if let codePage = codePageNumber(key) {
            if codePage == "1252" || codePage == "819" { return .windows1252 }
            if codePage == "20127" || codePage == "367" { return .tolerantASCII }
            if codePage == "65001" { return .utf8 }
            return IconvConverter.canOpen("CP\(codePage)") ? .iconv("CP\(codePage)") : nil
        }
        // Anything else that iconv itself knows, as long as it is a plain name: `/` would
        // let a message ask for iconv's `//TRANSLIT`-style suffixes.
        guard key.utf8.allSatisfy({ isNameByte($0) }) else { return nil }
        let upper = key.uppercased()
        return IconvConverter.canOpen(upper) ? .iconv(upper) : nil
    }

    /// The labels mail uses, lower-cased, that neither the ISO 8859 nor the code page pattern
    /// covers, or that must be widened to a superset.
    static let aliases: [String: Resolved] = {
        var table: [String: Resolved] = [:]
        func add(_ names: [String], _ resolved: Resolved) {
            for name in names { table[name] = resolved }
        }
        add(["us-ascii", "ascii", "ansi_x3.4-1968", "ansi_x3.4-1986", "iso646-us", "iso_646.irv:1991",
             "us", "csascii", "iso-ir-6", "646", "ascii-us", "x-ascii"], .tolerantASCII)
        add(["utf-8", "utf8", "unicode-1-1-utf-8", "unicode-2-0-utf-8", "x-unicode20utf8", "x-utf-8",
             "utf-8-bom"], .utf8)
        add(["latin1", "l1", "latin-1", "iso-ir-100", "csisolatin1", "x-latin1", "ansi", "windows-1252",
             "x-cp1252", "cp-1252", "win-1252", "ms-ansi"], .windows1252)
        add(["unknown-8bit", "x-unknown", "unknown", "x-user-defined", "8bit", "default", "unknown-8-bit",
             "x-unknown-8bit"], .tolerantASCII)
        let latin: [(String, String)] = [
            ("latin2", "2"), ("l2", "2"), ("latin3", "3"), ("l3", "3"), ("latin4", "4"), ("l4", "4"),
            ("latin5", "9"), ("l5", "9"), ("latin6", "10"), ("l6", "10"), ("latin7", "13"), ("l7", "13"),
            ("latin8", "14"), ("l8", "14"), ("latin9", "15"), ("l9", "15"), ("latin-9", "15"),
            ("latin10", "16"), ("l10", "16"), ("cyrillic", "5"), ("arabic", "6"), ("greek", "7"),
            ("hebrew", "8"), ("iso-8859-8-i", "8"), ("iso-8859-8-e", "8"), ("iso-8859-6-i", "6"),
            ("iso-8859-6-e", "6"), ("visual", "8"), ("logical", "8"),
        ]
        for (name, part) in latin { table[name] = .iconv("ISO-8859-\(part)") }
        add(["koi8-r", "koi8r", "koi8", "cskoi8r", "koi"], .iconv("KOI8-R"))
        add(["koi8-u", "koi8u", "koi8-ru"], .iconv("KOI8-U"))
        add(["gb2312", "gb_2312", "gb_2312-80", "csgb2312", "x-gbk", "gbk", "euc-cn", "x-euc-cn", "euccn",
             "chinese", "iso-ir-58", "gb18030", "cp936", "ms936", "windows-936", "csiso58gb231280"],
            .iconv("GB18030"))
        add(["big5", "big-5", "big-five", "bigfive", "cn-big5", "x-x-big5", "csbig5", "x-big5", "big5-hkscs",
             "big5hkscs", "cp950", "ms950", "windows-950"], .iconv("BIG5-HKSCS"))
        add(["shift_jis", "shift-jis", "sjis", "x-sjis", "s-jis", "ms_kanji", "csshiftjis", "windows-31j",
             "cswindows31j", "cp932", "ms932", "x-ms-cp932", "windows-932", "shift_jisx0213"], .iconv("CP932"))
        add(["euc-jp", "eucjp", "x-euc-jp", "x-euc", "ujis", "cseucpkdfmtjapanese", "x-eucjp"], .iconv("EUC-JP"))
        add(["iso-2022-jp", "csiso2022jp", "iso2022jp", "iso-2022-jp-2", "csiso2022jp2", "jis", "x-jis",
             "iso-2022-jp-1"], .iconv("ISO-2022-JP-2"))
        add(["iso-2022-jp-3"], .iconv("ISO-2022-JP-3"))
        add(["euc-kr", "euckr", "x-euc-kr", "cseuckr", "ks_c_5601-1987", "ks_c_5601", "ks_c_5601-1989",
             "ksc5601", "ksc_5601", "ks_x_1001", "korean", "iso-ir-149", "csksc56011987", "cp949", "uhc",
             "x-windows-949", "windows-949", "ms949"], .iconv("CP949"))
        add(["iso-2022-kr", "csiso2022kr"], .iconv("ISO-2022-KR"))
        add(["iso-2022-cn", "csiso2022cn"], .iconv("ISO-2022-CN"))
        add(["utf-7", "utf7", "unicode-1-1-utf-7", "x-unicode-2-0-utf-7", "csunicode11utf7", "x-utf-7"],
            .iconv("UTF-7"))
        add(["utf-16", "utf16", "unicode", "csunicode", "ucs-2", "iso-10646-ucs-2"], .iconv("UTF-16"))
        add(["utf-16le", "utf16le", "unicodelittleunmarked", "ucs-2le"], .iconv("UTF-16LE"))
        add(["utf-16be", "utf16be", "unicodebigunmarked", "ucs-2be"], .iconv("UTF-16BE"))
        add(["utf-32", "utf32", "ucs-4", "iso-10646-ucs-4"], .iconv("UTF-32"))
        add(["utf-32le", "utf32le", "ucs-4le"], .iconv("UTF-32LE"))
        add(["utf-32be", "utf32be", "ucs-4be"], .iconv("UTF-32BE"))
        add(["tis-620", "tis620", "iso-8859-11", "iso8859-11", "x-tis-620"], .iconv("CP874"))
        add(["macintosh", "mac", "x-mac-roman", "macroman", "csmacintosh", "x-mac"], .iconv("MACINTOSH"))
        add(["viscii", "csviscii"], .iconv("VISCII"))
        return table
    }()

    /// The part number of `iso-8859-N`, `iso8859-N`, `iso_8859-N`, `iso8859N` and
    /// `iso_8859-N:1987`, if the label is one.
    private static func iso8859Part(_ name: String) -> String? {
        var rest = Substring(name)
        guard rest.hasPrefix("iso") else { return nil }
        rest = rest.dropFirst(3)
        if rest.first == "-" || rest.first == "_" { rest = rest.dropFirst() }
        guard rest.hasPrefix("8859") else { return nil }
        rest = rest.dropFirst(4)
        if rest.first == "-" || rest.first == "_" { rest = rest.dropFirst() }
        if let colon = rest.firstIndex(of: ":") { rest = rest[..<colon] }
        guard !rest.isEmpty, rest.count <= 2, rest.allSatisfy(\.isASCIIDigit),
              let number = Int(rest), (1...16).contains(number), number != 12 else { return nil }
        return String(number)
    }

    /// The number of `cpNNN`, `cp-NNN`, `windows-NNN`, `win-NNN`, `x-cpNNN`, `ibmNNN`, `msNNN`.
    private static func codePageNumber(_ name: String) -> String? {
        for prefix in ["x-cp", "cp-", "cp", "windows-", "win-", "ibm-", "ibm", "ms-", "ms"]
        where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(\.isASCIIDigit) else { return nil }
            return String(digits.drop { $0 == "0" })
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }

    /// Decodes with a resolved charset, telling whether any byte was invalid.
    static func convert(_ bytes: [UInt8], with resolved: Resolved) -> (text: String, hadErrors: Bool) {
        switch resolved {
        case .utf8:
            if let text = String(validating: bytes, as: UTF8.self) { return (text, false) }
            return (String(decoding: bytes, as: UTF8.self), true)
        case .tolerantASCII:
            if let text = String(validating: bytes, as: UTF8.self) { return (text, false) }
            return (decodeWindows1252(bytes), false)
        case .windows1252:
            return (decodeWindows1252(bytes), false)
        case .iconv(let name):
            return IconvConverter.convert(bytes, from: name)
                ?? (String(decoding: bytes, as: UTF8.self), true)
        }
    }

    /// Windows-1252 as the WHATWG Encoding Standard defines it: the five bytes it leaves
    /// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) keep their ISO-8859-1 (C1 control) meaning.
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte < 0xA0 {
                scalars.append(Unicode.Scalar(windows1252High[Int(byte - 0x80)]) ?? "\u{FFFD}")
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

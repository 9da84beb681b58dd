/// Turns a file name taken from a message into one that is safe to create in a directory.
///
/// A name from a message is attacker-controlled. The result is a single path component that
/// never escapes its directory and never names something special:
/// - only what follows the last `/` or `\` is kept (no `../`, no absolute paths);
/// - NUL, control characters (C0, DEL, C1) and bidirectional overrides (which make
///   `invoice‮fdp.exe` look like `invoiceexe.pdf`) are removed;
/// - characters Windows forbids in names (`<>:"|?*`) become `_`;
/// - leading dots and spaces (hidden files, `..`) and trailing dots and spaces are dropped;
/// - Windows device names (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, with
///   any extension) get a `_` in front;
/// - the name is cut to 255 UTF-8 bytes, keeping its extension.
///
/// An empty result is nil: the caller then uses a name of its own.
public enum SafeFileName {
    /// The safe form of `name`, or nil when nothing usable is left.
    public static func make(_ name: String) -> String? {
        var component = Substring(name)
        if let cut = component.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
            component = component[component.index(after: cut)...]
        }
        var scalars = String.UnicodeScalarView()
        for scalar in component.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) { continue }
            if (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F {
                continue
            }
            if "<>:\"|?*".unicodeScalars.contains(scalar) {
                scalars.append("_")
            } else {
                scalars.append(scalar)
            }
        }
        var text = String(scalars)
        while let first = text.first, first == "." || first == " " { text.removeFirst() }
        while let last = text.last, last == "." || last == " " { text.removeLast() }
        guard !text.isEmpty else { return nil }
        let stem = text.split(separator: ".", maxSplits: 1).first.map { $0.uppercased() } ?? ""
        let devices: Set<String> = ["CON", "PRN", "AUX", "NUL"]
        let numbered = (stem.hasPrefix("COM") || stem.hasPrefix("LPT")) && stem.count == 4 && stem.last!.isNumber
        if devices.contains(stem) || numbered { text = "_" + text }
        return truncated(text, toBytes: 255)
    }

    /// `text` cut to at most `limit` UTF-8 bytes on a character boundary, keeping a short
    /// extension.
    static func truncated(_ text: String, toBytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var extensionPart = ""
        if let dot = text.lastIndex(of: "."), text.distance(from: dot, to: text.endIndex) <= 16 {
            extensionPart = String(text[dot...])
        }
        var stem = extensionPart.isEmpty ? text : String(text[..<text.lastIndex(of: ".")!])
        while stem.utf8.count + extensionPart.utf8.count > limit { stem.removeLast() }
        return stem + extensionPart
    }
}

/// Finds what an HTML text loads or sends without the reader's click: remote images,
/// stylesheets, frames, CSS `url()` and `@import`, form actions, and `mailto:` links asking
/// the client to attach files.
///
/// References: Poddebniak et al., "Efail", USENIX Security 2018, §6 (exfiltration channels
/// in 48 clients); Müller et al., "Mailto: Me Your Secrets", NDSS 2020 (`attach=` parameters).
enum RemoteResources {
    /// Attribute and CSS markers whose value is fetched automatically.
    private static let fetchMarkers = ["src=", "background=", "poster=", "srcset=", "data=", "action=", "url(", "@import", "href="]
    /// `mailto:` parameters that make clients attach local files.
    private static let attachParameters = ["attach=", "attachment=", "attachments="]

    /// What `html` fetches or attaches, as evidence strings (at most `limit`).
    static func find(in html: [UInt8], limit: Int = 5) -> [String] {
        let text = ByteSearch.lowered(html)
        var found: [(Int, String)] = []
        for marker in fetchMarkers {
            for offset in ByteSearch.offsets(of: marker, in: text) {
                var k = offset + marker.utf8.count
                while k < text.count, [UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x0A, 0x0D, 0x09].contains(text[k]) { k += 1 }
                let value = text[k...]
                guard value.starts(with: "http:".utf8) || value.starts(with: "https:".utf8)
                    || value.starts(with: "//".utf8) || value.starts(with: "ftp:".utf8)
                else { continue }
                if marker == "href=" && tagName(before: offset, in: text) != "link" { continue }
                if marker == "data=" && tagName(before: offset, in: text) != "object" { continue }
                found.append((offset, ByteSearch.excerpt(html, at: max(0, offset - 12), limit: 80)))
            }
        }
        for offset in ByteSearch.offsets(of: "mailto:", in: text) {
            var end = offset
            while end < text.count, ![UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ">"), UInt8(ascii: " "), 0x0A].contains(text[end]) { end += 1 }
            let link = Array(text[offset..<end])
            if attachParameters.contains(where: { ByteSearch.contains($0, in: link) }) {
                found.append((offset, "mailto: with a file attachment parameter: " + ByteSearch.excerpt(html, at: offset, limit: 80)))
            }
        }
        return found.sorted { $0.0 < $1.0 }.prefix(limit).map(\.1)
    }

    /// The name of the tag that the attribute at `offset` belongs to.
    private static func tagName(before offset: Int, in text: [UInt8]) -> String {
        guard let open = text[..<offset].lastIndex(of: UInt8(ascii: "<")) else { return "" }
        var end = open + 1
        while end < offset, (text[end] >= 0x61 && text[end] <= 0x7A) || (text[end] >= 0x30 && text[end] <= 0x39) { end += 1 }
        return String(decoding: text[(open + 1)..<end], as: UTF8.self)
    }
}

// Fuzz target: address lists (InternetAddressList, AddressListParser). Parsing is
// deterministic, yields no more mailboxes than bytes and no more text than a bounded
// multiple of the input, and the mailboxes with a plain dot-atom address, written again by
// HeaderEncoder.addressField (display names as atoms, quoted-strings or encoded-words),
// read back with the same addresses and display names. Built and run by Tests/Fuzz/fuzz.sh.

import MIMEKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAddressListParsing(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeRawBufferPointer(start: data, count: size))
    let list = InternetAddressList.parse(input)
    require(InternetAddressList.parse(input) == list, "parsing not deterministic")
    let mailboxes = list.mailboxes
    require(mailboxes.count <= size, "\(mailboxes.count) mailboxes from \(size) bytes")
    var scalars = 0
    for mailbox in mailboxes {
        scalars += (mailbox.name?.unicodeScalars.count ?? 0) + mailbox.localPart.unicodeScalars.count
            + (mailbox.domain?.unicodeScalars.count ?? 0) + mailbox.route.reduce(0) { $0 + $1.unicodeScalars.count }
            + mailbox.comments.reduce(0) { $0 + $1.unicodeScalars.count }
        _ = (mailbox.unicodeDomain, mailbox.asciiDomain, mailbox.addressInDisplayName, mailbox.description)
    }
    // A display name may also be the text of the comments, so each byte may count twice;
    // charset conversion may expand a byte, but not without bound.
    require(scalars <= 8 * size + 8, "\(scalars) scalars of text from \(size) bytes")
    _ = list.description

    let plain = mailboxes.filter { mailbox in
        guard let domain = mailbox.domain, mailbox.route.isEmpty else { return false }
        return isDotAtom(mailbox.localPart) && isDotAtom(domain)
    }
    guard !plain.isEmpty else { return 0 }
    let field = HeaderEncoder.addressField(name: "To", addresses: plain.map { MIMEAddress($0.address, name: $0.name) })
    let prefix = Array("To:".utf8)
    require(field.starts(with: prefix), "field without its name")
    let again = InternetAddressList.parse(field[prefix.count...]).mailboxes
    require(again.count == plain.count, "\(plain.count) mailboxes read back as \(again.count): \(again)")
    for (written, read) in zip(plain, again) {
        require(read.address == written.address, "\(written.address) reads back as \(read.address)")
        let name = written.name ?? ""
        require((read.name ?? "") == name, "name \(name.debugDescription) reads back as \((read.name ?? "").debugDescription)")
    }
    return 0
}

/// Whether `text` is an RFC 5322 dot-atom: atext runs joined by single dots.
private func isDotAtom(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty, bytes.first != UInt8(ascii: "."), bytes.last != UInt8(ascii: ".") else { return false }
    var previous: UInt8 = 0
    for byte in bytes {
        if byte == UInt8(ascii: ".") {
            if previous == byte { return false }
        } else if !isAtext(byte) {
            return false
        }
        previous = byte
    }
    return true
}

private func isAtext(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        true
    default:
        "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }
}

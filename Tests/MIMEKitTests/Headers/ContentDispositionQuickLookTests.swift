import Testing
@testable import MIMEKit

/// `ContentDisposition.quickLook`, the shortcut `MIMEEntity.isAttachment` takes, against the
/// full parse and against answers worked out by hand.
@Suite struct ContentDispositionQuickLookTests {
    private func look(_ text: String) -> ContentDisposition.QuickLook {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { ContentDisposition.quickLook($0) }
    }

    /// Expected values read off RFC 2183 and the parser's rules, not from the code.
    @Test(arguments: [
        ("attachment", .attachment),
        (" attachment; filename=a.pdf", .attachment),
        ("\tATTACHMENT", .attachment),
        ("Attachment;", .attachment),
        ("attachment;;;=x; junk", .attachment),
        ("attachment(comment)", .attachment),
        ("attachment\r\n ; filename=x", .attachment),
        ("inline", .noFilename),
        ("inline; size=3", .noFilename),
        ("", .noFilename),
        ("   ", .noFilename),
        ("attachments", .noFilename),
        ("attachment-x", .noFilename),
        ("x-attachment", .noFilename),
        ("attachmen", .noFilename),
        ("inline; file(c)name=a", .noFilename),
        ("inline; filename=a.png", .unknown),
        ("inline; FILENAME*=utf-8''a", .unknown),
        ("attachmentfilename", .unknown),
        ("(c) attachment", .unknown),
        ("\r\n attachment", .unknown),
        ("\nattachment", .unknown),
    ] as [(String, ContentDisposition.QuickLook)])
    func decidesTheCommonValues(_ raw: String, _ expected: ContentDisposition.QuickLook) {
        #expect(look(raw) == expected, "\(raw.debugDescription)")
    }

    /// Every combination of odd leading text, types and parameters: whatever the look
    /// decides, the full parse agrees.
    @Test func agreesWithTheFullParse() {
        let leads = ["", " ", "\t", " \r\n ", "\r\n\t", "(c) ", "(a(b)c)", "\n", "\r\n", " ( x ) "]
        let types = ["attachment", "ATTACHMENT", "AtTaChMeNt", "inline", "INLINE", "attachments", "attachment-x",
                     "x-attachment", "", "attach ment", "attachment/", "attachment=", "\u{C4}ttachment",
                     "att\u{130}chment", "\"attachment\"", "attachment\u{212A}", "form-data"]
        let tails = ["", ";", "; filename=a.txt", "; FILENAME=\"b c.pdf\"", "; filename*=utf-8''%C3%A9.txt",
                     "; filename*0=a; filename*1=b", "; filename=\"\"", "; filename=", "; name=x",
                     "(comment); filename=x", "\r\n ; filename=x", ";junk", "; x-filename-y=1", "; filename*=''",
                     "; filename==?utf-8?q??=", "; file(c)name=a", "; fileName*0*=utf-8''%41", " filename=b",
                     "; filename=\"=?utf-8?b?w6k=?=\"", "\n; filename=cut"]
        var attachments = 0, noFilenames = 0
        for lead in leads {
            for type in types {
                for tail in tails {
                    let raw = lead + type + tail
                    let full = ContentDisposition(parsing: Array(raw.utf8))
                    switch look(raw) {
                    case .attachment:
                        attachments += 1
                        #expect(full?.type == "attachment", "\(raw.debugDescription)")
                    case .noFilename:
                        noFilenames += 1
                        #expect(full?.type != "attachment", "\(raw.debugDescription)")
                        #expect(full?.filename == nil, "\(raw.debugDescription)")
                    case .unknown:
                        break
                    }
                }
            }
        }
        // The look decides only after plain spaces and tabs (3 leads). Then the 5 types that
        // start with `attachment` and a non-token byte (3 spellings, `attachment/`,
        // `attachment=`) are attachments with every tail; the 12 others have no filename with
        // the 5 tails that do not spell `filename` ("", ";", "; name=x", ";junk", "file(c)name").
        #expect(attachments == 3 * 5 * tails.count)
        #expect(noFilenames == 3 * 12 * 5)
    }

    /// The look compares the type's bytes ignoring ASCII case, the parser compares its
    /// `lowercased()` text: they agree only if no other character lower-cases to (or is
    /// canonically equivalent to) one of the letters of `attachment`.
    @Test func noOtherCharacterLowerCasesToALetterOfAttachment() {
        let letters = Set("acehmnt".map { String($0) })
        var offenders: [UInt32] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let lower = String(Character(scalar)).lowercased()
            if letters.contains(lower) || letters.contains(String(Character(scalar))) { offenders.append(value) }
        }
        #expect(offenders.isEmpty, "\(offenders.map { String($0, radix: 16) })")
    }
}

import Testing
@testable import MIMEKit

@Suite struct ContentDispositionTests {
    private func parse(_ text: String) -> ContentDisposition? { ContentDisposition(parsing: Array(text.utf8)) }

    @Test func typeIsLowerCased() throws {
        let d = try #require(parse("ATTACHMENT; filename=a.txt"))
        #expect(d.type == "attachment")
        #expect(d.isAttachment)
        #expect(!d.isInline)
        #expect(try #require(parse("Inline")).isInline)
        let other = try #require(parse("x-unknown"))
        #expect(other.type == "x-unknown")
        #expect(other.isAttachmentLike)
        #expect(other.kind == .other("x-unknown"))
        #expect(d.kind == .attachment)
    }

    @Test func filenameRFC2231AndRFC2047() throws {
        #expect(try #require(parse("attachment; filename*=UTF-8''na%C3%AFve.txt")).filename == "naïve.txt")
        #expect(try #require(parse("attachment; filename=\"=?UTF-8?Q?na=C3=AFve.txt?=\"")).filename == "naïve.txt")
    }

    @Test func datesAndSize() throws {
        let d = try #require(parse(
            "attachment; filename=a; creation-date=\"Wed, 12 Feb 1997 16:29:51 -0500\"; "
                + "modification-date=\"Thu, 13 Feb 1997 16:29:51 -0500\"; read-date=\"bogus\"; size=1234"))
        #expect(d.creationDate?.iso8601UTC == "1997-02-12T21:29:51Z")
        #expect(d.modificationDate?.day == 13)
        #expect(d.readDate == nil)
        #expect(d.size == 1234)
        #expect(try #require(parse("attachment; size=-3")).size == nil)
    }

    @Test func missingTypeIsNil() {
        #expect(parse("") == nil)
        #expect(parse("; filename=a") == nil)
    }
}

import Testing
@testable import MIMEKit

@Suite struct ContentTypeTests {
    private func parse(_ text: String) -> ContentType? { ContentType(parsing: Array(text.utf8)) }

    @Test func typeAndSubtypeAreLowerCased() throws {
        let type = try #require(parse("Text/HTML; Charset=UTF-8"))
        #expect(type.mimeType == "text/html")
        #expect(type.charset == "utf-8")
        #expect(type.parameters.first?.name == "Charset")
    }

    @Test func quotedBoundaryWithFoldingAndEscapes() throws {
        let type = try #require(parse("multipart/mixed; boundary=\"simple\r\n boundary\"; x=\"a\\\"b\""))
        #expect(type.boundary == Array("simple boundary".utf8))
        #expect(type.parameters["x"] == "a\"b")
    }

    @Test func commentsAreSkipped() throws {
        let type = try #require(parse("(c) text (x) / plain (y) ; charset = (z) utf-8"))
        #expect(type.mimeType == "text/plain")
        #expect(type.charset == "utf-8")
    }

    @Test func missingSemicolonAndValuelessParameter() throws {
        let type = try #require(parse("multipart/mixed boundary=abc; flag; name=a/b.txt"))
        #expect(String(decoding: type.boundary ?? [], as: UTF8.self) == "abc")
        #expect(type.parameters["flag"] == "")
        #expect(type.parameters["name"] == "a/b.txt")
    }

    @Test func firstOfDuplicateParametersWins() throws {
        let type = try #require(parse("multipart/mixed; boundary=one; BOUNDARY=two"))
        #expect(type.boundary == Array("one".utf8))
    }

    @Test func noSubtypeIsNotAContentType() {
        #expect(parse("text") == nil)
        #expect(parse("") == nil)
        #expect(parse("/plain") == nil)
    }

    @Test func emptyBoundaryIsAbsent() throws {
        #expect(try #require(parse("multipart/mixed; boundary=\"\"")).boundary == nil)
    }
}

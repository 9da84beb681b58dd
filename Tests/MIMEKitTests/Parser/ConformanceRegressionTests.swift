import Testing
@testable import MIMEKit

/// The smallest inputs for the two parser bugs the conformance suites found (mail-parser
/// thirdparty/007 and 008; mime4j ending-boundaries.msg and mail-parser malformed/004).
@Suite struct ConformanceRegressionTests {
    /// `--inner--` LF `--outer--`: the LF after the inner close delimiter is the CRLF that
    /// starts the outer delimiter (RFC 2046 5.1.1: `close-delimiter transport-padding
    /// [CRLF epilogue]`, then `delimiter := CRLF dash-boundary`), so the part holding the
    /// inner multipart ends before it.
    @Test func lineEndingAfterInnerCloseDelimiterBelongsToOuterDelimiter() {
        let text = "Content-Type: multipart/mixed; boundary=1\n\n--1\nContent-Type: multipart/mixed; boundary=2\n\n--2\n\nx\n--2--\n--1--\n"
        let message = MIMEMessage(bytes: Array(text.utf8))
        let inner = message.root.children.first
        #expect(message.root.children.count == 1)
        #expect(inner?.kind == .multipart)
        #expect(inner?.offsets.end == text.utf8.count - "\n--1--\n".utf8.count)
        #expect(inner.map { $0.body.utf8String.hasSuffix("--2--") } == true)
    }

    /// RFC 2046 5.1.1, NOTE TO IMPLEMENTORS: "it is sufficient that the boundary appear in
    /// its entirety following the CRLF".
    @Test func boundaryFollowedByTextIsADelimiter() {
        let text = "Content-Type: multipart/mixed; boundary=b\n\n--b junk\n\nx\n--b--\n"
        let message = MIMEMessage(bytes: Array(text.utf8))
        #expect(message.root.children.count == 1)
        #expect(message.root.children.first?.body.utf8String == "x")
    }
}

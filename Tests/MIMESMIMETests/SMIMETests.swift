import Testing

/// The suite all S/MIME tests that need keys belong to; they share one fixture.
@Suite(.smimeFixture)
struct SMIMETests {
    /// The fixture of the running test.
    static var fixture: SMIMEFixture {
        get throws { try #require(SMIMEFixture.current) }
    }
}

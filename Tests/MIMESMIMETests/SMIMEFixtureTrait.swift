import Testing

/// Makes one ``SMIMEFixture`` for the suite it is applied to, nested suites included, and
/// removes it when they have run.
struct SMIMEFixtureTrait: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let fixture = try SMIMEFixture()
        defer { fixture.remove() }
        try await SMIMEFixture.$current.withValue(fixture) {
            try await function()
        }
    }
}

extension Trait where Self == SMIMEFixtureTrait {
    /// Keys and certificates made with `openssl`, shared by the suite.
    static var smimeFixture: Self { SMIMEFixtureTrait() }
}

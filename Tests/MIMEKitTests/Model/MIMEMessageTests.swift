import Testing
@testable import MIMEKit

@Suite struct MIMEMessageTests {
    @Test func entityAtIndexIsEntitiesInOrder() {
        let text = """
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            one
            --b
            Content-Type: message/rfc822

            Content-Type: multipart/alternative; boundary=c

            --c

            two
            --c--
            --b--

            """
        let message = MIMEMessage(bytes: Array(text.utf8))
        // Worked out by hand: root, its two parts, the enclosed root and its one part.
        #expect(message.entityCount == 5)
        #expect((0..<message.entityCount).map { message.entity(at: $0).id } == ["TEXT", "1", "2", "2.TEXT", "2.1"])
        #expect(message.entities.map(\.id) == (0..<message.entityCount).map { message.entity(at: $0).id })
        #expect(message.entity(at: 3).contentType.subtype == "alternative")
        #expect(MIMEMessage(bytes: Array("Subject: x\n\nbody\n".utf8)).entityCount == 1)
    }
}

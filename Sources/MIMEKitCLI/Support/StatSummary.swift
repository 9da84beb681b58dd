import MIMEKit

/// What `mimekit stat` counts. Every field is a sum, so summaries made by several threads
/// merge into the same result in any order.
struct StatSummary: Sendable {
    var messages = 0
    var inputBytes = 0
    var entities = 0
    var leaves = 0
    var multiparts = 0
    var enclosedMessages = 0
    var decodedBytes = 0
    var attachments = 0
    var signed = 0
    var encrypted = 0
    /// Counts by `type/subtype`, kept by their two parts so that no string is made per entity;
    /// the counts of the types in `recentTypes` are not in it yet (see `typeCounts`).
    private var settledTypeCounts: [MediaType: Int] = [:]
    /// The last few media types met and their counts since: mail repeats a handful of types,
    /// and comparing two short strings costs less than hashing them into a dictionary.
    private var recentTypes: [MediaType] = []
    private var recentCounts: [Int] = []
    /// What each of `recentTypes` says about signing and encryption, decided once when the
    /// type is met rather than by comparing strings for every entity.
    private var recentSecurity: [Security] = []
    private var nextEviction = 0
    private static let recentCapacity = 8
    var diagnostics: [String: Int] = [:]

    struct MediaType: Hashable, Sendable {
        var type: String
        var subtype: String
    }

    /// Counts by media type.
    var typeCounts: [MediaType: Int] {
        var counts = settledTypeCounts
        for (type, count) in zip(recentTypes, recentCounts) { counts[type, default: 0] += count }
        return counts
    }

    /// What a media type says about signing and encryption.
    private enum Security {
        case neither
        /// `multipart/signed`.
        case signed
        /// `multipart/encrypted`.
        case encrypted
        /// S/MIME `application/pkcs7-mime`: its `smime-type` parameter tells.
        case pkcs7
    }

    /// Counts one entity's media type and returns its slot in `recentTypes`. The type is read
    /// in place (no `MediaType`, no string copied) unless it is new to the recent ones.
    private mutating func count(_ type: ContentType) -> Int {
        for index in recentTypes.indices where recentTypes[index].subtype == type.subtype && recentTypes[index].type == type.type {
            recentCounts[index] += 1
            return index
        }
        let mediaType = MediaType(type: type.type, subtype: type.subtype)
        let security = Self.security(type)
        if recentTypes.count < Self.recentCapacity {
            recentTypes.append(mediaType)
            recentCounts.append(1)
            recentSecurity.append(security)
            return recentTypes.count - 1
        }
        let slot = nextEviction
        settledTypeCounts[recentTypes[slot], default: 0] += recentCounts[slot]
        recentTypes[slot] = mediaType
        recentCounts[slot] = 1
        recentSecurity[slot] = security
        nextEviction = (nextEviction + 1) % Self.recentCapacity
        return slot
    }

    private static func security(_ type: ContentType) -> Security {
        if type.type == "multipart" && type.subtype == "signed" { return .signed }
        if type.type == "multipart" && type.subtype == "encrypted" { return .encrypted }
        return isPKCS7(type) ? .pkcs7 : .neither
    }

    /// Counts by `type/subtype`.
    var contentTypes: [String: Int] {
        Dictionary(typeCounts.map { ("\($0.key.type)/\($0.key.subtype)", $0.value) }, uniquingKeysWith: +)
    }

    /// Counts one message, decoding every leaf.
    mutating func add(_ message: MIMEMessage) {
        messages += 1
        inputBytes += message.range.count
        for diagnostic in message.diagnostics { diagnostics[diagnostic.code.rawValue, default: 0] += 1 }
        // Pages read while decoding go back every 4 MiB of the message, and as it goes for a
        // leaf of 4 MiB or more, rather than after every leaf longer than a page: memory stays
        // bounded for a message of any size (by 8 MiB of pages a thread), with a fraction of
        // the `madvise` calls. Each one interrupts the other threads' cores to flush their
        // TLBs when --jobs is above 1; in an mbox cut into stripes, those of a message under
        // 4 MiB are left to the stripes' release by whole blocks (`PageReleaser`; `stat --jobs 2`
        // of `mixed.mbox`, with 47 leaves of 1-1.4 MiB: 47 fewer calls than with a 1 MiB threshold).
        var released = message.range.lowerBound
        // By index: `message.entities` would build an array of every entity first.
        for index in 0..<message.entityCount {
            let entity = message.entity(at: index)
            entities += 1
            let slot = count(entity.contentType)
            switch recentSecurity[slot] {
            case .neither: break
            case .signed: signed += 1
            case .encrypted: encrypted += 1
            case .pkcs7:
                if Self.isSigned(entity.contentType) { signed += 1 }
                if Self.isEncrypted(entity.contentType) { encrypted += 1 }
            }
            switch entity.kind {
            case .multipart: multiparts += 1
            case .message: enclosedMessages += 1
            case .leaf:
                leaves += 1
                let offsets = entity.offsets
                // Only the report is wanted: 7bit, 8bit and binary bodies are then counted,
                // not passed through the decoding loop.
                let report = entity.decodedBodyReport(discardingPages: offsets.end - offsets.bodyStart >= 1 << 22)
                if offsets.end - released >= 1 << 22 {
                    message.storage.discard(released..<offsets.end)
                    released = offsets.end
                }
                decodedBytes += report.decodedSize
                for diagnostic in report.diagnostics { diagnostics[diagnostic.code.rawValue, default: 0] += 1 }
                if entity.isAttachment { attachments += 1 }
            }
        }
    }

    mutating func merge(_ other: StatSummary) {
        messages += other.messages
        inputBytes += other.inputBytes
        entities += other.entities
        leaves += other.leaves
        multiparts += other.multiparts
        enclosedMessages += other.enclosedMessages
        decodedBytes += other.decodedBytes
        attachments += other.attachments
        signed += other.signed
        encrypted += other.encrypted
        settledTypeCounts.merge(other.typeCounts, uniquingKeysWith: +)
        diagnostics.merge(other.diagnostics, uniquingKeysWith: +)
    }

    /// `multipart/signed` (RFC 1847) or S/MIME signed-data (RFC 8551 3.5).
    static func isSigned(_ type: ContentType) -> Bool {
        if type.type == "multipart" && type.subtype == "signed" { return true }
        return isPKCS7(type) && type.parameters["smime-type"]?.lowercased() == "signed-data"
    }

    /// `multipart/encrypted` (RFC 1847, PGP/MIME) or S/MIME enveloped or authEnveloped data
    /// (an `application/pkcs7-mime` without `smime-type` is enveloped-data, RFC 8551 3.2.2).
    static func isEncrypted(_ type: ContentType) -> Bool {
        if type.type == "multipart" && type.subtype == "encrypted" { return true }
        guard isPKCS7(type) else { return false }
        let smimeType = type.parameters["smime-type"]?.lowercased()
        return smimeType == nil || smimeType == "enveloped-data" || smimeType == "authenveloped-data"
    }

    private static func isPKCS7(_ type: ContentType) -> Bool {
        type.type == "application" && (type.subtype == "pkcs7-mime" || type.subtype == "x-pkcs7-mime")
    }

    /// Counts sorted by count, then name.
    static func sorted(_ counts: [String: Int]) -> [(String, Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    }

    var json: JSONValue {
        .object([
            ("messages", .int(messages)),
            ("inputBytes", .int(inputBytes)),
            ("entities", .int(entities)),
            ("leaves", .int(leaves)),
            ("multiparts", .int(multiparts)),
            ("enclosedMessages", .int(enclosedMessages)),
            ("decodedBytes", .int(decodedBytes)),
            ("attachments", .int(attachments)),
            ("signed", .int(signed)),
            ("encrypted", .int(encrypted)),
            ("contentTypes", .object(Self.sorted(contentTypes).map { ($0.0, .int($0.1)) })),
            ("diagnostics", .object(Self.sorted(diagnostics).map { ($0.0, .int($0.1)) })),
        ])
    }

    var text: String {
        var out = """
            messages           \(messages)
            input bytes        \(inputBytes)
            entities           \(entities) (\(leaves) leaves, \(multiparts) multiparts, \(enclosedMessages) enclosed messages)
            decoded bytes      \(decodedBytes)
            attachments        \(attachments)
            signed             \(signed)
            encrypted          \(encrypted)
            content types:

            """
        for (type, count) in Self.sorted(contentTypes) { out += "  \(count)\t\(type)\n" }
        if !diagnostics.isEmpty {
            out += "diagnostics:\n"
            for (code, count) in Self.sorted(diagnostics) { out += "  \(count)\t\(code)\n" }
        }
        return out
    }
}

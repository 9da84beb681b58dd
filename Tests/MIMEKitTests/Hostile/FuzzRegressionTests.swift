import Foundation
import Testing
@testable import MIMEKit

/// Every input the fuzzers (Tests/Fuzz) stopped on, checked for what the fuzz targets check:
/// the same events however the input is cut, events that tile it, a tree that writes it
/// back, and bodies that decode the same in any chunks. The first byte picks the limits as
/// in the fuzz targets (`fuzzOptions` in Tests/Fuzz/Support).
///
/// Inputs are kept inline, base64-encoded (any byte can occur); `base64 -d` one into a file
/// and pass the file to a fuzz binary (`.build-fuzz/ParserChunks FILE`) to rerun it there.
@Suite struct FuzzRegressionTests {
    static let inputs: [String: String] = [
        // ParserChunks: maxLineLength 12 (first byte 'B'), a 14-byte field line whose colon
        // is the 13th byte: a field when the line is carried over chunks, not otherwise.
        "carried-line-one-byte-past-limit": "QmNjLTEyMzQ1Njc4OnkKCmJvZHkK",
    ]

    @Test(arguments: inputs.keys.sorted())
    func inputKeepsTheInvariants(_ name: String) throws {
        let bytes = Array(try #require(Data(base64Encoded: Self.inputs[name]!)))
        check(bytes)
    }

    private func check(_ bytes: [UInt8]) {
        let options = Self.options(bytes)
        let oneByteAtATime = Array(0..<bytes.count)
        let messages = expectSurvives(bytes, options: options, cuts: oneByteAtATime)
        for entity in messages.flatMap(\.entities) {
            var whole: [UInt8] = []
            let report = entity.decodeBody { whole += $0 }
            var pieces: [UInt8] = []
            let pieceReport = entity.decodeBody(chunkSize: 3) { pieces += $0 }
            #expect(whole == pieces)
            #expect(report == pieceReport)
            #expect(whole.count <= entity.body.count + 8)
        }
    }

    /// Content-Disposition values the ContentDispositionParsing target stopped on: each,
    /// written again with `HeaderEncoder.parameterizedField`, reads back with the same type
    /// and parameter values.
    static let dispositionInputs: [String: String] = [
        // A parameter with an empty value and a name longer than a line (55 invalid bytes,
        // each U+FFFD): the encoder wrote neither a quoted-string nor any RFC 2231 section,
        // so the parameter was lost.
        "empty-value-long-name": "IEph/yAt////////////////////////////////////////////////////////////////////////TWFpbGVy",
    ]

    @Test(arguments: dispositionInputs.keys.sorted())
    func dispositionReadsBack(_ name: String) throws {
        let bytes = Array(try #require(Data(base64Encoded: Self.dispositionInputs[name]!)))
        let parsed = try #require(ContentDisposition(parsing: bytes))
        let parameters = parsed.parameters.map { (name: $0.name, value: parsed.parameters[$0.name] ?? "") }
        let field = HeaderEncoder.parameterizedField(name: "Content-Disposition", value: parsed.type, parameters: parameters)
        let again = try #require(ContentDisposition(parsing: field.dropFirst("Content-Disposition:".utf8.count)))
        #expect(again.type == parsed.type)
        for parameter in parameters {
            #expect(again.parameters[parameter.name] == parameter.value)
        }
    }

    /// The limits the fuzz targets pick from the first byte (Tests/Fuzz/Support/FuzzSupport.swift).
    static func options(_ bytes: [UInt8]) -> MIMEParserOptions {
        var options = MIMEParserOptions()
        guard let first = bytes.first else { return options }
        options.mbox = first & 0x01 != 0
        if first & 0x02 != 0 { options.maxLineLength = 8 + Int(first >> 4) }
        if first & 0x04 != 0 { options.maxDepth = 1 + Int(first >> 5) }
        if first & 0x08 != 0 { options.maxParts = 1 + Int(first >> 4) }
        if first & 0x10 != 0 { options.maxHeaderFields = 1 + Int(first >> 6) }
        if first & 0x20 != 0 { options.maxHeaderBytes = 16 + Int(first >> 6) * 16 }
        return options
    }
}

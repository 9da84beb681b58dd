// Fuzz target: decoding every leaf's body in small chunks gives the same bytes and report as
// decoding it in the default chunks, and never more bytes than the raw body (plus a few for
// a held-back quantum); and parsing with base64 bodies decoded ahead of the parser, in pieces
// of a random size, gives every leaf the same `decodedBodyReport`. Built and run by
// Tests/Fuzz/fuzz.sh.

import MIMEKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBodyDecoding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    var options = fuzzOptions(input)
    options.mbox = input.first.map { $0 & 0x01 != 0 } ?? false
    var random = FuzzRandom(seededBy: input)
    let chunkSize = 1 + random.below(64)
    let storage = ByteStorage(Array(input))
    var reports: [DecodedBodyReport] = []
    MIMEParser.parseMessages(storage, options: options) { message in
        for entity in message.entities {
            reports.append(entity.decodedBodyReport())
            var whole: [UInt8] = []
            let report = entity.decodeBody { whole.append(contentsOf: $0) }
            var pieces: [UInt8] = []
            let pieceReport = entity.decodeBody(chunkSize: chunkSize) { piece in
                require(!piece.isEmpty, "decodeBody passed an empty piece")
                pieces.append(contentsOf: piece)
            }
            require(report.decodedSize == whole.count, "decodedSize \(report.decodedSize) but \(whole.count) bytes given")
            require(whole == pieces, "entity \(entity.id) (\(report.encoding)): chunk size \(chunkSize) decodes differently")
            require(report == pieceReport, "entity \(entity.id): chunk size \(chunkSize) reports differently")
            require(whole.count <= entity.body.count + 8, "entity \(entity.id) decoded \(whole.count) bytes from \(entity.body.count)")
        }
    }
    let aheadPiece = 1 + random.below(256)
    var aheadReports: [DecodedBodyReport] = []
    MIMEParser.parseMessages(storage, in: 0..<storage.count, options: options, discardingPages: false,
                             keptBytes: 48 << 20, decodingAhead: true, aheadPiece: aheadPiece) { message in
        for entity in message.entities { aheadReports.append(entity.decodedBodyReport()) }
    }
    require(reports == aheadReports, "decoding ahead in pieces of \(aheadPiece) reports differently")
    return 0
}

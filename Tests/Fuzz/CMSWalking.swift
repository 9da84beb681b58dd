// Fuzz target: the key-free CMS reader (CMSInspector over DERReader). Walking every
// element, each one's contents lie inside its parent's and after its own header, and
// siblings follow each other; an input the inspector accepts is refused once truncated or
// extended by a byte; the base64 path gives the same answer as the DER path; and the
// counts reported are bounded by the input. Built and run by Tests/Fuzz/fuzz.sh.

import MIMECrypto
import MIMEKit
@testable import MIMESMIME

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCMSWalking(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeRawBufferPointer(start: data, count: size))
    var budget = 100_000
    var reader = DERReader(input)
    walk(&reader, within: 0..<size, budget: &budget)

    let inspection = try? CMSInspector.inspect(der: input)
    require((try? CMSInspector.inspect(der: input)) == inspection, "inspection not deterministic")
    require((try? CMSInspector.inspect(base64: Base64Encoder.encode(input))) == inspection, "base64 and DER inspections differ")
    guard let inspection else { return 0 }
    for count in [inspection.recipientCount, inspection.signerInfoCount].compactMap({ $0 }) {
        require(count >= 0 && 2 * count <= size, "\(count) elements in \(size) bytes")
    }
    _ = (inspection.isIntegrityProtected, inspection.decryptionInfo, inspection.contentType.description,
         inspection.contentEncryptionAlgorithm?.description)
    var random = FuzzRandom(seededBy: UnsafeRawBufferPointer(start: data, count: size))
    for cut in [size - 1, random.below(size)] {
        require((try? CMSInspector.inspect(der: input[0..<cut])) == nil, "accepted when cut to \(cut) of \(size) bytes")
    }
    require((try? CMSInspector.inspect(der: input + [0])) == nil, "accepted with a byte after it")
    return 0
}

/// Reads every element of `reader`, checking its ranges, and descends into constructed ones.
private func walk(_ reader: inout DERReader, within range: Range<Int>, budget: inout Int) {
    var previousEnd = range.lowerBound
    while !reader.isAtEnd && budget > 0 {
        budget -= 1
        let start = reader.offset
        require(start == previousEnd, "element at \(start), previous ended at \(previousEnd)")
        guard let element = try? reader.read() else { return }
        require(element.offset == start, "element reports offset \(element.offset), read at \(start)")
        require(element.contents.lowerBound > start && element.contents.lowerBound <= element.contents.upperBound
                    && element.contents.upperBound <= range.upperBound && reader.offset <= range.upperBound,
                "contents \(element.contents) of the element at \(start) outside \(range)")
        // Definite length: the next element starts right after the contents; indefinite:
        // after the two end-of-contents octets.
        require(reader.offset == element.contents.upperBound || reader.offset == element.contents.upperBound + 2,
                "next element at \(reader.offset) after contents \(element.contents)")
        previousEnd = reader.offset
        if element.isConstructed, var children = try? reader.children(of: element) {
            walk(&children, within: element.contents, budget: &budget)
        }
    }
}

import MIMECrypto

/// A forward-only reader of BER/DER elements over a byte array, with a depth cap.
///
/// CMS is BER-encoded (RFC 5652 §1.2): besides DER's definite lengths this reader accepts
/// the indefinite-length form that streaming encoders such as `openssl cms` produce, finding
/// the end-of-contents octets by walking the nested elements. Every length is checked
/// against the bytes that remain, so truncated or inflated input is an error, never an
/// out-of-bounds read.
///
/// ```
/// Identifier octets: class (2 bits) | constructed (1 bit) | tag number (5 bits, or 31 and
///                    then base-128 digits)
/// Length octets:     0..127 (short form) | 0x80 (indefinite) | 0x81..0x84 + big-endian length
/// ```
struct DERReader {
    /// One element: its identifier and where its contents lie in the bytes.
    struct Element {
        /// The tag class: 0 universal, 1 application, 2 context-specific, 3 private.
        var tagClass: UInt8
        /// Whether the contents are themselves elements.
        var isConstructed: Bool
        /// The tag number within its class.
        var tagNumber: UInt
        /// Where the contents lie, end-of-contents octets excluded.
        var contents: Range<Int>
        /// The offset of the identifier octets, for error messages.
        var offset: Int

        /// Whether this is the universal, constructed or primitive element `number`.
        func isUniversal(_ number: UInt) -> Bool {
            tagClass == 0 && tagNumber == number
        }

        /// Whether this is the context-specific element `[number]`.
        func isContext(_ number: UInt) -> Bool {
            tagClass == 2 && tagNumber == number
        }
    }

    /// Universal tag numbers used by CMS.
    enum Tag {
        static let integer: UInt = 2
        static let objectIdentifier: UInt = 6
        static let sequence: UInt = 16
        static let set: UInt = 17
    }

    /// How deep constructed elements may nest before the input is refused.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position: Int
    private let end: Int
    private let depth: Int

    /// A reader over all of `bytes`.
    init(_ bytes: [UInt8]) {
        self.init(bytes: bytes, range: 0..<bytes.count, depth: 0)
    }

    private init(bytes: [UInt8], range: Range<Int>, depth: Int) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
        self.depth = depth
    }

    /// Whether every element has been read.
    var isAtEnd: Bool { position >= end }

    /// The offset of the next element.
    var offset: Int { position }

    /// A reader over the contents of a constructed `element`.
    func children(of element: Element) throws(CryptoError) -> DERReader {
        guard element.isConstructed else {
            throw Self.malformed("element at offset \(element.offset) is primitive where a constructed one is needed")
        }
        return DERReader(bytes: bytes, range: element.contents, depth: depth + 1)
    }

    /// Reads the next element, which must exist.
    mutating func read() throws(CryptoError) -> Element {
        guard depth < Self.maximumDepth else {
            throw Self.malformed("elements nest deeper than \(Self.maximumDepth) levels at offset \(position)")
        }
        let start = position
        guard position < end else {
            throw Self.malformed("truncated: an element is missing at offset \(start)")
        }
        let first = bytes[position]
        position += 1
        var number = UInt(first & 0x1F)
        if number == 0x1F {
            number = 0
            var digits = 0
            while true {
                guard position < end else {
                    throw Self.malformed("truncated tag number at offset \(start)")
                }
                let digit = bytes[position]
                position += 1
                digits += 1
                guard digits <= 4 else {
                    throw Self.malformed("tag number too large at offset \(start)")
                }
                number = number << 7 | UInt(digit & 0x7F)
                if digit & 0x80 == 0 { break }
            }
        }
        let isConstructed = first & 0x20 != 0
        guard position < end else {
            throw Self.malformed("truncated length at offset \(start)")
        }
        let lengthByte = bytes[position]
        position += 1
        var element = Element(
            tagClass: first >> 6, isConstructed: isConstructed, tagNumber: number,
            contents: position..<position, offset: start
        )
        if lengthByte == 0x80 {
            guard isConstructed else {
                throw Self.malformed("primitive element with indefinite length at offset \(start)")
            }
            var inner = DERReader(bytes: bytes, range: position..<end, depth: depth + 1)
            while true {
                guard inner.remaining >= 2 else {
                    throw Self.malformed("truncated: no end-of-contents for the element at offset \(start)")
                }
                if inner.bytes[inner.position] == 0, inner.bytes[inner.position + 1] == 0 {
                    element.contents = position..<inner.position
                    position = inner.position + 2
                    return element
                }
                _ = try inner.read()
            }
        }
        var length = 0
        if lengthByte & 0x80 == 0 {
            length = Int(lengthByte)
        } else {
            let count = Int(lengthByte & 0x7F)
            guard count <= 4 else {
                throw Self.malformed("length of \(count) octets at offset \(start) is out of range")
            }
            guard remaining >= count else {
                throw Self.malformed("truncated length at offset \(start)")
            }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[position])
                position += 1
            }
        }
        guard length <= remaining else {
            throw Self.malformed(
                "truncated: the element at offset \(start) needs \(length) bytes, \(remaining) remain"
            )
        }
        element.contents = position..<(position + length)
        position += length
        return element
    }

    /// Reads the next element and checks it is the universal element `number`.
    mutating func read(universal number: UInt, _ what: String) throws(CryptoError) -> Element {
        let element = try read()
        guard element.isUniversal(number) else {
            throw Self.malformed("expected \(what) at offset \(element.offset)")
        }
        return element
    }

    /// Reads the next element if it is the context-specific element `[number]`.
    mutating func readOptional(context number: UInt) throws(CryptoError) -> Element? {
        guard !isAtEnd else { return nil }
        var lookahead = self
        let element = try lookahead.read()
        guard element.isContext(number) else { return nil }
        self = lookahead
        return element
    }

    /// Reads an OBJECT IDENTIFIER and returns it in dotted form (X.690 §8.19).
    mutating func readObjectIdentifier(_ what: String) throws(CryptoError) -> String {
        let element = try read(universal: Tag.objectIdentifier, what)
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        var pending = false
        for byte in bytes[element.contents] {
            guard value >> 56 == 0 else {
                throw Self.malformed("object identifier arc too large at offset \(element.offset)")
            }
            value = value << 7 | UInt64(byte & 0x7F)
            pending = byte & 0x80 != 0
            if !pending {
                arcs.append(value)
                value = 0
            }
        }
        guard let first = arcs.first, !pending else {
            throw Self.malformed("invalid object identifier at offset \(element.offset)")
        }
        let head: [UInt64] = first < 80 ? [first / 40, first % 40] : [2, first - 80]
        return (head + arcs.dropFirst()).map(String.init).joined(separator: ".")
    }

    /// Counts the elements left in this reader.
    mutating func countRemaining() throws(CryptoError) -> Int {
        var count = 0
        while !isAtEnd {
            _ = try read()
            count += 1
        }
        return count
    }

    private var remaining: Int { end - position }

    @inline(never)
    static func malformed(_ reason: String) -> CryptoError {
        CryptoError(.malformedData, "malformed CMS: \(reason)")
    }
}

/// The index of the colon after a valid header field name at the start of a line of `count`
/// bytes, or nil when the line does not start with one.
///
/// RFC 5322 3.6.8: a field name is printable US-ASCII but colon (`%d33-57 / %d59-126`); white
/// space between the name and the colon is the obsolete syntax of RFC 5322 4.5, accepted, and
/// the index returned is then the colon's.
///
/// Eight bytes are read at a time while they are all name bytes: one word test finds the first
/// colon, control, space or non-ASCII byte among them, so a name of 10–20 bytes costs two or
/// three steps rather than a dozen compare-and-branch rounds.
@inline(__always)
func headerFieldNameEnd(_ line: UnsafeRawPointer, count: Int) -> Int? {
    headerFieldName(line, count: count)?.colon
}

/// `headerFieldNameEnd`, with where the name ends: before the first byte that cannot be in a
/// name, which is the colon or the first of the spaces and tabs before it. The header run
/// takes both from the one scan instead of walking back from the colon over white space.
@inline(__always)
func headerFieldName(_ line: UnsafeRawPointer, count: Int) -> (nameEnd: Int, colon: Int)? {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var i = 0
    while i &+ 8 <= count {
        let word = line.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
        // The lowest flagged byte of each test is exact (a borrow or carry only flags bytes
        // above a true one): bytes below 0x21, bytes above 0x7E, and colons.
        let below = (word &- 0x21 &* ones) & ~word & highs
        let above = (word &+ ones | word) & highs
        let colons = word ^ (0x3A &* ones)
        let colon = (colons &- ones) & ~colons & highs
        let stops = below | above | colon
        if stops == 0 {
            i &+= 8
            continue
        }
        i &+= stops.trailingZeroBitCount >> 3
        return colonAfterName(line, count: count, stop: i).map { (i, $0) }
    }
    while i < count {
        let byte = line.load(fromByteOffset: i, as: UInt8.self)
        if byte == 0x3A || byte < 0x21 || byte > 0x7E { return colonAfterName(line, count: count, stop: i).map { (i, $0) } }
        i &+= 1
    }
    return nil
}

/// Decides at the first byte `stop` that cannot be in a field name: a colon ends a non-empty
/// name; spaces and tabs may come between a name and its colon; anything else is no field.
@inline(__always)
private func colonAfterName(_ line: UnsafeRawPointer, count: Int, stop: Int) -> Int? {
    guard stop > 0 else { return nil }
    var j = stop
    while j < count {
        let byte = line.load(fromByteOffset: j, as: UInt8.self)
        if byte == 0x3A { return j }
        guard byte == 0x20 || byte == 0x09 else { return nil }
        j &+= 1
    }
    return nil
}

import ZhTextCore

/// The byte scan that lets clean text through with one table load per character: a line is
/// looked at closely only from its first possible trigger.
extension MojibakeRepairer {
    /// The prefilter's one test per three-byte character: set for every character that can start
    /// any repair or finding (cross-decoding starts, UTF-8-as-GBK leads, U+FFFD, 烫, 屯, 锟).
    static let computedPrefilterStarts: [UInt64] = {
        var bitmap = zip(computedCrossStart, computedLeadCapable).map { $0 | $1 }
        for v in [0xFFFD, 0x70EB, 0x5C6F, 0x951F] { bitmap[v >> 6] |= 1 << UInt64(v & 63) }
        return bitmap
    }()

    /// The position of the first byte pattern in the line from `start` that a repair or a finding
    /// starts with, or the line's end (its line feed, or the end of the text) when there is none.
    static func firstTrigger(
        _ b: UnsafeBufferPointer<UInt8>, _ start: Int,
        _ leadCapable: UnsafeBufferPointer<UInt64>, _ gbkBytes: UnsafeBufferPointer<UInt16>,
        _ prefilterStarts: UnsafeBufferPointer<UInt64>, _ crossStart: UnsafeBufferPointer<UInt64>
    ) -> Int {
        let n = b.count
        var i = start
        while i < n {
            let byte = b[i]
            if byte < 0x80 {
                if byte == 0x0A { return i }
                // & before # or a letter, % before two hex digits, \ before u.
                if byte == 0x26, i + 1 < n, b[i + 1] == 0x23 || b[i + 1] | 0x20 >= 0x61 && b[i + 1] | 0x20 <= 0x7A { return i }
                if byte == 0x25, i + 2 < n, isHex(b[i + 1]), isHex(b[i + 2]) { return i }
                if byte == 0x5C, i + 1 < n, b[i + 1] == 0x75 { return i }
                if byte == 0x3F || byte == 0x3B, i > start, i + 1 < n, b[i + 1] > 0x20, b[i + 1] < 0x80,
                   b[i - 1] >= 0x80 || b[i - 1] == 0x29 { return i }
                i += 1
            } else if byte & 0xF0 == 0xE0 {
                // Runs of three-byte characters (nearly all of Chinese text) go through a loop of
                // their own: the lead and second byte index the bitmap word, the third the bit.
                // The first character the bitmap flags is looked at below.
                // (Wrapping arithmetic: the offsets stay below n, and the overflow checks were a
                // third of the loop.)
                var j = i
                let last = n &- 2
                while j < last {
                    let lead = b[j]
                    guard lead & 0xF0 == 0xE0 else { break }
                    let word = prefilterStarts[Int(lead & 0x0F) &<< 6 | Int(b[j &+ 1] & 0x3F)]
                    if word & (1 &<< UInt64(b[j &+ 2] & 63)) != 0 { break }
                    j &+= 3
                }
                if j != i {
                    i = j
                    continue
                }
                guard i + 2 < n else { return i }
                let scalar = UInt32(byte & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                // One load decides for almost every character of clean text.
                if prefilterStarts[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) == 0 {
                    i += 3
                    continue
                }
                if leadCapable[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0 {
                    // UTF-8 read as GBK: such a character, then one whose GBK bytes are the last
                    // byte of that UTF-8 character (a continuation byte) and the first of the next
                    // (a lead byte, or ASCII). Clean Traditional text has many characters of the
                    // first kind, whose GBK bytes are a lead and a continuation byte, and the
                    // trail test keeps most of its lines from being read whole.
                    if i + 5 < n, b[i + 3] & 0xF0 == 0xE0 {
                        let next = UInt32(b[i + 3] & 0x0F) << 12 | UInt32(b[i + 4] & 0x3F) << 6 | UInt32(b[i + 5] & 0x3F)
                        let pair = gbkBytes[Int(next)]
                        let trail = UInt8(truncatingIfNeeded: pair)
                        if (0x80...0xBF).contains(pair >> 8), (0x40...0x7E).contains(trail) || (0xC2...0xF4).contains(trail) { return i }
                    }
                }
                if scalar == 0xFFFD || scalar == 0x70EB || scalar == 0x5C6F || scalar == 0x951F { return i }
                if crossStart[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0 { return i }
                i += 3
            } else if byte == 0xC2 || byte == 0xC3 {
                guard i + 1 < n else { return i }
                let next = b[i + 1]
                // ·, °, ±, no-break space, ×, ÷ belong to Chinese text.
                let common = byte == 0xC2 ? (next == 0xB7 || next == 0xB0 || next == 0xB1 || next == 0xA0)
                                          : (next == 0x97 || next == 0xB7)
                if !common { return i }
                i += 2
            } else if byte >= 0xCE, byte <= 0xD1 {
                // Greek and Cyrillic letters that misread Han characters become.
                guard i + 1 < n else { return i }
                let scalar = UInt32(byte & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
                if crossStart[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0 { return i }
                i += 2
            } else {
                i += byte >= 0xF0 ? 4 : (byte >= 0xC0 ? 2 : 1)
            }
        }
        return n
    }

    @inline(__always)
    static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}

/// Byte pairs a caller wants noted while a text is validated: each is a lead byte followed by
/// a second byte in `low...high` (say `E2 BF` for ideographic description characters), so that
/// the one pass that validates a text also rules out the passes that look for those characters.
package struct UTF8BytePairs: Sendable {
    package let pairs: [(lead: UInt8, low: UInt8, high: UInt8)]
    /// Bit `b & 63` set: some pair has lead byte `b` (leads are C2–F4, so one word holds them).
    fileprivate let leadBits: UInt64
    /// The pairs with a three-byte lead as probes on 16-bit lanes (see ``scanUTF8(_:noting:)``).
    fileprivate let blockProbes: [(base: UInt16, mask: UInt16, bit: UInt64)]

    /// At most 64 pairs; each `lead` must be a UTF-8 lead byte (C2–F4).
    package init(_ pairs: [(lead: UInt8, low: UInt8, high: UInt8)]) {
        precondition(pairs.count <= 64 && pairs.allSatisfy { $0.lead >= 0xC2 && $0.lead <= 0xF4 })
        self.pairs = pairs
        leadBits = pairs.reduce(0) { $0 | 1 << UInt64($1.lead & 63) }
        var probes: [(base: UInt16, mask: UInt16, bit: UInt64)] = []
        for (k, pair) in pairs.enumerated() where pair.lead & 0xF0 == 0xE0 && pair.low <= pair.high {
            let size = Int(pair.high) - Int(pair.low) + 1
            let power = 1 << (Int.bitWidth - 1 - size.leadingZeroBitCount)
            let mask = ~UInt16(power - 1) << 8 | 0xFF
            let lows = (Int(pair.low), Int(pair.high) + 1 - power)
            probes.append((UInt16(pair.lead) | UInt16(lows.0) << 8, mask, UInt64(1) << UInt64(k)))
            if lows.1 != lows.0 { probes.append((UInt16(pair.lead) | UInt16(lows.1) << 8, mask, UInt64(1) << UInt64(k))) }
        }
        blockProbes = probes
    }

    package static let none = UTF8BytePairs([])

    @inline(__always) fileprivate func mayLead(_ byte: UInt8) -> Bool {
        byte >= 0xC0 && leadBits & (1 << UInt64(byte & 63)) != 0
    }

    /// The bits of the pairs that `p[i]`, `p[i + 1]` (`i + 1 < n`) is.
    @inline(__always) fileprivate func bits(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
        var found: UInt64 = 0
        for (k, pair) in pairs.enumerated() where p[i] == pair.lead && p[i &+ 1] &- pair.low <= pair.high &- pair.low {
            found |= 1 << UInt64(k)
        }
        return found
    }
}

/// What one validating pass found: where the first invalid sequence starts, and which of the
/// pairs asked for occur before it.
package struct UTF8Scan: Sendable, Equatable {
    /// The byte offset of the first invalid UTF-8 sequence, or nil when all is valid.
    package var firstInvalidOffset: Int?
    /// Bit `k` set: pair `k` of the ``UTF8BytePairs`` occurs. Up to the first invalid byte the
    /// bits are exact; past it a pair may be noted that a decoder would not see.
    package var pairsSeen: UInt64
}

/// The byte offset of the first invalid UTF-8 sequence in `bytes`, or nil when all is valid
/// (Unicode Table 3-7, as the standard library's decoder).
///
/// Chinese text is ASCII and three-byte characters, whose bytes are valid exactly when each
/// byte is a continuation byte if and only if one of the two bytes before it is a three-byte
/// lead. Sixteen bytes a step are checked so, with the two bytes before them loaded one and two
/// bytes back: ASCII mixed in does not break the step, as it breaks ``scanUTF8(_:noting:)``'s
/// blocks of whole characters (which cost 2.8 instructions a byte on news, the largest part of
/// what batch mode adds to its steps after JSON). Leads E0 and ED, whose second byte is
/// restricted, two- and four-byte characters and anything invalid go one character at a time,
/// from the start of the character the step stopped in. Every step moves forward: O(n).
package func firstInvalidUTF8Offset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let p = bytes.baseAddress else { return nil }
    let n = bytes.count
    let top2 = SIMD16<UInt8>(repeating: 0xC0), continuation = SIMD16<UInt8>(repeating: 0x80)
    let top4 = SIMD16<UInt8>(repeating: 0xF0), lead3 = SIMD16<UInt8>(repeating: 0xE0)
    let top3 = SIMD16<UInt8>(repeating: 0xE0), ed = SIMD16<UInt8>(repeating: 0xED)
    var i = 0
    while i < n {
        // Vectors at least two bytes in (the two bytes before a step are valid: ends of whole
        // characters, or the leads its first lanes look back to), and two bytes short of the end,
        // so that a character cut off at the end is always read one at a time below.
        if i >= 2 {
            while i &+ 18 <= n {
                let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let back1 = UnsafeRawPointer(p + (i &- 1)).loadUnaligned(as: SIMD16<UInt8>.self)
                let back2 = UnsafeRawPointer(p + (i &- 2)).loadUnaligned(as: SIMD16<UInt8>.self)
                // Two-byte leads (C0–DF), four-byte ones and the restricted leads E0 and ED.
                let unusual = (v & top3 .== top2) .| (v .>= top4) .| (v .== lead3) .| (v .== ed)
                let isContinuation = v & top2 .== continuation
                let follows = (back1 & top4 .== lead3) .| (back2 & top4 .== lead3)
                let mismatch = isContinuation .^ follows
                if SIMDLanes.any(unusual .| mismatch) { break }
                i &+= 16
            }
            // Back to the start of a character that the step stopped in: the bytes before are
            // consistent, but a lead one or two bytes back still needs what follows it.
            if p[i &- 2] & 0xF0 == 0xE0 {
                i &-= 2
            } else if p[i &- 1] & 0xF0 == 0xE0 {
                i &-= 1
            }
        }
        // One character at a time for at least a vector's width, or to the end.
        let stop = min(n, i &+ 16)
        while i < stop {
            let length = decodeScalar(p, i, n).length
            if length < 0 { return i }
            i &+= length
        }
    }
    return nil
}

/// A three-byte lead whose second byte may be any continuation byte (E1–EC, EE, EF).
@inline(__always) private func isPlainThreeByteLead(_ b: UInt8) -> Bool {
    b & 0xF0 == 0xE0 && b != 0xE0 && b != 0xED
}

/// The lead-byte layout of 48 bytes of three-byte characters, one vector of 16 per third:
/// which bits of each lane to test, and what they must be (1110xxxx at a lead, 10xxxxxx after).
private struct ThreeByteBlockPattern {
    var mask: (SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>)
    var expected: (SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>)

    static let shared: ThreeByteBlockPattern = {
        func vectors(_ value: (Bool) -> UInt8) -> (SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>) {
            var v = (SIMD16<UInt8>(), SIMD16<UInt8>(), SIMD16<UInt8>())
            for j in 0..<16 {
                v.0[j] = value(j % 3 == 0)
                v.1[j] = value((16 + j) % 3 == 0)
                v.2[j] = value((32 + j) % 3 == 0)
            }
            return v
        }
        return ThreeByteBlockPattern(mask: vectors { $0 ? 0xF0 : 0xC0 }, expected: vectors { $0 ? 0xE0 : 0x80 })
    }()
}

/// Validates `bytes` as UTF-8 (Unicode Table 3-7, as the standard library's decoder) and notes
/// which of `pairs` occur, in one pass.
///
/// Chinese text is nearly all three-byte characters, so the pass checks 48 bytes (sixteen
/// characters) per step with vector masks while they last, and where a block breaks (a digit,
/// a line feed) skips the sound characters before the break; ASCII goes sixteen bytes per
/// step; everything else, and the leads E0 and ED whose second byte is restricted, one
/// character at a time. Every step moves forward, so the pass is O(n); no allocation. A pair
/// may be noted after the first invalid byte too.
package func scanUTF8(_ bytes: UnsafeBufferPointer<UInt8>, noting pairs: UTF8BytePairs) -> UTF8Scan {
    guard let p = bytes.baseAddress else { return UTF8Scan(firstInvalidOffset: nil, pairsSeen: 0) }
    let n = bytes.count
    let pattern = ThreeByteBlockPattern.shared
    let (m0, m1, m2) = pattern.mask, (e0, e1, e2) = pattern.expected
    let xE0 = SIMD16<UInt8>(repeating: 0xE0), xED = SIMD16<UInt8>(repeating: 0xED), zero = SIMD16<UInt8>()
    let high = SIMD16<UInt8>(repeating: 0x80)
    // The pairs a three-byte block can hold (a lead E0–EF) are looked for in the blocks as up to
    // two probes on 16-bit lanes (lead | second << 8, at every byte: the block's vectors and the
    // same loaded one byte on). A probe is a base and a mask: the lanes where
    // `(lane - base) & mask == 0` are the lead followed by one of 2^k second bytes from the
    // base's; a pair's range is covered by one or two such probes. With more probes, every
    // character goes the slow way (no caller asks for that many). A probe once matched gets
    // base and mask FFFF, which valid UTF-8 never holds, and none is looked for once all are.
    let probes = pairs.blockProbes
    let none16 = SIMD8<UInt16>(repeating: 0xFFFF), zero16 = SIMD8<UInt16>()
    var base0 = none16, mask0 = none16, bit0: UInt64 = 0
    var base1 = none16, mask1 = none16, bit1: UInt64 = 0
    if probes.count <= 2 {
        for (slot, probe) in probes.enumerated() {
            let vectors = (SIMD8<UInt16>(repeating: probe.base), SIMD8<UInt16>(repeating: probe.mask), probe.bit)
            if slot == 0 { (base0, mask0, bit0) = vectors } else { (base1, mask1, bit1) = vectors }
        }
    }
    var pending0 = bit0 != 0, pending1 = bit1 != 0
    var blockPairsPending = pending0 || pending1
    let blockLimit = probes.count > 2 ? Int.max : 49
    let checksPairs = !pairs.pairs.isEmpty
    var seen: UInt64 = 0
    var i = 0
    while i < n {
        while i &+ 16 <= n, SIMDLanes.all(UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self) & high .== zero) {
            i &+= 16
        }
        // The second bytes are read one past the block, hence 49. Pair hits gather in two
        // vectors, read when the blocks stop.
        var hits0 = SIMDMask<SIMD8<Int16>>(), hits1 = SIMDMask<SIMD8<Int16>>()
        while i <= n &- blockLimit {
            let v0 = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let v1 = UnsafeRawPointer(p + (i &+ 16)).loadUnaligned(as: SIMD16<UInt8>.self)
            let v2 = UnsafeRawPointer(p + (i &+ 32)).loadUnaligned(as: SIMD16<UInt8>.self)
            // In valid UTF-8 a byte that equals a lead byte is a lead, and the byte after it its
            // second: so the pairs are looked for in the whole block, even where it breaks.
            if blockPairsPending {
                let u0 = unsafeBitCast(v0, to: SIMD8<UInt16>.self), u1 = unsafeBitCast(v1, to: SIMD8<UInt16>.self)
                let u2 = unsafeBitCast(v2, to: SIMD8<UInt16>.self)
                let w0 = UnsafeRawPointer(p + (i &+ 1)).loadUnaligned(as: SIMD8<UInt16>.self)
                let w1 = UnsafeRawPointer(p + (i &+ 17)).loadUnaligned(as: SIMD8<UInt16>.self)
                let w2 = UnsafeRawPointer(p + (i &+ 33)).loadUnaligned(as: SIMD8<UInt16>.self)
                hits0 = hits0 .| ((u0 &- base0) & mask0 .== zero16) .| ((u1 &- base0) & mask0 .== zero16)
                    .| ((u2 &- base0) & mask0 .== zero16) .| ((w0 &- base0) & mask0 .== zero16)
                    .| ((w1 &- base0) & mask0 .== zero16) .| ((w2 &- base0) & mask0 .== zero16)
                hits1 = hits1 .| ((u0 &- base1) & mask1 .== zero16) .| ((u1 &- base1) & mask1 .== zero16)
                    .| ((u2 &- base1) & mask1 .== zero16) .| ((w0 &- base1) & mask1 .== zero16)
                    .| ((w1 &- base1) & mask1 .== zero16) .| ((w2 &- base1) & mask1 .== zero16)
            }
            // Each lane has its lead's or continuation's high bits, and no lead is E0 or ED
            // (whose second byte is restricted; continuation bytes never equal them). (`.==`,
            // not `==`: Equatable's `==` compares lane by lane.)
            let good0 = v0 & m0 .== e0, good1 = v1 & m1 .== e1, good2 = v2 & m2 .== e2
            let restricted = (v0 .== xE0) .| (v0 .== xED) .| (v1 .== xE0) .| (v1 .== xED) .| (v2 .== xE0) .| (v2 .== xED)
            if SIMDLanes.all(good0 .& good1 .& good2), !SIMDLanes.any(restricted) {
                i &+= 48
                continue
            }
            // The characters before the first bad lane are sound: skip them.
            let sound0 = good0 .& (v0 .!= xE0) .& (v0 .!= xED), sound1 = good1 .& (v1 .!= xE0) .& (v1 .!= xED)
            let sound2 = good2 .& (v2 .!= xE0) .& (v2 .!= xED)
            let bad = SIMDLanes.firstClear(sound0).map { $0 } ?? SIMDLanes.firstClear(sound1).map { 16 &+ $0 }
                ?? (SIMDLanes.firstClear(sound2).map { 32 &+ $0 } ?? 48)
            i &+= bad &- bad % 3
            break
        }
        if blockPairsPending {
            if SIMDLanes.any(hits0) { (seen, base0, mask0, pending0) = (seen | bit0, none16, none16, false) }
            if SIMDLanes.any(hits1) { (seen, base1, mask1, pending1) = (seen | bit1, none16, none16, false) }
            blockPairsPending = pending0 || pending1
        }
        guard i < n else { break }
        // Character by character up to the next plain three-byte character, where the vectors
        // can take over again.
        repeat {
            let b0 = p[i]
            if b0 < 0x80 {
                i &+= 1
                continue
            }
            let length: Int
            if isPlainThreeByteLead(b0), i &+ 2 < n, p[i &+ 1] & 0xC0 == 0x80, p[i &+ 2] & 0xC0 == 0x80 {
                length = 3
            } else {
                let decoded = decodeScalar(p, i, n).length
                if decoded < 0 { return UTF8Scan(firstInvalidOffset: i, pairsSeen: seen) }
                length = decoded
            }
            if checksPairs, pairs.mayLead(b0) { seen |= pairs.bits(p, i) }
            i &+= length
        } while i < n && !isPlainThreeByteLead(p[i])
    }
    return UTF8Scan(firstInvalidOffset: nil, pairsSeen: seen)
}

extension String {
    /// `String(decoding: bytes, as: UTF8.self)`, with the validation done by ``scanUTF8(_:noting:)``
    /// (vector blocks; the standard library's check cost 22 instructions a byte on news text):
    /// valid bytes are copied as they are, invalid ones repaired as `String(decoding:)` repairs them.
    package init(decodingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        if firstInvalidUTF8Offset(in: bytes) == nil {
            self.init(copying: UTF8Span(unchecked: bytes.span))
        } else {
            self.init(decoding: bytes, as: UTF8.self)
        }
    }

    /// A copy of bytes just found valid (by ``firstInvalidUTF8Offset(in:)`` or ``scanUTF8(_:noting:)``),
    /// without the standard library's second validation.
    ///
    /// - Precondition: `bytes` are valid UTF-8.
    package init(validatedUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(copying: UTF8Span(unchecked: $0.span)) }
    }

    /// ``init(decodingUTF8:)`` of an array's bytes.
    package init(decodingUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(decodingUTF8: $0) }
    }

    /// ``init(decodingUTF8:)`` of a slice's bytes.
    package init(decodingUTF8 bytes: ArraySlice<UInt8>) {
        self = bytes.withUnsafeBufferPointer { String(decodingUTF8: $0) }
    }
}

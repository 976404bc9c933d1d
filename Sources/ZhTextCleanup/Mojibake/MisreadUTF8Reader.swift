/// Reads back UTF-8 that a two-byte decoder (GBK, GB 18030, Big5) misread, also when that
/// decoder was lossy, as scrapers' decoders are.
///
/// A lossy decoder writes U+FFFD (ICU: U+001A) where a byte pair was invalid, and the byte is
/// gone: Python's codecs drop one byte and resynchronise on the next, the WHATWG decoders drop
/// one (GB 18030, whose 0x80 reads as €) or both bytes of a pair (Big5, when the trail is not
/// ASCII). Each character of the garbled text is turned back into its bytes in the wrong
/// charset, each U+FFFD into one or two unknown bytes, and the result is read as UTF-8. UTF-8
/// synchronises itself: the known bytes around a loss say where the lost character's bytes
/// were, so only that character is lost (`鍏堛�佺豢` → `先�绿`, the lost byte of `、`), and its
/// known bytes narrow down what it was (see ``LostCharacterRestorer``).
struct MisreadUTF8Reader {
    /// Each BMP scalar's two bytes in the wrong charset (0: none); empty for windows-1252.
    let pairs: [UInt16]
    /// GB 18030 as the WHATWG and ICU decode it reads the single byte 0x80 as €.
    let euroIsByte80: Bool
    /// The WHATWG Big5 decoder writes one U+FFFD for both bytes of an invalid pair.
    let lossMayTakeTwoBytes: Bool
    /// A loss of one or two bytes counts as one where the known continuation bytes after it
    /// finish the character (two would leave them stray). So it is in doubly garbled text, whose
    /// first reading lost a GBK character (two bytes) or a U+FFFD of the first pass (one). The
    /// WHATWG Big5 decoder loses two bytes but for a lead 0x80, and counting so there repairs
    /// fewer rows of `Fixtures/mojibake-lossy` than it breaks.
    var lossFitsContinuations = false
    /// Two bytes for characters beyond the BMP (HKSCS has some).
    var supplementaryPairs: [UInt32: UInt16] = [:]

    static let gb18030 = MisreadUTF8Reader(pairs: MojibakeRepairer.gb18030Bytes, euroIsByte80: true, lossMayTakeTwoBytes: false)
    /// Big5 as the WHATWG decoders read it: with the HKSCS extension (`钅`, `𥕦`).
    static let big5 = MisreadUTF8Reader(pairs: MojibakeRepairer.big5HKSCSBytes.bmp, euroIsByte80: false, lossMayTakeTwoBytes: true,
                                        supplementaryPairs: MojibakeRepairer.big5HKSCSBytes.supplementary)
    /// Big5 as Python's codec reads it: a U+FFFD for each byte it drops.
    static let big5OneByteLosses = MisreadUTF8Reader(pairs: MojibakeRepairer.big5HKSCSBytes.bmp, euroIsByte80: false, lossMayTakeTwoBytes: false,
                                                     supplementaryPairs: MojibakeRepairer.big5HKSCSBytes.supplementary)
    /// windows-1252 (and Latin-1): one byte per character; the WHATWG decoder reads 81 8D 8F 90
    /// 9D as C1 controls, Python's strict codec writes U+FFFD for them.
    static let windows1252 = MisreadUTF8Reader(pairs: [], euroIsByte80: false, lossMayTakeTwoBytes: false)

    /// One character of the UTF-8 read back.
    struct Unit {
        /// The garbled characters whose bytes it holds (indices into the scalars read).
        var garbled: Range<Int>
        /// Its first byte is the first of a garbled character, its last byte the last of one:
        /// a repair may start (end) here.
        var startsAligned: Bool
        var endsAligned: Bool
        /// The character, or U+FFFD for one whose bytes were partly lost (see `pattern`).
        var scalar: UInt32
        /// For a lost character: its bytes, nil where one was lost (empty otherwise).
        var pattern = BytePattern()
        /// False where the bytes are no UTF-8, or there was a character with no bytes in the charset.
        var valid: Bool
        /// An ASCII character that was ASCII in the garbled text too (not a trail byte read as ASCII).
        var asciiKept: Bool = false

        var isLost: Bool { pattern.count > 0 }
    }

    /// Whether the first byte of `v` in the wrong charset is a UTF-8 continuation byte.
    func startsWithContinuation(_ v: UInt32) -> Bool {
        if v == 0x20AC, euroIsByte80 { return true }
        return !pairs.isEmpty && v >= 0x80 && v < 0x10000 && pairs[Int(v)] != 0 && (0x80...0xBF).contains(pairs[Int(v)] >> 8)
    }

    /// How many continuation bytes a UTF-8 character still needs after `byte`.
    static func stillNeeded(_ needed: Int, after byte: UInt8) -> Int {
        byte & 0xC0 == 0x80 ? max(needed - 1, 0) : byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0
    }

    /// The UTF-8 that `scalars` were before the misreading, character by character.
    /// `oneByteLosses`: indices of U+FFFD known to stand for one lost byte (where
    /// `lossMayTakeTwoBytes` would allow two).
    func read(_ scalars: ArraySlice<Unicode.Scalar>, oneByteLosses: Set<Int> = []) -> [Unit] {
        // Bytes, with their owners (the garbled character each came from). Sized once: a
        // character gives at most two bytes (clean lines come here too, so no closures that
        // capture these per character).
        var tokenBytes: [UInt8] = [], tokenKnown: [Bool] = [], tokenOwner: [Int] = [], tokenMayBeTwo: [Bool] = []
        var tokenBarrier: [Bool] = []
        tokenBytes.reserveCapacity(2 * scalars.count)
        tokenKnown.reserveCapacity(2 * scalars.count)
        tokenOwner.reserveCapacity(2 * scalars.count)
        tokenMayBeTwo.reserveCapacity(2 * scalars.count)
        tokenBarrier.reserveCapacity(2 * scalars.count)
        // Continuation bytes the UTF-8 read so far still needs, to place an ambiguous €.
        var needed = 0
        for k in scalars.indices {
            let v = scalars[k].value
            var first: UInt8 = 0, second: UInt8? = nil
            var isKnown = true, isBarrier = false, two = false
            if v < 0x80 {
                first = UInt8(v)
            } else if pairs.isEmpty {
                if v == 0xFFFD || v == 0x1A {
                    isKnown = false
                } else if let byte = v <= 0xFF ? UInt8(v) : MojibakeRepairer.cp1252Specials[v] {
                    first = byte
                } else {
                    isBarrier = true
                }
            } else if v == 0xFFFD || v == 0x1A {
                isKnown = false
                // (An empty set still hashes the key: it is empty for every reading but the second
                // one of a doubly garbled run.)
                two = lossMayTakeTwoBytes && (oneByteLosses.isEmpty || !oneByteLosses.contains(k))
            } else if v == 0x20AC, euroIsByte80,
                      needed != 1 || !(k + 1 < scalars.endIndex && startsWithContinuation(scalars[k + 1].value)) {
                // GB 18030's € is A2 E3, and the WHATWG decoder's is also the single byte 0x80:
                // A2 E3 where a character needs its last continuation byte and the next begins
                // with one (that needs a lead before it), 0x80 otherwise.
                first = 0x80
            } else if let pair = v < 0x10000 ? (pairs[Int(v)] != 0 ? pairs[Int(v)] : nil) : supplementaryPairs[v] {
                first = UInt8(pair >> 8)
                second = UInt8(pair & 0xFF)
            } else {
                isBarrier = true
            }
            tokenBytes.append(first); tokenKnown.append(isKnown); tokenOwner.append(k)
            tokenBarrier.append(isBarrier); tokenMayBeTwo.append(two)
            if let second {
                tokenBytes.append(second); tokenKnown.append(true); tokenOwner.append(k)
                tokenBarrier.append(false); tokenMayBeTwo.append(false)
            }
            if !isKnown || isBarrier {
                needed = 0
            } else {
                needed = Self.stillNeeded(needed, after: first)
                if let second { needed = Self.stillNeeded(needed, after: second) }
            }
        }
        let bytes = tokenBytes, known = tokenKnown, owner = tokenOwner, barrier = tokenBarrier, mayBeTwo = tokenMayBeTwo
        let n = bytes.count
        var units: [Unit] = []
        units.reserveCapacity(n)
        func unit(_ from: Int, _ to: Int, scalar: UInt32, pattern: BytePattern = BytePattern(), valid: Bool, fromSecondLoss: Bool = false) -> Unit {
            Unit(garbled: owner[from]..<(owner[to - 1] + 1),
                 startsAligned: !fromSecondLoss && (from == 0 || owner[from - 1] != owner[from]),
                 endsAligned: to == n || owner[to] != owner[to - 1],
                 scalar: scalar, pattern: pattern, valid: valid)
        }
        func isContinuation(_ j: Int) -> Bool { j < n && known[j] && !barrier[j] && bytes[j] & 0xC0 == 0x80 }
        // A run of losses that may be two bytes each, then `following` known continuation bytes:
        // as many bytes as the run may hold (a loss is one byte only where the decoder dropped
        // one, rarely), less one or two so that the run and the continuations make whole
        // three-byte characters. Each character gets the losses that begin in its bytes.
        func unitsOfTwoByteLosses(from start: Int, run: Int, following: Int, carried: Int) -> [Unit]? {
            guard following < 3, (start..<(start + run)).contains(where: { mayBeTwo[$0] }) else { return nil }
            var most = carried
            for t in start..<(start + run) { most += mayBeTwo[t] ? 2 : 1 }
            let own = following > 0 ? 3 - following : 0
            var total = most
            while total >= run + carried, (total - own) % 3 != 0 { total -= 1 }
            guard total >= run + carried, total > own || following > 0 else { return nil }
            let whole = (total - own) / 3
            // Byte sizes: the first `most - total` two-byte losses count one.
            var shrink = most - total
            var offset = carried, bounds: [Int] = []   // the token each character starts at
            var nextBoundary = 0
            for t in start..<(start + run) {
                while nextBoundary <= offset, bounds.count < whole + (following > 0 ? 1 : 0) {
                    bounds.append(t)
                    nextBoundary += 3
                }
                var size = mayBeTwo[t] ? 2 : 1
                if size == 2, shrink > 0 { size = 1; shrink -= 1 }
                offset += size
            }
            guard bounds.count == whole + (following > 0 ? 1 : 0), zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
            var result: [Unit] = []
            for (index, from) in bounds.enumerated() {
                let isTail = following > 0 && index == bounds.count - 1
                let to = index + 1 < bounds.count ? bounds[index + 1] : start + run + (isTail ? following : 0)
                var pattern = BytePattern(lost: isTail ? own : 3)
                if isTail { for j in (start + run)..<(start + run + following) { pattern.append(bytes[j]) } }
                result.append(unit(from, to, scalar: 0xFFFD, pattern: pattern, valid: true))
            }
            return result
        }
        var i = 0
        // A two-byte loss that ended a character and took the next one's lead byte.
        var lostLeadPending = false
        // The same, where more losses follow: that byte begins their run.
        var carriedLostByte = false
        while i < n {
            if barrier[i] {
                units.append(unit(i, i + 1, scalar: 0xFFFD, valid: false))
                i += 1
                continue
            }
            if lostLeadPending {
                // The second byte of a two-byte loss led this character: its continuations follow.
                var pattern = BytePattern(lost: 1)
                var j = i
                while isContinuation(j), pattern.count < 4 { pattern.append(bytes[j]); j += 1 }
                units.append(unit(i - 1, max(j, i), scalar: 0xFFFD, pattern: pattern, valid: true, fromSecondLoss: true))
                lostLeadPending = false
                i = j
                continue
            }
            if !known[i] {
                // Lost bytes where a character starts: a run of them, then the known continuation
                // bytes of the last character they began. A Chinese character has three bytes, so
                // the run and the continuations make one character when they add up to three
                // (a loss of the WHATWG Big5 decoder counts one or two), and the rest of a longer
                // run makes one character per three bytes.
                var run = 0
                while i + run < n, !known[i + run], !barrier[i + run] { run += 1 }
                var following = 0
                while isContinuation(i + run + following), following < 3 { following += 1 }
                defer { carriedLostByte = false }
                if let lostUnits = unitsOfTwoByteLosses(from: i, run: run, following: following, carried: carriedLostByte ? 1 : 0) {
                    units += lostUnits
                    i += run + following
                    continue
                }
                let maximum = mayBeTwo[i] ? 2 * run : run
                var ownRun = run   // the lost bytes that go with the continuations
                if following > 0 {
                    ownRun = 3 - following <= maximum ? max(1, min(run, 3 - following)) : 1
                    if !mayBeTwo[i] { ownRun = min(run, max(1, 3 - following)) }
                } else {
                    ownRun = min(run, 3)
                }
                // Whole characters lost before it, three bytes each.
                var rest = run - ownRun
                var k = i
                while rest > 0 {
                    let take = min(rest, mayBeTwo[i] ? 2 : 3)
                    units.append(unit(k, k + take, scalar: 0xFFFD, pattern: BytePattern(lost: 3), valid: true))
                    k += take
                    rest -= take
                }
                var pattern = BytePattern(lost: following > 0 ? min(3, max(ownRun, mayBeTwo[i] ? 3 - following : ownRun)) : 3)
                var j = k + ownRun
                while isContinuation(j), pattern.count < 4 { pattern.append(bytes[j]); j += 1 }
                units.append(unit(k, j, scalar: 0xFFFD, pattern: pattern, valid: true))
                i = j
                continue
            }
            let lead = bytes[i]
            if lead < 0x80 {
                var u = unit(i, i + 1, scalar: UInt32(lead), valid: true)
                u.asciiKept = scalars[owner[i]].value < 0x80
                units.append(u)
                i += 1
                continue
            }
            let length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xC2 && lead <= 0xDF ? 2 : 0
            guard length > 0 else {
                units.append(unit(i, i + 1, scalar: 0xFFFD, valid: false))
                i += 1
                continue
            }
            var pattern = BytePattern(lead)
            var j = i + 1
            while pattern.count < length, j < n, !barrier[j] {
                if known[j] {
                    guard bytes[j] & 0xC0 == 0x80 else { break }
                    pattern.append(bytes[j])
                } else {
                    pattern.append(nil)
                    if mayBeTwo[j] {
                        var continuations = 0
                        while lossFitsContinuations, continuations < 3, isContinuation(j + 1 + continuations) { continuations += 1 }
                        if pattern.count < length, continuations < length - pattern.count {
                            pattern.append(nil)
                        } else if pattern.count == length, isContinuation(j + 1) {
                            lostLeadPending = true   // the loss's second byte led the next character
                        } else if pattern.count == length, j + 1 < n, !known[j + 1], !barrier[j + 1] {
                            carriedLostByte = true
                        }
                    }
                }
                j += 1
            }
            if pattern.count < length, !pattern.hasLoss {
                units.append(unit(i, j, scalar: 0xFFFD, valid: false))   // a lead without its continuations
            } else if pattern.hasLoss || pattern.count < length {
                units.append(unit(i, j, scalar: 0xFFFD, pattern: pattern, valid: true))
            } else {
                let decoded = pattern.scalar
                units.append(unit(i, j, scalar: decoded ?? 0xFFFD, valid: decoded != nil))
            }
            i = j
        }
        return units
    }
}

/// The bytes of one UTF-8 character as read back, some of them perhaps lost: at most four, kept
/// inline (every character of a line read passes through one).
struct BytePattern {
    private var bytes: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    private var lostMask: UInt8 = 0
    private(set) var count = 0

    init() {}

    /// `count` lost bytes.
    init(lost count: Int) {
        for _ in 0..<count { append(nil) }
    }

    /// A known lead byte.
    init(_ lead: UInt8) { append(lead) }

    var hasLoss: Bool { lostMask != 0 }

    /// The byte at `index`, nil where it was lost.
    subscript(index: Int) -> UInt8? {
        guard lostMask & (1 << index) == 0 else { return nil }
        switch index {
        case 0: return bytes.0
        case 1: return bytes.1
        case 2: return bytes.2
        default: return bytes.3
        }
    }

    /// Appends a byte, or a lost one; a fifth is ignored (no UTF-8 character has one).
    mutating func append(_ byte: UInt8?) {
        guard count < 4 else { return }
        if byte == nil { lostMask |= 1 << count }
        let value = byte ?? 0
        switch count {
        case 0: bytes.0 = value
        case 1: bytes.1 = value
        case 2: bytes.2 = value
        default: bytes.3 = value
        }
        count += 1
    }

    /// The bytes with each lost one replaced by `fill` in turn.
    func filled(_ fill: (UInt8, UInt8)) -> [UInt8] {
        var result: [UInt8] = []
        var used = 0
        for index in 0..<count {
            if let byte = self[index] { result.append(byte) } else { result.append(used == 0 ? fill.0 : fill.1); used += 1 }
        }
        return result
    }

    /// The character the bytes encode, when none is lost and they are well-formed UTF-8
    /// (no overlong forms, surrogates or values past U+10FFFF).
    var scalar: UInt32? {
        guard !hasLoss, count > 0 else { return nil }
        let b0 = bytes.0
        let length = b0 < 0x80 ? 1 : b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0
        guard length == count else { return nil }
        switch length {
        case 1: return UInt32(b0)
        case 2:
            guard bytes.1 & 0xC0 == 0x80 else { return nil }
            return UInt32(b0 & 0x1F) << 6 | UInt32(bytes.1 & 0x3F)
        case 3:
            guard bytes.1 & 0xC0 == 0x80, bytes.2 & 0xC0 == 0x80,
                  !(b0 == 0xE0 && bytes.1 < 0xA0), !(b0 == 0xED && bytes.1 >= 0xA0) else { return nil }
            return UInt32(b0 & 0x0F) << 12 | UInt32(bytes.1 & 0x3F) << 6 | UInt32(bytes.2 & 0x3F)
        default:
            guard bytes.1 & 0xC0 == 0x80, bytes.2 & 0xC0 == 0x80, bytes.3 & 0xC0 == 0x80,
                  !(b0 == 0xF0 && bytes.1 < 0x90), !(b0 == 0xF4 && bytes.1 > 0x8F) else { return nil }
            return UInt32(b0 & 0x07) << 18 | UInt32(bytes.1 & 0x3F) << 12 | UInt32(bytes.2 & 0x3F) << 6 | UInt32(bytes.3 & 0x3F)
        }
    }
}

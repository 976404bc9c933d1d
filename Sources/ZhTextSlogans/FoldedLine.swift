import ZhTextCore

/// One line of input in the form the recognisers read: folded scalars (see ``ScriptFold``)
/// with inline pinyin annotations taken out, and for each scalar its byte range in the input.
///
/// The storage is reused from line to line, so a whole text costs a handful of allocations.
final class FoldedLine {
    private(set) var scalars: UnsafeMutablePointer<UInt32>
    /// Each scalar's input bytes: offset from ``lineStart`` and length (4 + 1 bytes a scalar
    /// keeps the memory traffic of a pass low).
    private var startOffset: UnsafeMutablePointer<UInt32>
    private var byteLength: UnsafeMutablePointer<UInt8>
    private(set) var lineStart = 0
    private(set) var count = 0
    /// Whether the line's scalars are exactly its input (nothing folded, skipped or replaced).
    private(set) var isVerbatim = true
    private var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
        scalars = .allocate(capacity: capacity)
        startOffset = .allocate(capacity: capacity)
        byteLength = .allocate(capacity: capacity)
    }

    deinit {
        scalars.deallocate()
        startOffset.deallocate()
        byteLength.deallocate()
    }

    /// The input byte offset where scalar `k` starts.
    @inline(__always)
    func inputStart(_ k: Int) -> Int { lineStart + Int(startOffset[k]) }

    /// The input byte offset where scalar `k` ends.
    @inline(__always)
    func inputEnd(_ k: Int) -> Int { lineStart + Int(startOffset[k]) + Int(byteLength[k]) }

    var scalarBuffer: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: scalars, count: count) }

    private func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let newCapacity = max(needed, capacity * 2)
        // Called before a line is loaded: nothing needs to be kept.
        scalars.deallocate()
        startOffset.deallocate()
        byteLength.deallocate()
        scalars = .allocate(capacity: newCapacity)
        startOffset = .allocate(capacity: newCapacity)
        byteLength = .allocate(capacity: newCapacity)
        capacity = newCapacity
    }

    /// Loads `p[lo..<hi]` (one line, no line feed), folding BMP scalars with `foldTable`
    /// (0 = unchanged; read only where the bit of `foldBits` is set) and the rest with `fold`.
    func load(_ p: UnsafePointer<UInt8>, from lo: Int, to hi: Int, foldTable: UnsafePointer<UInt16>,
              foldBits: UnsafePointer<UInt64>, fold: ScriptFold) {
        // A line never has more scalars than bytes.
        reserve(hi - lo)
        lineStart = lo
        // Locals: stores through these pointers cannot then be taken to change the object's fields.
        let scalars = self.scalars, startOffset = self.startOffset, byteLength = self.byteLength
        var verbatim = true
        var k = 0
        var i = lo
        // (Wrapping arithmetic: offsets stay below `hi`, and the checked forms cost a third of
        // the loop.)
        while i < hi {
            // Runs of three-byte characters that fold to themselves, four bytes read at once:
            // nearly all of a Chinese line, at a third of the instructions of the general step.
            while i &+ 4 <= hi {
                let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self).littleEndian
                // A lead E1–EF but ED (no limit on the second byte) and two continuation bytes.
                let lead = word & 0xFF
                guard word & 0x00C0_C0F0 == 0x0080_80E0, lead != 0xE0, lead != 0xED else { break }
                let scalar = (lead & 0x0F) &<< 12 | (word >> 2) & 0x0FC0 | (word >> 16) & 0x3F
                guard foldBits[Int(scalar &>> 6)] & (1 &<< UInt64(scalar & 63)) == 0 else { break }
                scalars[k] = scalar
                startOffset[k] = UInt32(truncatingIfNeeded: i &- lo)
                byteLength[k] = 3
                k &+= 1
                i &+= 3
            }
            guard i < hi else { break }
            let b0 = p[i]
            var scalar: UInt32
            var length: Int
            if b0 < 0x80 {
                scalar = UInt32(b0)
                length = 1
                if b0 == 0x28, k > 0, CharacterClass.isHan(scalars[k &- 1]),
                   let skip = Self.annotationLength(p, from: i &+ 1, to: hi) {
                    // 會(hui)議 reads as 会议: an inline reading is transparent to matching.
                    i &+= 1 &+ skip
                    verbatim = false
                    continue
                }
            } else if b0 &- 0xE1 < 0x0F, b0 != 0xED, i &+ 2 < hi, p[i &+ 1] & 0xC0 == 0x80, p[i &+ 2] & 0xC0 == 0x80 {
                // The common case for Chinese: a three-byte sequence whose lead puts no limit on
                // its second byte (E0 and ED, which do, go the general way).
                scalar = UInt32(b0 & 0x0F) &<< 12 | UInt32(p[i &+ 1] & 0x3F) &<< 6 | UInt32(p[i &+ 2] & 0x3F)
                length = 3
            } else {
                (scalar, length) = decodeScalar(p, i, hi)
                if length < 0 {
                    // An invalid sequence stands for U+FFFD: it matches nothing, yet keeps its place.
                    scalar = 0xFFFD
                    length = -length
                    verbatim = false
                }
            }
            if scalar < 0x10000 {
                let folded = foldBits[Int(scalar &>> 6)] & (1 &<< UInt64(scalar & 63)) == 0 ? 0 : foldTable[Int(scalar)]
                if folded != 0 {
                    // A full-width parenthesis folds to "(": it may open a reading as well.
                    if scalar == 0xFF08, k > 0, CharacterClass.isHan(scalars[k &- 1]),
                       let skip = Self.annotationLength(p, from: i &+ 3, to: hi) {
                        i &+= 3 &+ skip
                        verbatim = false
                        continue
                    }
                    scalar = UInt32(folded)
                    verbatim = false
                }
            } else {
                let folded = fold.fold(scalar)
                if folded != scalar { verbatim = false }
                scalar = folded
            }
            scalars[k] = scalar
            startOffset[k] = UInt32(truncatingIfNeeded: i &- lo)
            byteLength[k] = UInt8(truncatingIfNeeded: length)
            k &+= 1
            i &+= length
        }
        count = k
        isVerbatim = verbatim
    }

    /// The byte length of `pinyin)` at `start` (closing parenthesis included), or nil when the
    /// parenthesis does not hold a lowercase romanisation (tone marks, ü/v, tone numbers).
    static func annotationLength(_ p: UnsafePointer<UInt8>, from start: Int, to hi: Int) -> Int? {
        var i = start
        var letters = 0
        while i < hi, i - start <= 24 {
            let (scalar, length) = decodeScalar(p, i, hi)
            guard length > 0 else { return nil }
            if scalar == 0x29 || scalar == 0xFF09 { return letters > 0 ? i + length - start : nil }
            switch scalar {
            case 0x61...0x7A: letters += 1
            case 0x31...0x35, 0x3A: break
            case 0xE0, 0xE1, 0xE8, 0xE9, 0xEC, 0xED, 0xF2, 0xF3, 0xF9, 0xFA, 0xFC,
                 0x101, 0x113, 0x11B, 0x12B, 0x14D, 0x16B, 0x1CE, 0x1D0, 0x1D2, 0x1D4,
                 0x1D6, 0x1D8, 0x1DA, 0x1DC, 0x144, 0x148, 0x1F9, 0x1E3F:
                letters += 1
            default: return nil
            }
            i += length
        }
        return nil
    }
}

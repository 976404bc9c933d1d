import ZhTextCore

/// The longest key at a position: `length` input bytes (0: no key) replaced by entry `entry`'s
/// value, or, when `entry` is -1, by a lead record's `replacement` word.
struct TierMatch {
    var length: Int
    var entry: Int32
    var replacement: UInt32

    static let none = TierMatch(length: 0, entry: -1, replacement: 0)
}

extension TierView {
    /// The longest key of more than one character that starts with the character at `i` (whose
    /// record is `lead`) and goes on with the one at `next` (symbol `nextCode`, `nextWidth`
    /// bytes): its length and entry, or length 0.
    @inline(__always)
    func longerMatch(
        _ lead: LeadCharacterRecord, _ p: UnsafePointer<UInt8>, _ i: Int, _ next: Int,
        _ nextCode: Int, _ nextWidth: Int, _ end: Int
    ) -> (length: Int, entry: Int32) {
        guard lead.childBase != 0, nextCode != 0 else { return (0, -1) }
        var state = child(atBase: lead.childBase, symbol: nextCode)
        guard state >= 0 else { return (0, -1) }
        var best: (length: Int, entry: Int32) = (0, -1)
        var j = next &+ nextWidth
        var entry = value(at: state)
        if entry >= 0 { best = (j &- i, entry) }
        while j < end {
            let base = childBase(of: state)
            if base == 0 { break }
            let (code, width) = symbol(atValid: j, in: p)
            state = child(atBase: base, symbol: code)
            if state < 0 { break }
            j &+= width
            entry = value(at: state)
            if entry >= 0 { best = (j &- i, entry) }
        }
        return best
    }

    /// The longest key that starts at byte `i` of `p[..<end]`.
    @inline(__always)
    func longestMatch(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> TierMatch {
        let (code, width) = symbol(atValid: i, in: p)
        guard code != 0, let leads else { return .none }
        let lead = leads[code]
        let next = i &+ width
        if lead.childBase != 0, next < end {
            let (nextCode, nextWidth) = symbol(atValid: next, in: p)
            let longer = longerMatch(lead, p, i, next, nextCode, nextWidth, end)
            if longer.length > 0 { return TierMatch(length: longer.length, entry: longer.entry, replacement: 0) }
        }
        return lead.replacement == 0 ? .none : TierMatch(length: width, entry: -1, replacement: lead.replacement)
    }

    /// Writes the replacement of `match` and records the piece.
    @inline(__always)
    func emit<R: PieceRecorder>(_ match: TierMatch, into output: ByteSink, recorder: inout R) {
        if match.entry < 0 {
            emit(replacement: match.replacement, sourceLength: match.length, into: output, recorder: &recorder)
        } else {
            let value = value(match.entry)
            output.append(value)
            recorder.record(source: match.length, target: value.count, linear: isAligned(match.entry))
        }
    }

    /// Writes a lead record's replacement (non-zero) for a `sourceLength`-byte character.
    @inline(__always)
    func emit<R: PieceRecorder>(replacement: UInt32, sourceLength: Int, into output: ByteSink, recorder: inout R) {
        if replacement & LeadCharacterRecord.entryFlag == 0 {
            let length = Int(replacement >> 24 & 3)
            output.append(packed: replacement, length: length)
            recorder.record(source: sourceLength, target: length, linear: replacement & LeadCharacterRecord.alignedFlag != 0)
        } else {
            let entry = Int32(bitPattern: replacement & ~LeadCharacterRecord.entryFlag)
            let value = value(entry)
            output.append(value)
            recorder.record(source: sourceLength, target: value.count, linear: isAligned(entry))
        }
    }
}

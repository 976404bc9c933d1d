import ZhTextCore

/// What a conversion table says about one character as the start of a match, in one 8-byte
/// record indexed by the character's automaton symbol.
///
/// Nearly every character of Chinese text starts some key (73% for s2t on the benchmark
/// corpus), and most matches are one character long. The general trie walk pays, per
/// character, dependent loads for the transition, the state's base, its value entry and the
/// value's offsets before the first output byte. This record gathers what the common case
/// needs: whether a longer key may start here (and where its second character would be
/// found), and the one-character key's replacement inline.
struct LeadCharacterRecord {
    /// The base of the first-level state's children (see `DictionaryAutomaton.UnsafeView.childBase(of:)`);
    /// 0 when no longer key starts with this character.
    var childBase: Int32
    /// The one-character key's replacement: 0 when the character alone is no key; with bit 31
    /// set, its entry number in the low 31 bits (the replacement is read from the pool); else
    /// the replacement's 1–3 bytes in bits 0–23 (first byte lowest), their count in bits 24–25
    /// and bit 26 set when the key maps aligned. Eight bytes a record keep the few thousand
    /// characters that make up nearly all text in the first-level cache.
    var replacement: UInt32

    static let entryFlag: UInt32 = 0x8000_0000
    static let alignedFlag: UInt32 = 0x0400_0000

    /// One record per symbol of `table`'s automaton.
    static func makeRecords(for table: TierView) -> UnsafeMutablePointer<LeadCharacterRecord> {
        let automaton = table.automaton
        let count = automaton.symbolCount
        let records = UnsafeMutablePointer<LeadCharacterRecord>.allocate(capacity: count)
        let rootBase = automaton.childBase(of: DictionaryAutomaton.UnsafeView.rootState)
        for code in 0..<count {
            var record = LeadCharacterRecord(childBase: 0, replacement: 0)
            // Symbol 0 is a character in no key (scalar alphabet).
            let state = code == 0 ? -1 : automaton.child(atBase: rootBase, symbol: code)
            if state >= 0 {
                record.childBase = automaton.childBase(of: state)
                let entry = automaton.value(at: state)
                if entry >= 0 {
                    let value = table.value(entry)
                    if (1...3).contains(value.count) {
                        var word = UInt32(value.count) << 24
                        for (k, byte) in value.enumerated() { word |= UInt32(byte) << (8 * k) }
                        if table.isAligned(entry) { word |= alignedFlag }
                        record.replacement = word
                    } else {
                        record.replacement = entryFlag | UInt32(entry)
                    }
                }
            }
            (records + code).initialize(to: record)
        }
        return records
    }
}

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
        var state = automaton.child(atBase: lead.childBase, symbol: nextCode)
        guard state >= 0 else { return (0, -1) }
        var best: (length: Int, entry: Int32) = (0, -1)
        var j = next &+ nextWidth
        var entry = automaton.value(at: state)
        if entry >= 0 { best = (j &- i, entry) }
        while j < end {
            let base = automaton.childBase(of: state)
            if base == 0 { break }
            let (code, width) = automaton.symbol(atValid: j, in: p)
            state = automaton.child(atBase: base, symbol: code)
            if state < 0 { break }
            j &+= width
            entry = automaton.value(at: state)
            if entry >= 0 { best = (j &- i, entry) }
        }
        return best
    }

    /// The longest key that starts at byte `i` of `p[..<end]`.
    @inline(__always)
    func longestMatch(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> TierMatch {
        let (code, width) = automaton.symbol(atValid: i, in: p)
        guard code != 0, let leads else { return .none }
        let lead = leads[code]
        let next = i &+ width
        if lead.childBase != 0, next < end {
            let (nextCode, nextWidth) = automaton.symbol(atValid: next, in: p)
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

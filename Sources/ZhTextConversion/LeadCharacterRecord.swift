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

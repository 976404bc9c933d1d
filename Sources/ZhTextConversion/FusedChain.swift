import CZhTextData
import ZhTextCore

/// A two-stage chain precomposed, so that text converts in one walk instead of one pass per
/// stage (s2tw, s2twp, s2hk, s2hkp, tw2s, tw2sp, hk2s, hk2sp).
///
/// Every stage of a chain runs confined to the segments of the segmentation (OpenCC converts
/// segment by segment). So:
///
/// - For a segment that is a key of the segmentation table, the chain's output is a function of
///   the key alone: `Scripts/import-opencc-data` computes it for every key and embeds it in the
///   key's entry order (``value(_:)``).
/// - In a run of unmatched characters, a character at which no stage can take a longer key
///   converts on its own: each stage takes it (or what the first stage made of it) alone. That
///   output is computed here once per BMP character (``alone(_:)``), together with whether a
///   longer key may start there at all (``character(_:)``); where one may, the walk looks at the
///   next character to tell whether one can follow.
/// - Where one can, the walk either matches the second stage over the first stage's characters
///   (``ConversionEngine/convertCharacterWise``) or runs the real chain over the stretch up to
///   the next character no key contains (a safe cut: no stage's match can cross it).
///
/// The fused walk is used when no offsets are recorded and the text holds no ideographic
/// description sequence; otherwise the stages run one by one. Both give the same output, which
/// the tests check on the corpus and on random mixtures of dictionary keys.
final class FusedChain: @unchecked Sendable {
    private let offsets: UnsafePointer<UInt32>
    private let pool: UnsafePointer<UInt8>
    let entryCount: Int
    /// The first and second stage's tiers.
    let firstStage: [TierView]
    let secondStage: [TierView]
    /// Whether the first stage is the segmentation table (s2*): in a run it then takes every
    /// character alone, since the segmentation walk found no longer key there.
    let segmentationIsFirstStage: Bool
    /// Per BMP scalar: 0 when both stages leave it alone; ``mayStartLongerKey`` when a stage may
    /// take it (or the first stage's output) into a longer key; else ``alone(_:)``'s word.
    private let characters: UnsafeMutablePointer<UInt32>
    /// Per BMP scalar: the output when each stage takes it alone, as 0 (unchanged), the UTF-8's
    /// 1–3 bytes (first lowest) with their count in bits 24–25, or ``deferred`` when longer.
    private let aloneWords: UnsafeMutablePointer<UInt32>
    /// Per BMP scalar: what the first stage makes of it alone when that is one character, else
    /// ``multipleCharacters``.
    private let firstStageCharacters: UnsafeMutablePointer<UInt32>
    /// One bit per BMP scalar: set when a key of the first stage longer than one character
    /// starts with it (so what the first stage makes of it depends on what follows).
    private let firstStageLonger: UnsafeMutablePointer<UInt64>
    /// One bit per BMP scalar: set when a key of the second stage longer than one character
    /// starts with (a character of) what the first stage makes of it alone.
    private let secondStageLonger: UnsafeMutablePointer<UInt64>
    /// Per stage, 2^16 bits: the bit of every (first, second) character pair that starts a key
    /// of two or more characters is set (``pairBit(_:_:)``), so that one load rules out nearly
    /// every pair that can start no such key before the tiers are asked.
    let firstStagePairs: UnsafeMutablePointer<UInt64>
    let secondStagePairs: UnsafeMutablePointer<UInt64>
    /// Whether a character above the BMP may change (some stage has a key starting above it).
    let supplementaryMayChange: Bool
    /// The per-symbol tables of the character-wise walk, when the first stage is the
    /// segmentation table.
    private(set) var characterWise: CharacterWiseTables? = nil
    /// The per-character words of the run walk, when the walk is not character-wise.
    private(set) var runWords: RunWordTable? = nil

    static let mayStartLongerKey: UInt32 = 0x8000_0000
    static let deferred: UInt32 = 0x4000_0000
    static let multipleCharacters: UInt32 = 0xFFFF_FFFF
    static let magic: UInt32 = 0x5A48_4656  // "ZHFV"

    /// Reads the embedded values at `index` (ZHFV: magic, version, entry count, pool bytes; the
    /// entry count + 1 offsets; the pool) and precomposes the characters of `chain`.
    init(index: Int, segmentationEntryCount: Int, chain: [[TierView]], segmentationIsFirstStage: Bool,
         segmentation: (table: TierView, multiCharacterOnly: Bool)) throws(ZhTextError) {
        guard chain.count == 2 else { throw .corruptAutomatonData(reason: "fused chain #\(index): not a chain of two stages") }
        var count: Int32 = 0
        guard let blobs = zh_text_data_fused(&count), index >= 0, index < Int(count) else {
            throw .corruptAutomatonData(reason: "no embedded fused chain #\(index)")
        }
        let bytes = UnsafeRawBufferPointer(start: blobs[index].bytes, count: blobs[index].count)
        guard let base = bytes.baseAddress, bytes.count >= 16, Int(bitPattern: base) % 4 == 0 else {
            throw .corruptAutomatonData(reason: "fused chain #\(index): too short or misaligned")
        }
        let header = base.assumingMemoryBound(to: UInt32.self)
        let entries = Int(UInt32(littleEndian: header[2]))
        let poolCount = Int(UInt32(littleEndian: header[3]))
        guard UInt32(littleEndian: header[0]) == Self.magic, UInt32(littleEndian: header[1]) == 1,
              entries == segmentationEntryCount, 16 + 4 * (entries + 1) + poolCount == bytes.count else {
            throw .corruptAutomatonData(reason: "fused chain #\(index): not the values of its segmentation table")
        }
        let offsets = (base + 16).assumingMemoryBound(to: UInt32.self)
        let pool = (base + 16 + 4 * (entries + 1)).assumingMemoryBound(to: UInt8.self)
        try ConversionTable.validateValues(offsets: offsets, entries: entries, pool: pool, poolCount: poolCount,
                                           name: "fused chain #\(index)")
        self.offsets = offsets
        self.pool = pool
        entryCount = entries
        firstStage = chain[0]
        secondStage = chain[1]
        self.segmentationIsFirstStage = segmentationIsFirstStage
        characters = .allocate(capacity: 0x10000)
        characters.initialize(repeating: 0, count: 0x10000)
        aloneWords = .allocate(capacity: 0x10000)
        aloneWords.initialize(repeating: 0, count: 0x10000)
        firstStageCharacters = .allocate(capacity: 0x10000)
        for scalar in 0..<0x10000 { (firstStageCharacters + scalar).initialize(to: UInt32(scalar)) }
        firstStageLonger = .allocate(capacity: 0x10000 / 64)
        firstStageLonger.initialize(repeating: 0, count: 0x10000 / 64)
        secondStageLonger = .allocate(capacity: 0x10000 / 64)
        secondStageLonger.initialize(repeating: 0, count: 0x10000 / 64)
        supplementaryMayChange = chain.joined().contains { $0.startsAboveBMP }
        // Only the walk of a first stage of its own asks the filters (the character-wise walk
        // has per-symbol tables); the segmentation table as a first stage is large (53,804
        // keys), and listing its pairs would cost most of the construction time.
        firstStagePairs = Self.pairFilter(segmentationIsFirstStage ? [] : chain[0])
        secondStagePairs = Self.pairFilter(segmentationIsFirstStage ? [] : chain[1])
        precompose()
        if segmentationIsFirstStage { characterWise = CharacterWiseTables(self) }
        if characterWise == nil { runWords = RunWordTable(self, segmentation: segmentation.table, multiCharacterOnly: segmentation.multiCharacterOnly) }
    }

    deinit {
        characters.deallocate()
        aloneWords.deallocate()
        firstStageCharacters.deallocate()
        firstStageLonger.deallocate()
        secondStageLonger.deallocate()
        firstStagePairs.deallocate()
        secondStagePairs.deallocate()
    }

    /// The filter bit of the pair (`first`, `second`).
    @inline(__always)
    static func pairBit(_ first: UInt32, _ second: UInt32) -> Int {
        Int((first &* 0x9E37_79B1 ^ second &* 0x85EB_CA77) >> 16)
    }

    private static func pairFilter(_ stage: [TierView]) -> UnsafeMutablePointer<UInt64> {
        let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: 0x10000 / 64)
        bits.initialize(repeating: 0, count: 0x10000 / 64)
        for tier in stage {
            for (first, second) in tier.automaton.keyPrefixPairs() {
                let bit = pairBit(first, second)
                bits[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        return bits
    }

    /// Whether the pair (`scalar`, `next`) may start a key of two or more characters of the
    /// stage whose filter is `pairs` (false: certainly not).
    @inline(__always)
    static func pairMayStartKey(_ pairs: UnsafeMutablePointer<UInt64>, _ scalar: UInt32, _ next: UInt32) -> Bool {
        let bit = pairBit(scalar, next)
        return pairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// The chain's output for segmentation key `entry`.
    @inline(__always)
    func value(_ entry: Int32) -> UnsafeBufferPointer<UInt8> { pooledValue(entry, offsets: offsets, pool: pool) }

    /// The word of BMP scalar `scalar` in a run: 0, ``mayStartLongerKey`` or its ``alone(_:)``.
    @inline(__always)
    func character(_ scalar: UInt32) -> UInt32 { characters[Int(scalar)] }

    /// The output of BMP scalar `scalar` when each stage takes it alone (see ``aloneWords``).
    @inline(__always)
    func alone(_ scalar: UInt32) -> UInt32 { aloneWords[Int(scalar)] }

    /// What the first stage makes of BMP scalar `scalar` alone, or ``multipleCharacters``.
    @inline(__always)
    func firstStageCharacter(_ scalar: UInt32) -> UInt32 { firstStageCharacters[Int(scalar)] }

    /// Whether a first-stage key longer than one character starts with BMP scalar `scalar`.
    @inline(__always)
    func firstStageMayStartLonger(_ scalar: UInt32) -> Bool {
        firstStageLonger[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0
    }

    /// Whether a second-stage key longer than one character starts with what the first stage
    /// makes of BMP scalar `scalar` alone.
    @inline(__always)
    func secondStageMayStartLonger(_ scalar: UInt32) -> Bool {
        secondStageLonger[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0
    }

    /// Whether `stage` may take a key longer than one character at `scalar` followed by `next`:
    /// the tiers are asked in order, and a tier with the character's own key and no longer key
    /// that can follow decides alone.
    static func longerKeyMayFollow(
        _ stage: [TierView], _ scalar: UInt32, _ next: UInt32
    ) -> Bool {
        for t in stage.indices {
            let tier = stage[t]
            let code = tier.symbol(ofScalar: scalar)
            guard code != 0, let leads = tier.leads else { continue }
            let lead = leads[code]
            if lead.childBase != 0 {
                let nextCode = tier.symbol(ofScalar: next)
                if nextCode != 0, tier.child(atBase: lead.childBase, symbol: nextCode) >= 0 { return true }
            }
            if lead.replacement != 0 { return false }
        }
        return false
    }

    /// Runs each BMP character that some key starts with through the stages on its own. The two
    /// scratch arrays are reused, so the whole costs a handful of allocations.
    private func precompose() {
        var candidates = [UInt64](repeating: 0, count: 0x10000 / 64)
        for tier in firstStage + secondStage {
            for k in candidates.indices { candidates[k] |= tier.keyStarts[k] }
        }
        var input: [UInt32] = [], first: [UInt32] = [], output: [UInt32] = []
        input.reserveCapacity(1); first.reserveCapacity(8); output.reserveCapacity(8)
        let scratch = ByteSink(capacity: 64)
        for (word, bits) in candidates.enumerated() where bits != 0 {
            var rest = bits
            while rest != 0 {
                let bit = rest.trailingZeroBitCount
                rest &= rest &- 1
                let scalar = UInt32(word * 64 + bit)
                guard !(0xD800...0xDFFF).contains(scalar) else { continue }
                input.removeAll(keepingCapacity: true)
                input.append(scalar)
                let firstLonger = Self.takeAlone(input, firstStage, into: &first, scratch: scratch)
                let secondLonger = Self.takeAlone(first, secondStage, into: &output, scratch: scratch)
                firstStageCharacters[Int(scalar)] = first.count == 1 ? first[0] : Self.multipleCharacters
                if firstLonger { firstStageLonger[Int(scalar) >> 6] |= 1 << UInt64(scalar & 63) }
                if secondLonger { secondStageLonger[Int(scalar) >> 6] |= 1 << UInt64(scalar & 63) }
                let aloneWord = output.count == 1 && output[0] == scalar ? 0 : Self.packedWord(output) ?? Self.deferred
                aloneWords[Int(scalar)] = aloneWord
                let mayStart = secondLonger || (firstLonger && !segmentationIsFirstStage)
                characters[Int(scalar)] = mayStart ? Self.mayStartLongerKey : aloneWord
            }
        }
    }

    /// One stage over `text`, taking every character alone, into `result` (emptied first;
    /// `scratch` holds a replacement's bytes): each
    /// character's own key in the first tier that has one, else the character. Returns whether
    /// some tier consulted has a longer key starting at one of them (which a following
    /// character might complete).
    private static func takeAlone(
        _ text: [UInt32], _ stage: [TierView], into result: inout [UInt32], scratch: ByteSink
    ) -> Bool {
        result.removeAll(keepingCapacity: true)
        var mayStartLonger = false
        for scalar in text {
            var replaced = false
            for t in stage.indices {
                let tier = stage[t]
                let code = tier.automaton.symbol(ofScalar: scalar)
                guard code != 0, let leads = tier.leads else { continue }
                let lead = leads[code]
                if lead.childBase != 0 { mayStartLonger = true }
                guard lead.replacement != 0 else { continue }
                // The record's replacement, written as the walks write it.
                scratch.reset()
                var recorder = DiscardingRecorder()
                tier.emit(replacement: lead.replacement, sourceLength: 0, into: scratch, recorder: &recorder)
                appendScalars(of: scratch.bytes, to: &result)
                // A later tier is consulted only where this one has no key.
                replaced = true
                break
            }
            if !replaced { result.append(scalar) }
        }
        return mayStartLonger
    }

    /// Appends the scalars of valid UTF-8 `bytes` to `result`.
    private static func appendScalars(of bytes: UnsafeBufferPointer<UInt8>, to result: inout [UInt32]) {
        var i = 0
        while i < bytes.count {
            let (scalar, length) = decodeValidScalar(bytes.baseAddress!, i)
            result.append(scalar)
            i += length
        }
    }

    /// The UTF-8 of `scalars` as a word (1–3 bytes, first lowest, count in bits 24–25), or nil
    /// when longer.
    static func packedWord(_ scalars: [UInt32]) -> UInt32? {
        var word: UInt32 = 0
        var length = 0
        for scalar in scalars {
            let (bytes, count) = packedUTF8(scalar)
            guard length + count <= 3 else { return nil }
            word |= bytes << (8 * UInt32(length))
            length += count
        }
        return length == 0 ? nil : word | UInt32(length) << 24
    }
}

/// The UTF-8 of valid scalar `scalar` packed first byte lowest, and its length (1–4), for
/// ``ByteSink/append(packed:length:)``.
@inline(__always)
func packedUTF8(_ scalar: UInt32) -> (word: UInt32, length: Int) {
    if scalar < 0x80 { return (scalar, 1) }
    if scalar < 0x800 { return ((0xC0 | scalar >> 6) | (0x80 | scalar & 0x3F) << 8, 2) }
    if scalar < 0x10000 {
        return ((0xE0 | scalar >> 12) | (0x80 | scalar >> 6 & 0x3F) << 8 | (0x80 | scalar & 0x3F) << 16, 3)
    }
    return ((0xF0 | scalar >> 18) | (0x80 | scalar >> 12 & 0x3F) << 8 | (0x80 | scalar >> 6 & 0x3F) << 16
            | (0x80 | scalar & 0x3F) << 24, 4)
}

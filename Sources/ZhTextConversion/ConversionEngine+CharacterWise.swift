import ZhTextCore

/// The tables of the character-wise walk (s2tw, s2twp, s2hk, s2hkp: the first stage is the
/// segmentation table, so in a run it maps characters one to one), indexed by the symbol the
/// segmentation walk reads anyway, so that a character costs one more load than in s2t.
final class CharacterWiseTables: @unchecked Sendable {
    /// Per segmentation symbol: the symbol's child base there and its word (as
    /// ``FusedChain/character(_:)``; ``FusedChain/deferred`` for symbols above the BMP, and
    /// ``byScalar`` for symbol 0).
    let records: UnsafeMutablePointer<(childBase: Int32, word: UInt32)>
    /// Per BMP scalar, the symbol the walk reads: the segmentation's symbol, or ``inert`` for a
    /// character in no key of the segmentation that the chain leaves alone (most punctuation,
    /// digits and Latin letters), so that such a character stays on the common path instead of
    /// being looked up by scalar.
    let walkSymbols: UnsafeMutablePointer<UInt16>
    /// The symbol past the segmentation's symbols whose record is (0, 0); 0 when the
    /// segmentation has no room for it (then no character is inert).
    let inert: Int
    /// Per segmentation symbol: ``FusedChain/alone(_:)`` of its character.
    let alone: UnsafeMutablePointer<UInt32>
    /// Per segmentation symbol: the first stage's character, or ``FusedChain/multipleCharacters``
    /// (BMP characters only; others read 0).
    let firstStage: UnsafeMutablePointer<UInt32>
    /// Per second-stage tier: its trie and, per segmentation symbol, the symbol of the first
    /// stage's character there (0: in no key; -1: several characters) and that symbol's child
    /// base (0: no longer key starts with it).
    let tiers: UnsafeMutableBufferPointer<TierView>
    let symbols: UnsafeMutableBufferPointer<UnsafeMutablePointer<Int32>>
    let bases: UnsafeMutableBufferPointer<UnsafeMutablePointer<Int32>>

    /// Hashed bits of (symbol, next walk symbol) pairs (``followBit(_:_:)``): set for every pair
    /// at which a longer key of the second stage may start, where the symbol's word has
    /// ``FusedChain/mayStartLongerKey``. A clear bit lets the walk take the character's
    /// ``FusedChain/alone(_:)`` output (kept in the word's low bits) without asking the tiers; a
    /// set bit sends it to the tiers, so a collision costs time, never output.
    let followPairs: UnsafeMutablePointer<UInt64>
    static let followPairBits = 18

    /// The bit of the pair (`code`, `next`) in ``followPairs``.
    @inline(__always)
    static func followBit(_ code: Int, _ next: Int) -> Int {
        let hash = UInt32(truncatingIfNeeded: code) &* 0x9E37_79B1 ^ UInt32(truncatingIfNeeded: next) &* 0x85EB_CA77
        return Int(hash >> (32 - UInt32(followPairBits)))
    }

    /// The word of symbol 0 (a character in no key of the first stage), whose output the walk
    /// looks up by scalar.
    static let byScalar: UInt32 = 0x2000_0000
    /// The bits of a word that send the walk off its common path.
    static let slowWords: UInt32 = FusedChain.mayStartLongerKey | FusedChain.deferred | byScalar

    init?(_ fused: FusedChain) {
        guard let table = fused.firstStage.first, let leads = table.leads, fused.secondStage.count <= 2 else { return nil }
        let automaton = table.automaton
        let count = automaton.symbolCount
        inert = count < 0xFFFF ? count : 0
        records = .allocate(capacity: count + 1)
        for code in 0..<count {
            (records + code).initialize(to: (leads[code].childBase, code == 0 ? Self.byScalar : FusedChain.deferred))
        }
        (records + count).initialize(to: (0, 0))
        walkSymbols = .allocate(capacity: 0x10000)
        for scalar in 0..<0x10000 {
            var symbol = table.bmpSymbols[scalar]
            if symbol == 0, inert != 0, !(0xD800...0xDFFF).contains(scalar), fused.character(UInt32(scalar)) == 0 {
                symbol = UInt16(inert)
            }
            (walkSymbols + scalar).initialize(to: symbol)
        }
        alone = .allocate(capacity: count)
        alone.initialize(repeating: FusedChain.deferred, count: count)
        firstStage = .allocate(capacity: count)
        firstStage.initialize(repeating: 0, count: count)
        tiers = .allocate(capacity: fused.secondStage.count)
        _ = tiers.initialize(from: fused.secondStage)
        symbols = .allocate(capacity: tiers.count)
        bases = .allocate(capacity: tiers.count)
        for t in tiers.indices {
            symbols[t] = .allocate(capacity: count)
            symbols[t].initialize(repeating: -1, count: count)
            bases[t] = .allocate(capacity: count)
            bases[t].initialize(repeating: 0, count: count)
        }
        for scalar in 0..<UInt32(0x10000) where !(0xD800...0xDFFF).contains(scalar) {
            let code = automaton.symbol(ofScalar: scalar)
            guard code != 0 else { continue }
            let first = fused.firstStageCharacter(scalar)
            firstStage[code] = first
            guard first != FusedChain.multipleCharacters else { continue }
            let word = fused.character(scalar)
            alone[code] = fused.alone(scalar)
            records[code].word = word == FusedChain.mayStartLongerKey ? word | alone[code] : word
            for t in tiers.indices {
                let symbol = tiers[t].automaton.symbol(ofScalar: first)
                symbols[t][code] = Int32(symbol)
                if symbol != 0, let tierLeads = tiers[t].leads { bases[t][code] = tierLeads[symbol].childBase }
            }
        }
        followPairs = .allocate(capacity: 1 << (Self.followPairBits - 6))
        followPairs.initialize(repeating: 0, count: 1 << (Self.followPairBits - 6))
        markFollowPairs(symbolCount: count)
    }

    /// Sets the bit of every pair at which a longer second-stage key may start: the key's first
    /// two characters are the first stage's output of a symbol with
    /// ``FusedChain/mayStartLongerKey`` and of the next symbol (an inert character is its own
    /// output). A next symbol whose output is not one BMP character (symbol 0, several
    /// characters) may start such a key after any of them.
    private func markFollowPairs(symbolCount count: Int) {
        @inline(__always) func mark(_ code: Int, _ next: Int) {
            let bit = Self.followBit(code, next)
            followPairs[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        let starts = (1..<count).filter { records[$0].word & FusedChain.mayStartLongerKey != 0 }
        guard !starts.isEmpty else { return }
        // The symbols of each first-stage character, as lists threaded through two arrays.
        var firstByOutput = [Int32](repeating: -1, count: 0x10000)
        var nextWithOutput = [Int32](repeating: -1, count: count)
        var unknown = [0]
        for code in 1..<count {
            let output = firstStage[code]
            if output == FusedChain.multipleCharacters { unknown.append(code) }
            // (A character above the BMP, whose first-stage character is not listed, is caught
            // by its width in the walk.)
            guard output != 0, output < 0x10000 else { continue }
            nextWithOutput[code] = firstByOutput[Int(output)]
            firstByOutput[Int(output)] = Int32(code)
        }
        for code in starts {
            for next in unknown { mark(code, next) }
        }
        for tier in tiers {
            for (first, second) in tier.automaton.keyPrefixPairs() where first < 0x10000 && second < 0x10000 {
                let inertNext = inert != 0 && Int(walkSymbols[Int(second)]) == inert
                var code = Int(firstByOutput[Int(first)])
                while code >= 0 {
                    if records[code].word & FusedChain.mayStartLongerKey != 0 {
                        var next = Int(firstByOutput[Int(second)])
                        while next >= 0 {
                            mark(code, next)
                            next = Int(nextWithOutput[next])
                        }
                        if inertNext { mark(code, inert) }
                    }
                    code = Int(nextWithOutput[code])
                }
            }
        }
    }

    deinit {
        records.deallocate()
        walkSymbols.deallocate()
        followPairs.deallocate()
        alone.deallocate()
        firstStage.deallocate()
        tiers.deallocate()
        symbols.forEach { $0.deallocate() }
        bases.forEach { $0.deallocate() }
        symbols.deallocate()
        bases.deallocate()
    }
}

extension ConversionEngine {
    /// The fused walk of a chain whose first stage is the segmentation's table and maps runs
    /// character by character (s2tw, s2twp, s2hk, s2hkp): one lead record a character gives the
    /// segmentation's longer keys and the character's precomposed output. Where the second stage
    /// may take a longer key, its tries are walked over the first stage's characters; such a key
    /// is taken only when no segment starts inside it (else the run is shorter than the walk
    /// assumed, and the stages run one by one up to the next safe cut or segment).
    func convertCharacterWise(
        _ text: UnsafeBufferPointer<UInt8>, _ fused: FusedChain, _ tables: CharacterWiseTables, _ table: TierView,
        into output: ByteSink
    ) {
        guard !text.isEmpty else { return }
        let records = tables.records
        let walkSymbols = tables.walkSymbols
        let inert = tables.inert
        let labels = table.labels
        let p = text.baseAddress!
        let n = text.count
        // Every configuration's second stage has one or two tiers: their tries and tables are
        // held here, so the common test (no longer key can follow) touches nothing else.
        let tierCount = tables.tiers.count
        let trie0 = tables.tiers[0]
        let trie1 = tierCount > 1 ? tables.tiers[1] : trie0
        let bases0 = tables.bases[0], bases1 = tables.bases[tierCount > 1 ? 1 : 0]
        let symbols0 = tables.symbols[0], symbols1 = tables.symbols[tierCount > 1 ? 1 : 0]
        let alone = tables.alone
        let followPairs = tables.followPairs
        /// The walk's symbol of the character at `p[k]` (see ``CharacterWiseTables/walkSymbols``).
        @inline(__always) func symbol(at k: Int) -> (code: Int, width: Int) {
            let b0 = p[k]
            if b0 < 0x80 { return (Int(walkSymbols[Int(b0)]), 1) }
            if b0 & 0xF0 == 0xE0 {
                return (Int(walkSymbols[Int(b0 & 0x0F) &<< 12 | Int(p[k &+ 1] & 0x3F) &<< 6 | Int(p[k &+ 2] & 0x3F)]), 3)
            }
            if b0 < 0xE0 { return (Int(walkSymbols[Int(b0 & 0x1F) &<< 6 | Int(p[k &+ 1] & 0x3F)]), 2) }
            return (table.automaton.symbol(ofScalar: decodeValidScalar(p, k).scalar), 4)
        }
        var scratch: (ByteSink, ByteSink)? = nil
        var copyStart = 0
        var chainStart = -1
        var i = 0
        // The next character's symbol is carried over a one-character step, as in
        // forEachMaximalMatch: each character is decoded once.
        var (code, width) = symbol(at: 0)
        walk: while true {
            var next = i &+ width
            var nextCode = 0, nextWidth = 0
            if chainStart < 0 {
                // The common path, in a loop of its own so that its few variables stay in
                // registers: no segmentation key longer than the character can start here, and
                // the character's output is its precomposed word or the character itself.
                // Anything else leaves the loop for the full step below.
                while true {
                    next = i &+ width
                    nextCode = 0
                    nextWidth = 0
                    if next < n { (nextCode, nextWidth) = symbol(at: next) }
                    let record = records[code]
                    if record.childBase != 0, UInt(bitPattern: nextCode &- 1) < UInt(bitPattern: inert &- 1),
                       labels[Int(record.childBase) &+ nextCode] == UInt16(truncatingIfNeeded: nextCode &+ 1) { break }
                    var word = record.word
                    if word & CharacterWiseTables.slowWords != 0 {
                        // A longer second-stage key may start with this character: unless the
                        // pair with the next one says it cannot, the tiers decide below.
                        if word & (FusedChain.deferred | CharacterWiseTables.byScalar) != 0 || nextWidth == 4 { break }
                        let bit = CharacterWiseTables.followBit(code, nextCode)
                        if followPairs[bit >> 6] & (1 &<< UInt64(bit & 63)) != 0 { break }
                        word &= ~FusedChain.mayStartLongerKey
                    }
                    if word != 0 {
                        if copyStart < i { output.append(p + copyStart, i &- copyStart) }
                        output.append(packed: word, length: Int(word >> 24 & 3))
                        copyStart = next
                    }
                    if next >= n { break walk }
                    i = next
                    code = nextCode
                    width = nextWidth
                }
            } else if next < n {
                (nextCode, nextWidth) = symbol(at: next)
            }
            // The next character's segmentation symbol (an inert character is in no key).
            let nextKeyCode = nextCode == inert ? 0 : nextCode
            let record = records[code]
            if record.childBase != 0, next < n {
                let longer = table.longerMatch(LeadCharacterRecord(childBase: record.childBase, replacement: 0),
                                               p, i, next, nextKeyCode, nextWidth, n)
                if longer.length > 0 {
                    flushPending(p, &chainStart, copyStart, i, into: output, scratch: &scratch)
                    output.append(fused.value(longer.entry))
                    i &+= longer.length
                    copyStart = i
                    if i >= n { break }
                    (code, width) = symbol(at: i)
                    continue
                }
            }
            let word = record.word
            if chainStart < 0, word & CharacterWiseTables.slowWords == 0 {
                // The common case, after a longer segmentation key turned out not to follow.
                if word != 0 {
                    if copyStart < i { output.append(p + copyStart, i &- copyStart) }
                    output.append(packed: word, length: Int(word >> 24 & 3))
                    copyStart = next
                }
            } else if chainStart >= 0 {
                if Self.isSafeCut(p, i, width) {
                    // No key of any stage contains this character: the real chain can stop here.
                    runChainOver(p, chainStart, next, into: output, scratch: &scratch)
                    chainStart = -1
                    copyStart = next
                }
            } else {
                var word = word
                if code == 0 {
                    let scalar = decodeValidScalar(p, i).scalar
                    word = scalar < 0x10000 ? fused.character(scalar) : (fused.supplementaryMayChange ? FusedChain.deferred : 0)
                } else if word & FusedChain.mayStartLongerKey != 0 {
                    word = FusedChain.mayStartLongerKey
                    // A longer key of the second stage starts with this character's first-stage
                    // output; it can follow only if one goes on with the next character's.
                    var mayFollow = false
                    if next < n {
                        if nextKeyCode == 0 {
                            mayFollow = true
                        } else {
                            let base0 = bases0[code], symbol0 = Int(symbols0[nextKeyCode])
                            if base0 != 0, symbol0 != 0 { mayFollow = symbol0 < 0 || trie0.child(atBase: base0, symbol: symbol0) >= 0 }
                            if !mayFollow, tierCount > 1 {
                                let base1 = bases1[code], symbol1 = Int(symbols1[nextKeyCode])
                                if base1 != 0, symbol1 != 0 { mayFollow = symbol1 < 0 || trie1.child(atBase: base1, symbol: symbol1) >= 0 }
                            }
                        }
                    }
                    if !mayFollow, alone[code] & FusedChain.deferred == 0 { word = alone[code] }
                }
                if word != 0 {
                    if copyStart < i { output.append(p + copyStart, i &- copyStart) }
                    if word & (FusedChain.mayStartLongerKey | FusedChain.deferred) == 0 {
                        output.append(packed: word, length: Int(word >> 24 & 3))
                        copyStart = next
                    } else if word & FusedChain.deferred == 0,
                              let end = Self.secondStageMatch(tables, table, p, i, code, width, n, into: output) {
                        copyStart = end
                        if end != next {
                            i = end
                            if i >= n { break walk }
                            (code, width) = symbol(at: i)
                            continue walk
                        }
                    } else {
                        chainStart = i
                    }
                }
            }
            if next >= n { break }
            i = next
            code = nextCode
            width = nextWidth
        }
        flushPending(p, &chainStart, copyStart, n, into: output, scratch: &scratch)
    }

    /// The second stage at `p[i]` (segmentation symbol `code`, `width` bytes) over the first
    /// stage's characters: writes the longest key's value of the first tier that has a key there,
    /// or the first stage's character when none has one, and returns where the source goes on.
    /// Nil, with nothing written, when the walk meets a character it cannot map (then the caller
    /// runs the real chain) or a key would contain the start of a segment.
    @inline(__always)
    private static func secondStageMatch(
        _ tables: CharacterWiseTables, _ table: TierView,
        _ p: UnsafePointer<UInt8>, _ i: Int, _ code: Int, _ width: Int, _ n: Int, into output: ByteSink
    ) -> Int? {
        for t in tables.tiers.indices {
            let tier = tables.tiers[t]
            let symbols = tables.symbols[t]
            // The symbol in this tier of the first stage's character at `k` (segmentation symbol
            // `c`); a character in no key of the first stage reaches the second as itself.
            @inline(__always) func symbol(_ c: Int, _ k: Int) -> Int {
                c != 0 ? Int(symbols[c]) : tier.symbol(ofScalar: decodeValidScalar(p, k).scalar)
            }
            let first = symbol(code, i)
            guard first != 0 else { continue }
            guard first > 0, let leads = tables.tiers[t].leads else { return nil }
            let lead = leads[first]
            var bestEnd = 0
            var bestEntry: Int32 = -1
            var base = lead.childBase
            var k = i &+ width
            while base != 0, k < n {
                let (nextCode, nextWidth) = table.symbol(atValid: k, in: p)
                let nextSymbol = symbol(nextCode, k)
                if nextSymbol < 0 { return nil }
                let state = tier.child(atBase: base, symbol: nextSymbol)
                if state < 0 { break }
                k &+= nextWidth
                let entry = tier.value(at: state)
                if entry >= 0 { (bestEnd, bestEntry) = (k, entry) }
                base = tier.childBase(of: state)
            }
            if bestEntry >= 0 {
                // The key is this run's only if no segment starts inside it.
                var q = i &+ width
                while q < bestEnd {
                    let (c, w) = table.symbol(atValid: q, in: p)
                    let childBase = tables.records[c].childBase
                    if childBase != 0, q &+ w < n {
                        let (c2, w2) = table.symbol(atValid: q &+ w, in: p)
                        if table.longerMatch(LeadCharacterRecord(childBase: childBase, replacement: 0),
                                             p, q, q &+ w, c2, w2, n).length > 0 { return nil }
                    }
                    q &+= w
                }
                output.append(tables.tiers[t].value(bestEntry))
                return bestEnd
            }
            if lead.replacement != 0 {
                var recorder = DiscardingRecorder()
                tables.tiers[t].emit(replacement: lead.replacement, sourceLength: width, into: output, recorder: &recorder)
                return i &+ width
            }
        }
        // No tier has a key here: the first stage's character stands.
        let (word, length) = packedUTF8(code == 0 ? decodeValidScalar(p, i).scalar : tables.firstStage[code])
        output.append(packed: word, length: length)
        return i &+ width
    }

    /// Whether the character at `p[i]` (`width` bytes) is one no key of any built-in
    /// dictionary contains (line feed, 。！？，；, checked by the importer): no stage's match
    /// crosses it, so a run may be converted in pieces cut after it.
    @inline(__always)
    static func isSafeCut(_ p: UnsafePointer<UInt8>, _ i: Int, _ width: Int) -> Bool {
        if width == 1 { return p[i] == 0x0A }
        guard width == 3 else { return false }
        let b0 = p[i], b1 = p[i &+ 1], b2 = p[i &+ 2]
        if b0 == 0xE3 { return b1 == 0x80 && b2 == 0x82 }            // 。 U+3002
        return b0 == 0xEF && b1 == 0xBC && (b2 == 0x81 || b2 == 0x8C || b2 == 0x9B || b2 == 0x9F)  // ！，；？
    }

    /// Writes what is pending before `end`: the stages one by one over `p[chainStart..<end]`
    /// when a stretch needs them (and closes it), else the unchanged text from `copyStart`.
    @inline(__always)
    func flushPending(
        _ p: UnsafePointer<UInt8>, _ chainStart: inout Int, _ copyStart: Int, _ end: Int, into output: ByteSink,
        scratch: inout (ByteSink, ByteSink)?
    ) {
        if chainStart >= 0 {
            runChainOver(p, chainStart, end, into: output, scratch: &scratch)
            chainStart = -1
        } else if copyStart < end {
            output.append(p + copyStart, end &- copyStart)
        }
    }

    /// Every stage of the chain over the one segment `p[start..<end]`, into `output`.
    func runChainOver(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into output: ByteSink, scratch: inout (ByteSink, ByteSink)?
    ) {
        if scratch == nil { scratch = (ByteSink(capacity: 256), ByteSink(capacity: 256)) }
        var (source, target) = scratch!
        var recorder = DiscardingRecorder()
        source.reset()
        applyChainStage(0, p, start, end, into: chain.count == 1 ? output : source, recorder: &recorder, hasDescriptions: false)
        for k in 1..<chain.count {
            let last = k == chain.count - 1
            if !last { target.reset() }
            Self.applyStage(chain[k], source.base, 0, source.count, into: last ? output : target, recorder: &recorder,
                            hasDescriptions: false)
            if !last { swap(&source, &target) }
        }
    }
}


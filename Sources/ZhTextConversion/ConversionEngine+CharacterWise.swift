import ZhTextCore

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
            table.symbol(atValid: k, in: p, bmpSymbols: walkSymbols)
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
                        output.append(pending: p, from: copyStart, to: i, thenWord: word)
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
                    output.append(pending: p, from: copyStart, to: i, thenWord: word)
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


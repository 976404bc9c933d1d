import ZhTextCore

/// The tables of the character-wise walk (s2tw, s2twp, s2hk, s2hkp: the first stage is the
/// segmentation table, so in a run it maps characters one to one), indexed by the symbol the
/// segmentation walk reads anyway, so that a character costs one more load than in s2t.
final class CharacterWiseTables: @unchecked Sendable {
    /// Per segmentation symbol: the symbol's child base there and its word (as
    /// ``FusedChain/character(_:)``, except that ``FusedChain/mayStartLongerKey`` carries the
    /// character's ``FusedChain/alone(_:)`` output in its low bits; ``FusedChain/deferred`` for
    /// symbols above the BMP, ``byScalar`` for symbol 0, and (0, 0) for ``inert``).
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
            // The pair filter lists BMP outputs only: a first-stage output above the BMP that may
            // start a longer key is left to the tiers (``FusedChain/deferred`` sends it there).
            records[code].word = word != FusedChain.mayStartLongerKey ? word
                : word | (first < 0x10000 ? alone[code] : FusedChain.deferred)
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
    /// output). A next symbol whose output is not one character (symbol 0, several characters)
    /// may start such a key after any of them.
    private func markFollowPairs(symbolCount count: Int) {
        @inline(__always) func mark(_ code: Int, _ next: Int) {
            let bit = Self.followBit(code, next)
            followPairs[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        let starts = (1..<count).filter { records[$0].word & FusedChain.mayStartLongerKey != 0 }
        guard !starts.isEmpty else { return }
        // The symbols of each first-stage character, as lists threaded through two arrays (BMP
        // outputs) and a dictionary (the few above the BMP).
        var firstByOutput = [Int32](repeating: -1, count: 0x10000)
        var nextWithOutput = [Int32](repeating: -1, count: count)
        var aboveBMP: [UInt32: [Int]] = [:]
        var unknown = [0]
        for code in 1..<count {
            let output = firstStage[code]
            if output == FusedChain.multipleCharacters {
                unknown.append(code)
            } else if output >= 0x10000 {
                aboveBMP[output, default: []].append(code)
            } else if output != 0 {
                nextWithOutput[code] = firstByOutput[Int(output)]
                firstByOutput[Int(output)] = Int32(code)
            }
            // (Output 0: a character above the BMP itself, caught by its width in the walk.)
        }
        for code in starts {
            for next in unknown { mark(code, next) }
        }
        for tier in tiers {
            // A symbol whose first-stage output is above the BMP never starts here (it is
            // deferred to the tiers), so only `first` in the BMP is looked up.
            for (first, second) in tier.automaton.keyPrefixPairs() where first < 0x10000 {
                let inertNext = inert != 0 && second < 0x10000 && Int(walkSymbols[Int(second)]) == inert
                var code = Int(firstByOutput[Int(first)])
                while code >= 0 {
                    if records[code].word & FusedChain.mayStartLongerKey != 0 {
                        if second < 0x10000 {
                            var next = Int(firstByOutput[Int(second)])
                            while next >= 0 {
                                mark(code, next)
                                next = Int(nextWithOutput[next])
                            }
                        } else {
                            for next in aboveBMP[second] ?? [] { mark(code, next) }
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

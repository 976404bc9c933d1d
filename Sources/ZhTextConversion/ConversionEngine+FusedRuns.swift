import ZhTextCore

extension ConversionEngine {
    /// The fused walk (see ``FusedChain``): segments `text` with the segmentation table and
    /// writes each segment's final output at once. Valid UTF-8 without description sequences;
    /// no offsets.
    func convertFused(_ text: UnsafeBufferPointer<UInt8>, _ fused: FusedChain, into output: ByteSink) {
        guard let (table, multiCharacterOnly, _) = segmentation, let leads = table.leads, !text.isEmpty else { return }
        if let tables = fused.characterWise {
            convertCharacterWise(text, fused, tables, table, into: output)
            return
        }
        // The first stage is a table of its own (tw2s, tw2sp, hk2s, hk2sp): the segmentation
        // table (TSPhrases) is small, so nearly all text is runs, converted character by
        // character from the precomposed words where no longer key of either stage can follow.
        let p = text.baseAddress!
        let n = text.count
        let secondPairs = fused.secondStagePairs
        let checksFirstStage = !fused.segmentationIsFirstStage
        var scratch: (ByteSink, ByteSink)? = nil
        var copyStart = 0       // unchanged text not yet written
        var chainStart = -1     // where the stretch that needs the real chain starts
        var i = 0
        // The next character is decoded once and carried over a one-character step.
        var (scalar, width) = decodeValidScalar(p, 0)
        walk: while true {
            var next = i &+ width
            var nextScalar: UInt32 = 0, nextWidth = 0
            if chainStart < 0, let runWords = fused.runWords?.words {
                // The common path, in a loop of its own (see RunWordTable): the character's word,
                // or, where only a longer first-stage key may start with it and the pair filter
                // rules the next character out, its alone output. Anything else leaves the loop
                // for the full step below.
                let firstPairs = fused.firstStagePairs
                while true {
                    next = i &+ width
                    nextScalar = 0
                    nextWidth = 0
                    if next < n { (nextScalar, nextWidth) = decodeValidScalar(p, next) }
                    if scalar >= 0x10000 { break }
                    var word = runWords[Int(scalar)]
                    if word >= RunWordTable.slow {
                        if word & RunWordTable.slow != 0 || next >= n || nextScalar >= 0x10000
                            || (checksFirstStage && FusedChain.pairMayStartKey(firstPairs, scalar, nextScalar)) { break }
                        word &= ~FusedChain.mayStartLongerKey
                    }
                    if word != 0 {
                        output.append(pending: p, from: copyStart, to: i, thenWord: word)
                        copyStart = next
                    }
                    if next >= n { break walk }
                    i = next
                    scalar = nextScalar
                    width = nextWidth
                }
            } else if next < n {
                (nextScalar, nextWidth) = decodeValidScalar(p, next)
            }
            let code = table.symbol(ofScalar: scalar)
            var segmentLength = 0
            var entry: Int32 = -1
            if code != 0 {
                let lead = leads[code]
                if lead.childBase != 0, next < n {
                    let longer = table.longerMatch(lead, p, i, next, table.symbol(ofScalar: nextScalar), nextWidth, n)
                    segmentLength = longer.length
                    entry = longer.entry
                }
                // A one-character key is a segment of its own unless the table is used for its
                // longer keys only.
                if segmentLength == 0, !multiCharacterOnly, lead.replacement != 0 { segmentLength = width }
            }
            if segmentLength > 0 {
                flushPending(p, &chainStart, copyStart, i, into: output, scratch: &scratch)
                if entry >= 0 {
                    output.append(fused.value(entry))
                } else {
                    runChainOver(p, i, i &+ segmentLength, into: output, scratch: &scratch)
                }
                i &+= segmentLength
                copyStart = i
                if i >= n { break }
                (scalar, width) = decodeValidScalar(p, i)
                continue
            }
            if chainStart >= 0 {
                if Self.isSafeCut(p, i, width) {
                    // No key of any stage contains this character: the real chain can stop here.
                    runChainOver(p, chainStart, next, into: output, scratch: &scratch)
                    chainStart = -1
                    copyStart = next
                }
            } else {
                var word = scalar < 0x10000 ? fused.character(scalar) : (fused.supplementaryMayChange ? FusedChain.deferred : 0)
                if word == FusedChain.mayStartLongerKey {
                    // Can a longer key of either stage go on with the next character? The pair
                    // filters rule out nearly every pair; the tries settle the rest.
                    var mayFollow = false
                    if next < n {
                        if nextScalar >= 0x10000 {
                            mayFollow = true
                        } else if checksFirstStage, Self.firstStageTakesLongerKey(fused, scalar, nextScalar, p, i, n) {
                            mayFollow = true
                        } else if fused.secondStageMayStartLonger(scalar) {
                            // The first stage takes this character alone; the second sees its
                            // output, then the first stage's output of the next character.
                            let first = fused.firstStageCharacter(scalar)
                            let nextFirst = fused.firstStageCharacter(nextScalar)
                            if first == FusedChain.multipleCharacters || nextFirst == FusedChain.multipleCharacters {
                                mayFollow = true
                            } else if checksFirstStage, fused.firstStageMayStartLonger(nextScalar) {
                                // What the first stage makes of the next character depends on
                                // what follows it.
                                mayFollow = Self.secondStageMayContinue(fused, first, nextFirst, nextScalar, p, next, n)
                            } else if FusedChain.pairMayStartKey(secondPairs, first, nextFirst) {
                                mayFollow = FusedChain.longerKeyMayFollow(fused.secondStage, first, nextFirst)
                            }
                        }
                    }
                    word = mayFollow ? FusedChain.deferred : fused.alone(scalar)
                }
                if word != 0 {
                    if copyStart < i { output.append(p + copyStart, i &- copyStart) }
                    if word & FusedChain.deferred != 0 {
                        chainStart = i
                    } else {
                        output.append(packed: word, length: Int(word >> 24 & 3))
                        copyStart = next
                    }
                }
            }
            if next >= n { break }
            i = next
            scalar = nextScalar
            width = nextWidth
        }
        flushPending(p, &chainStart, copyStart, n, into: output, scratch: &scratch)
    }

    /// Whether the second stage may take a key longer than one character at the first stage's
    /// character `first`, followed by the first stage's output for the next source character
    /// (`nextScalar` at `p[next]`, which may start a longer first-stage key): true whenever the
    /// first stage takes that character into a longer key (its output is then not `nextFirst`).
    private static func secondStageMayContinue(
        _ fused: FusedChain, _ first: UInt32, _ nextFirst: UInt32, _ nextScalar: UInt32,
        _ p: UnsafePointer<UInt8>, _ next: Int, _ n: Int
    ) -> Bool {
        let afterNext = next &+ utf8Length(p[next])
        if afterNext < n {
            let afterScalar = decodeValidScalar(p, afterNext).scalar
            if afterScalar >= 0x10000 || firstStageTakesLongerKey(fused, nextScalar, afterScalar, p, next, n) { return true }
        }
        return FusedChain.longerKeyMayFollow(fused.secondStage, first, nextFirst)
    }

    /// Whether the first stage takes a key longer than one character at `p[i]` (BMP `scalar`,
    /// followed by BMP `next`) when it is not confined (a run may end sooner, so true is the
    /// conservative answer): the pair filter rules out most starts, then the first tier with a
    /// key there decides.
    @inline(__always)
    private static func firstStageTakesLongerKey(
        _ fused: FusedChain, _ scalar: UInt32, _ next: UInt32, _ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int
    ) -> Bool {
        FusedChain.pairMayStartKey(fused.firstStagePairs, scalar, next) && firstStageTriesTakeLongerKey(fused, p, i, n)
    }

    /// ``firstStageTakesLongerKey(_:_:_:_:_:_:)`` once the pair filter has let the pair through:
    /// kept out of line, so the walk's common path stays small.
    private static func firstStageTriesTakeLongerKey(_ fused: FusedChain, _ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Bool {
        let width = utf8Length(p[i])
        for t in fused.firstStage.indices {
            let length = fused.firstStage[t].longestMatch(p, i, n).length
            if length > 0 { return length > width }
        }
        return false
    }
}

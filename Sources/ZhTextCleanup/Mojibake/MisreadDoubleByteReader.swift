import ZhTextCore

/// Reads back text in one two-byte charset that was decoded as the other: Simplified text in
/// GBK read as Big5 (`擂嗣模藝弊` for `据多家美国`), Traditional text in Big5 read as GB 18030
/// (`ㄊ瑉悔臟隔` for `京津城際鐵`), whole lines at a time, lossy decoders included.
///
/// Each garbled character goes back to its two bytes in the charset that misread it (U+FFFD:
/// one lost byte, as Python's codecs drop the lead of an invalid pair and read its trail as the
/// next lead, so the text after a loss is misaligned as well as misread). The bytes are then
/// read in the right charset along the alignment that reads best under the character-bigram
/// model of the right script (a Viterbi search over byte offsets): a pair is a character, a pair
/// with a lost byte a lost character, and ASCII stands for itself.
struct MisreadDoubleByteReader {
    /// Each BMP scalar's two bytes in the charset that misread the text.
    let wrongPairs: [UInt16]
    /// Each byte pair's character in the right charset (0: none).
    let rightCharacters: [UInt16]
    /// Frequent characters of the right script (one bit per BMP character: the Viterbi search
    /// asks at every step, and a set hashed each time), and its bigram model.
    let frequent: FrequentCharacterBits
    let model: BigramModel
    let kind: EditKind

    /// GBK text read as Big5, read back as Simplified.
    static let gbkReadAsBig5 = MisreadDoubleByteReader(
        wrongPairs: MojibakeRepairer.big5Bytes, rightCharacters: MojibakeRepairer.gbkCharacters,
        frequent: MojibakeRepairer.gb2312Level1Bitmap, model: .simplified, kind: "gbk-as-big5")
    /// Big5 text read as GBK or GB 18030, read back as Traditional.
    static let big5ReadAsGBK = MisreadDoubleByteReader(
        wrongPairs: MojibakeRepairer.gb18030Bytes,
        rightCharacters: zip(MojibakeRepairer.big5Characters, inverse(MojibakeRepairer.big5Bytes)).map { $0 != 0 ? $0 : $1 },
        frequent: MojibakeRepairer.big5Level1Bitmap, model: .traditional, kind: "big5-as-gbk")

    static func inverse(_ bytes: [UInt16]) -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 0x10000)
        for scalar in 0..<0x10000 where bytes[scalar] != 0 && table[Int(bytes[scalar])] == 0 {
            table[Int(bytes[scalar])] = UInt16(scalar)
        }
        return table
    }

    struct Reading {
        var range: Range<Int>      // garbled scalar indices
        var text: [UInt32]         // U+FFFD for a lost character
        var gain: Float
        var lost: Int
        var han: Int
        var frequentHan: Int
    }

    /// The best reading of each run of at least `minimum` characters that all have bytes in the
    /// misreading charset (ASCII included), with its gain over the text as it stands.
    func readings(_ scalars: [Unicode.Scalar], minimum: Int = 4) -> [Reading] {
        var result: [Reading] = []
        var start = 0
        while start < scalars.count {
            // A run: characters with bytes (ASCII, U+FFFD) and at least `minimum` non-ASCII ones.
            var end = start, nonASCII = 0
            while end < scalars.count {
                let v = scalars[end].value
                if v < 0x80 || v == 0xFFFD { end += 1; continue }
                guard v < 0x10000, wrongPairs[Int(v)] != 0 else { break }
                nonASCII += 1
                end += 1
            }
            // Leading and trailing ASCII stays as it is.
            var lo = start, hi = end
            while lo < hi, scalars[lo].value < 0x80 { lo += 1 }
            while hi > lo, scalars[hi - 1].value < 0x80 { hi -= 1 }
            if nonASCII >= minimum, let reading = read(scalars, lo..<hi) { result.append(reading) }
            start = max(end + 1, start + 1)
        }
        return result
    }

    /// One byte of the text as the misreading charset had it (one allocation for all three).
    struct Token {
        var byte: UInt8
        var known: Bool
        var owner: Int   // the garbled character it came from
    }

    /// The best path to a byte offset: its score, where its last character started, and which.
    struct State {
        var best: Float = -.infinity
        var from = -1
        var emitted: UInt32 = 0
    }

    func read(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Reading? {
        var tokens: [Token] = []
        tokens.reserveCapacity(2 * range.count)
        for k in range {
            let v = scalars[k].value
            if v < 0x80 {
                tokens.append(Token(byte: UInt8(v), known: true, owner: k))
            } else if v == 0xFFFD {
                tokens.append(Token(byte: 0, known: false, owner: k))
            } else {
                let pair = wrongPairs[Int(v)]
                tokens.append(Token(byte: UInt8(pair >> 8), known: true, owner: k))
                tokens.append(Token(byte: UInt8(pair & 0xFF), known: true, owner: k))
            }
        }
        let n = tokens.count
        func unigram(_ v: UInt32) -> Float { v < 0x10000 ? MojibakeRepairer.frequencyBits[Int(v)] : 0 }
        var states = [State](repeating: State(), count: n + 1)
        states[0].best = 0
        let previousOutside = range.lowerBound > 0 ? scalars[range.lowerBound - 1].value : 0
        for p in 0..<n where states[p].best > -.infinity {
            let previous = p == 0 ? previousOutside : states[p].emitted
            let here = states[p].best
            func relax(_ q: Int, _ c: UInt32, _ score: Float) {
                let total = here + score + (c == 0xFFFD || previous == 0xFFFD ? 0 : model.weight(previous, c))
                if total > states[q].best { states[q] = State(best: total, from: p, emitted: c) }
            }
            let token = tokens[p]
            if token.known, token.byte < 0x80 {
                relax(p + 1, UInt32(token.byte), 0)
                continue
            }
            if p + 1 < n {
                let next = tokens[p + 1]
                if token.known, next.known {
                    let c = UInt32(rightCharacters[Int(token.byte) << 8 | Int(next.byte)])
                    if c != 0 {
                        relax(p + 2, c, 0.5 * unigram(c) - (frequent.contains(c) || MojibakeRepairer.isCommonPunctuation(c) ? 0 : 4))
                    }
                }
                if !token.known || !next.known, next.known ? next.byte >= 0x40 : true {
                    relax(p + 2, 0xFFFD, -4)
                }
            }
            relax(p + 1, 0xFFFD, token.known ? -12 : -6)
        }
        guard states[n].best > -.infinity else { return nil }
        // The path: each character read, and the byte offset it starts at.
        var path: [(c: UInt32, at: Int, end: Int)] = []
        path.reserveCapacity(n)
        var q = n
        while q > 0 { path.append((states[q].emitted, states[q].from, q)); q = states[q].from }
        path.reverse()
        // What reading each garbled character back gains (the reading's characters that start
        // in its bytes, against the character as it stands, both with the bigram before them).
        // A bigram counts half for each of its two characters, so that the first garbled
        // character after clean text gets its share of the pair it makes with the next. The
        // unigram counts a quarter: the frequency table (3,799 characters) lacks common ones
        // such as 京 and 戳, and must not outweigh 时间戳 against 潔期.
        var delta = [Float](repeating: 0, count: range.count)
        for (index, step) in path.enumerated() {
            let here = tokens[step.at].owner - range.lowerBound
            let previous = index == 0 ? previousOutside : path[index - 1].c
            let bigram = step.c == 0xFFFD || previous == 0xFFFD ? 0 : model.weight(previous, step.c)
            if index == 0 {
                delta[here] += bigram
            } else {
                delta[here] += bigram / 2
                delta[tokens[path[index - 1].at].owner - range.lowerBound] += bigram / 2
            }
            // A reading a repair may not write (private use, symbols) ends the span; a rare one
            // costs as in the search.
            delta[here] += step.c == 0xFFFD ? -4 : step.c < 0x80 ? 0
                : !MojibakeRepairer.isPlausible(step.c) ? -40
                : 0.25 * unigram(step.c) - (frequent.contains(step.c) || MojibakeRepairer.isCommonPunctuation(step.c) ? 0 : 4)
        }
        var previous = previousOutside
        for k in range {
            let v = scalars[k].value
            let bigram = v == 0xFFFD || previous == 0xFFFD ? 0 : model.weight(previous, v)
            if k == range.lowerBound {
                delta[0] -= bigram
            } else {
                delta[k - range.lowerBound] -= bigram / 2
                delta[k - 1 - range.lowerBound] -= bigram / 2
            }
            delta[k - range.lowerBound] -= v >= 0x80 ? 0.25 * unigram(v) : 0
            previous = v
        }
        // The stretch that gains most (clean text around a garbled clause loses when misread),
        // cut where a reading character starts and a garbled character starts together.
        var cuts = [Bool](repeating: false, count: range.count + 1)
        cuts[range.count] = true
        for step in path where step.at == 0 || tokens[step.at - 1].owner != tokens[step.at].owner { cuts[tokens[step.at].owner - range.lowerBound] = true }
        var bestSpan = (lo: 0, hi: 0, gain: Float(0))
        var runStart = 0, runGain: Float = 0
        for k in 0..<range.count {
            // (A character that gains nothing, as one the unigram table lacks, does not cut.)
            if runGain < 0, cuts[k] { runStart = k; runGain = 0 }
            runGain += delta[k]
            if cuts[k + 1], runGain > 0, runGain >= bestSpan.gain { bestSpan = (runStart, k + 1, runGain) }
        }
        guard bestSpan.hi > bestSpan.lo else { return nil }
        // A lossy decoder leaves a run's ends misaligned: U+FFFD and characters the text's
        // script has no use for, whose reading gains nothing (`12月1�掁岡�总台` for
        // `12月1日），总台`). Up to six such characters go with the span, to a cut, when all of
        // them read as frequent characters, punctuation or U+FFFD.
        func garbledLooking(_ k: Int) -> Bool {
            let v = scalars[range.lowerBound + k].value
            return v == 0xFFFD || v >= 0x80 && !frequent.contains(v) && !MojibakeRepairer.isCommonPunctuation(v)
        }
        // (To the run's own end, any plausible reading will do.)
        func readsWell(_ offsets: Range<Int>) -> Bool {
            let toRunEnd = offsets.lowerBound == 0 || offsets.upperBound == range.count
            return path.allSatisfy { step in
                let k = tokens[step.at].owner - range.lowerBound
                return !offsets.contains(k) || step.c == 0xFFFD || step.c < 0x80 || frequent.contains(step.c)
                    || MojibakeRepairer.isCommonPunctuation(step.c) || toRunEnd && MojibakeRepairer.isPlausible(step.c)
            }
        }
        var end = bestSpan.hi, k = bestSpan.hi
        while k < range.count, k - bestSpan.hi < 6, garbledLooking(k) {
            k += 1
            if cuts[k] { end = k }
        }
        if end > bestSpan.hi, readsWell(bestSpan.hi..<end) { bestSpan.hi = end }
        var start = bestSpan.lo
        k = bestSpan.lo
        while k > 0, bestSpan.lo - k < 6, garbledLooking(k - 1) {
            k -= 1
            if cuts[k] { start = k }
        }
        if start < bestSpan.lo, readsWell(start..<bestSpan.lo) { bestSpan.lo = start }
        // Where the search stayed misaligned over the clean text before the span (`城。\u{E6C8}动`
        // read `ㄕb动` for `城。在雄`; `，盢い瓣`, read from `い` on, for `，將中國`), the garbled
        // characters right before it are read pair by pair, as the span begins aligned: up to
        // six, while each reads as a frequent character or punctuation.
        var before: [UInt32] = []
        while bestSpan.lo > 0, before.count < 6, garbledLooking(bestSpan.lo - 1) {
            let v = scalars[range.lowerBound + bestSpan.lo - 1].value
            guard v != 0xFFFD, v < 0x10000, wrongPairs[Int(v)] != 0 else { break }
            let c = UInt32(rightCharacters[Int(wrongPairs[Int(v)])])
            guard c != 0, frequent.contains(c) || MojibakeRepairer.isCommonPunctuation(c) else { break }
            before.insert(c, at: 0)
            bestSpan.lo -= 1
        }
        let lo = range.lowerBound + bestSpan.lo, hi = range.lowerBound + bestSpan.hi
        var text: [UInt32] = before
        for step in path where tokens[step.at].owner >= lo + before.count && tokens[step.at].owner < hi { text.append(step.c) }
        var han = 0, frequentHan = 0, lost = 0
        for c in text {
            if c == 0xFFFD { lost += 1; continue }
            guard let scalar = Unicode.Scalar(c), Tokenizer.kind(of: scalar) == .han else { continue }
            han += 1
            if frequent.contains(c) { frequentHan += 1 }
        }
        return Reading(range: lo..<hi, text: text, gain: bestSpan.gain, lost: lost, han: han, frequentHan: frequentHan)
    }
}

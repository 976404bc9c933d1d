/// A slogan candidate on a ``FoldedLine``: scalar range, kind, lexicon entry (or -1).
struct Candidate {
    var lower: Int
    var upper: Int
    var kind: SloganKind
    var entry: Int32 = -1
    /// See ``SloganMatch/confidence``; set before overlaps are settled.
    var confidence = 1.0
    /// For a nested match, the scalar range of the match it lies in (lower -1: none).
    var parentLower = -1, parentUpper = -1
}

/// The lexicon-free recognisers (see ``SloganKind``). Each works on the folded scalars of one
/// line in a single left-to-right pass and appends candidates; overlaps are settled later.
///
/// The patterns are deliberately narrow: a slogan is a unit of a few characters with a
/// clear edge (quotation marks, punctuation, a non-Han character or a short function word),
/// so "十八大", "三皇寨" and ordinary counts such as "七种破坏生态环境情形" stay out.
struct StructuralRecognizers {
    let kinds: Set<SloganKind>
    // The kinds as flags, read per line without hashing.
    let numbered: Bool, numeralNoun: Bool, arithmetic: Bool, aphorism: Bool, parallel: Bool
    let quotedTerm: Bool, quotedSeries: Bool, quoted: Bool

    init(kinds: Set<SloganKind>) {
        self.kinds = kinds
        numbered = kinds.contains(.numberedFormula)
        numeralNoun = kinds.contains(.numeralNoun)
        arithmetic = kinds.contains(.arithmeticFormula)
        aphorism = kinds.contains(.aphorism)
        parallel = kinds.contains(.parallelStructure)
        quotedTerm = kinds.contains(.quotedTerm)
        quotedSeries = kinds.contains(.quotedSeries)
        quoted = quotedTerm || quotedSeries || numbered || numeralNoun
    }

    func recognize(_ s: UnsafeBufferPointer<UInt32>, into out: inout [Candidate]) {
        let n = s.count
        var lastAphorism: Int? = nil
        CharacterClass.triggers.withUnsafeBufferPointer { triggers in
        var i = 0
        while i < n {
            let c = s[i]
            // Most characters start nothing: one table load skips them.
            if c < 0x10000, triggers[Int(c &>> 6)] & (1 &<< UInt64(c & 63)) == 0 {
                i += 1
                continue
            }
            if c < 0x80 {
                if arithmetic, CharacterClass.isDigit(c), let end = arithmeticEnd(s, at: i) {
                    out.append(Candidate(lower: i, upper: end, kind: .arithmeticFormula))
                    i = end
                    continue
                }
            } else if CharacterClass.isNumeral(c) {
                if numbered, let end = numberedFormulaEnd(s, at: i) {
                    out.append(Candidate(lower: i, upper: end, kind: .numberedFormula))
                } else if numeralNoun, unquotedNumeralStart(s, at: i), let end = numeralNounEnd(s, at: i, quoted: false) {
                    out.append(Candidate(lower: i, upper: end, kind: .numeralNoun))
                }
            } else if CharacterClass.isOpenQuote(c) {
                if quoted { quotedCandidates(s, at: i, into: &out) }
            } else if c == CharacterClass.enumerationComma {
                if parallel, let (lower, upper, last) = parallelStructure(s, at: i) {
                    out.append(Candidate(lower: lower, upper: upper, kind: .parallelStructure))
                    i = last
                }
            } else if aphorism, (c == 0x5C31 || c == 0x4E5F), i + 1 < n, s[i + 1] == 0x662F,
                      let (lower, upper) = aphorismRange(s, at: i) {
                // Chained aphorisms (环境就是民生、青山就是美丽、蓝天也是幸福) are one match.
                if let index = lastAphorism, out[index].upper + 1 == lower, CharacterClass.isClauseComma(s[lower - 1]) {
                    out[index].upper = upper
                } else {
                    lastAphorism = out.count
                    out.append(Candidate(lower: lower, upper: upper, kind: .aphorism))
                }
            }
            i += 1
        }
        }
    }

    // MARK: Numbered formulas

    /// `NUM H NUM H{1,2}` at `i`: 四减四增, 一岗双责, 三管三必须 (the second H is two characters
    /// only when the formula then ends).
    func numberedFormulaEnd(_ s: UnsafeBufferPointer<UInt32>, at i: Int) -> Int? {
        let n = s.count
        guard i + 3 < n, CharacterClass.isWord(s[i + 1]), CharacterClass.isNumeral(s[i + 2]),
              CharacterClass.isWord(s[i + 3]), s[i + 1] != s[i + 3] else { return nil }
        // 双方一致 is "both sides agree"; 十届一次 and 一轮千亿 are numbers.
        if s[i] == 0x53CC, s[i + 1] == 0x65B9 { return nil }
        if CharacterClass.ordinalMeasures.contains(s[i + 1]) || CharacterClass.ordinalMeasures.contains(s[i + 3]) { return nil }
        if i > 0, CharacterClass.isNumeral(s[i - 1]) || CharacterClass.numeralBlockers.contains(s[i - 1]) { return nil }
        var end = i + 4
        if end < n, CharacterClass.isWord(s[end]), end + 1 == n || !CharacterClass.isHan(s[end + 1]) { end += 1 }
        guard !isIdiom(s, i) else { return nil }
        return end
    }

    func isIdiom(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> Bool {
        CharacterClass.idioms.contains(CharacterClass.idiomKey(s[i], s[i + 1], s[i + 2], s[i + 3]))
    }

    /// The numbered-formula shapes allowed inside quotation marks: also `H NUM H` (清四乱) and
    /// `NUM H H` (四挂钩).
    func isQuotedNumberedFormula(_ s: UnsafeBufferPointer<UInt32>, _ lower: Int, _ upper: Int) -> Bool {
        let count = upper - lower
        if count == 3 {
            let (a, b, c) = (s[lower], s[lower + 1], s[lower + 2])
            return (CharacterClass.isWord(a) && CharacterClass.isNumeral(b) && CharacterClass.isWord(c))
                || (CharacterClass.isNumeral(a) && CharacterClass.isWord(b) && CharacterClass.isWord(c)
                    && !CharacterClass.ordinalMeasures.contains(b))
        }
        guard count == 4 || count == 5 else { return false }
        return CharacterClass.isNumeral(s[lower]) && CharacterClass.isWord(s[lower + 1])
            && CharacterClass.isNumeral(s[lower + 2]) && (lower + 3..<upper).allSatisfy { CharacterClass.isWord(s[$0]) }
            && s[lower + 1] != s[lower + 3] && !isIdiom(s, lower)
    }

    // MARK: Numeral + measure + noun

    func unquotedNumeralStart(_ s: UnsafeBufferPointer<UInt32>, at i: Int) -> Bool {
        guard i > 0 else { return true }
        return !CharacterClass.isNumeral(s[i - 1]) && !CharacterClass.numeralBlockers.contains(s[i - 1])
            && !CharacterClass.isDigit(s[i - 1]) && s[i - 1] != 0x2E   // 5万个家庭, 1.5万个
    }

    /// `NUM{1,2} measure noun` at `i`. Unquoted, the noun has 2–4 characters (2–6 after 大)
    /// and must end at a non-Han character or a short function word; quoted, it runs to the
    /// closing mark (the caller checks that).
    func numeralNounEnd(_ s: UnsafeBufferPointer<UInt32>, at i: Int, quoted: Bool, limit: Int? = nil) -> Int? {
        let n = limit ?? s.count
        var q = i
        while q < n, q - i < 3, CharacterClass.isNumeral(s[q]) { q += 1 }
        let numerals = q - i
        guard numerals >= 1, numerals <= 2, q < n, CharacterClass.measures.contains(s[q]) else { return nil }
        let isBig = s[q] == 0x5927   // 大
        // 一个 / 一项 are ordinary; 十八大 / 二十大 are party congresses.
        if numerals == 1, s[i] == 0x4E00 { return nil }
        if isBig, numerals == 2 { return nil }
        let nounStart = q + 1
        guard nounStart < n, CharacterClass.isWord(s[nounStart]),
              !CharacterClass.quantityNounStarts.contains(s[nounStart]) else { return nil }
        if quoted {
            return (nounStart..<n).allSatisfy { CharacterClass.isWord(s[$0]) } && n - nounStart >= 2 ? n : nil
        }
        // After 个 an unquoted formula has a two-character head (四个全面, 两个维护); a longer
        // or everyday noun is a count (十个军事目标, 两个项目).
        let isGe = s[q] == 0x4E2A
        let maxNoun = isBig ? 6 : isGe ? 2 : 4
        if isGe, nounStart + 1 < n,
           CharacterClass.countedNouns.contains(CharacterClass.idiomKey(0, 0, s[nounStart], s[nounStart + 1])) {
            return nil
        }
        var k = 1
        while k < maxNoun, nounStart + k < n, CharacterClass.isWord(s[nounStart + k]) {
            k += 1
            let end = nounStart + k
            if end == n || !CharacterClass.isHan(s[end]) || CharacterClass.nounFollowers.contains(s[end]) {
                if k >= 4, CharacterClass.nounFinalVerbs.contains(CharacterClass.idiomKey(0, 0, s[end - 2], s[end - 1])) {
                    return end - 2
                }
                return end
            }
        }
        return nil
    }

    /// `H{2,4} NUM{1,2} 条` filling a quotation: 治水十条, 治堵十条.
    func isPostfixCount(_ s: UnsafeBufferPointer<UInt32>, _ lower: Int, _ upper: Int) -> Bool {
        guard upper - lower >= 4, s[upper - 1] == 0x6761 else { return false }   // 条
        var k = upper - 2
        while k > lower, CharacterClass.isNumeral(s[k]) { k -= 1 }
        let numerals = upper - 2 - k, words = k - lower + 1
        return numerals >= 1 && numerals <= 2 && words >= 2 && words <= 4
            && (lower...k).allSatisfy { CharacterClass.isWord(s[$0]) }
    }

    // MARK: Quotations

    /// The closing mark of the quotation opened at `i`, when it holds a short span without
    /// sentence punctuation.
    func closingQuote(_ s: UnsafeBufferPointer<UInt32>, at i: Int, maxLength: Int) -> Int? {
        var j = i + 1
        while j < s.count, j - i - 1 <= maxLength {
            let c = s[j]
            if CharacterClass.isCloseQuote(c) { return j }
            if CharacterClass.isOpenQuote(c) || !(CharacterClass.isHan(c) || c == 0xB7 || c == 0x2B
                || CharacterClass.isASCIIAlphanumeric(c)) { return nil }
            j += 1
        }
        return nil
    }

    func quotedCandidates(_ s: UnsafeBufferPointer<UInt32>, at i: Int, into out: inout [Candidate]) {
        guard let close = closingQuote(s, at: i, maxLength: 12) else { return }
        let lower = i + 1, upper = close
        let allHan = (lower..<upper).allSatisfy { CharacterClass.isHan(s[$0]) }
        if allHan, upper - lower >= 2 {
            if numbered, isQuotedNumberedFormula(s, lower, upper) {
                out.append(Candidate(lower: lower, upper: upper, kind: .numberedFormula))
            } else if numeralNoun, CharacterClass.isNumeral(s[lower]),
                      numeralNounEnd(s, at: lower, quoted: true, limit: upper) == upper || isPostfixCount(s, lower, upper) {
                out.append(Candidate(lower: lower, upper: upper, kind: .numeralNoun))
            } else if numeralNoun, isPostfixCount(s, lower, upper) {
                out.append(Candidate(lower: lower, upper: upper, kind: .numeralNoun))
            } else if quotedTerm, upper - lower <= 8,
                      upper - lower >= 3 || (CharacterClass.isNumeral(s[lower]) && !CharacterClass.isNumeral(s[lower + 1])),
                      !(lower..<upper).allSatisfy({ CharacterClass.transliteration.contains(s[$0]) }) {
                // A quoted foreign name spelt in transliteration characters (“海马斯”) is no term.
                // Two quoted characters are mostly a name or a holiday (“北溪”, “五一”); a numeral and
                // a word make a formula (“三农”, “双碳”).
                out.append(Candidate(lower: lower, upper: upper, kind: .quotedTerm))
            }
        }
        if quotedSeries, allHan { quotedSeries(s, at: i, firstClose: close, into: &out) }
    }

    /// “蓝天”“碧水”“净土”三大战役: two or more short quotations (adjacent or joined by 、) and then
    /// their count.
    func quotedSeries(_ s: UnsafeBufferPointer<UInt32>, at i: Int, firstClose: Int, into out: inout [Candidate]) {
        var items = 1
        var close = firstClose
        while true {
            var next = close + 1
            if next < s.count, s[next] == CharacterClass.enumerationComma { next += 1 }
            guard next < s.count, CharacterClass.isOpenQuote(s[next]),
                  let nextClose = closingQuote(s, at: next, maxLength: 6),
                  (next + 1..<nextClose).allSatisfy({ CharacterClass.isHan(s[$0]) }) else { break }
            items += 1
            close = nextClose
        }
        guard items >= 2, close + 1 < s.count, CharacterClass.isNumeral(s[close + 1]),
              let end = numeralNounEnd(s, at: close + 1, quoted: false) else { return }
        out.append(Candidate(lower: i, upper: end, kind: .quotedSeries))
    }

    // MARK: Arithmetic formulas

    func arithmeticEnd(_ s: UnsafeBufferPointer<UInt32>, at i: Int) -> Int? {
        let n = s.count
        if i > 0, CharacterClass.isASCIIAlphanumeric(s[i - 1]) || s[i - 1] == 0x2E || s[i - 1] == 0x2B { return nil }
        var j = i
        var terms = 0
        while true {
            let start = j
            while j < n, CharacterClass.isDigit(s[j]), j - start < 4 { j += 1 }
            if j == start, j < n, s[j] == 0x4E || s[j] == 0x58 { j += 1 }   // 1+N, 1+X
            guard j > start else { return nil }
            terms += 1
            guard j < n, s[j] == 0x2B, j + 1 < n, CharacterClass.isDigit(s[j + 1]) || s[j + 1] == 0x4E || s[j + 1] == 0x58
            else { break }
            j += 1
        }
        guard terms >= 2 else { return nil }
        if j < n, CharacterClass.isASCIIAlphanumeric(s[j]) || s[j] == 0x3D || s[j] == 0x2E || s[j] == 0x25 || s[j] == 0x2B {
            return nil
        }
        return j
    }

    // MARK: Parallel structures

    /// A chain of ≥ 3 `、`-separated items of equal length (2–4 Han characters) that share a
    /// character at one position, starting at the `、` at `i`. Item lists framed like names
    /// (市农林局、市水务局…, same first and last character) are not slogans.
    func parallelStructure(_ s: UnsafeBufferPointer<UInt32>, at i: Int) -> (Int, Int, Int)? {
        let n = s.count
        var j = i + 1
        while j < n, j - i - 1 <= 4, CharacterClass.isHan(s[j]) { j += 1 }
        let length = j - i - 1
        guard length >= 2, length <= 4, j < n, s[j] == CharacterClass.enumerationComma, i >= length else { return nil }
        var last = j
        while true {
            let next = last + length + 1
            guard next < n, s[next] == CharacterClass.enumerationComma,
                  (next - length..<next).allSatisfy({ CharacterClass.isHan(s[$0]) }) else { break }
            last = next
        }
        let lower = i - length
        var upper = last + 1 + length
        guard upper <= n, (lower..<i).allSatisfy({ CharacterClass.isHan(s[$0]) }),
              (last + 1..<upper).allSatisfy({ CharacterClass.isHan(s[$0]) }) else { return nil }
        // Items start every length + 1 scalars from `lower`.
        var sharesFirst = false, sharesLast = false, sharesAny = false
        for position in 0..<length
        where stride(from: lower, to: upper, by: length + 1).allSatisfy({ s[$0 + position] == s[lower + position] }) {
            sharesAny = true
            if position == 0 { sharesFirst = true }
            if position == length - 1 { sharesLast = true }
        }
        guard sharesAny, !(sharesFirst && sharesLast) else { return nil }
        // Names sharing a suffix (佤族、傣族、彝族) are a list.
        if sharesLast, CharacterClass.nameSuffixes.contains(s[lower + length - 1]) { return nil }
        // 全国、全省、全市 is a list of administrative levels and 粤东、粤西、粤北 one of regions,
        // not formulas.
        if length == 2, sharesFirst,
           stride(from: lower + 1, to: upper, by: 3).allSatisfy({ CharacterClass.administrativeLevels.contains(s[$0])
               || CharacterClass.directions.contains(s[$0]) }) {
            return nil
        }
        // The last item may run one or two characters longer (事关大局、事关未来、事关群众福祉)
        // when a clause edge follows; otherwise it ends with the common length (…土更净的).
        // A shared last character (历史性、转折性、全局性变化) already marks the item's end.
        if !sharesLast, upper < n, CharacterClass.isHan(s[upper]), !CharacterClass.nounFollowers.contains(s[upper]) {
            var end = upper
            while end < n, end - upper < 2, CharacterClass.isWord(s[end]) { end += 1 }
            if end > upper, end == n || !CharacterClass.isHan(s[end]) { upper = end }
        }
        return (lower, upper, last)
    }

    // MARK: Aphorisms

    /// `X就是Y` / `X也是Y` around `i` (the 就/也): X a whole clause head of 2–6 Han characters,
    /// Y a whole clause tail of 2–6, their lengths within two of each other.
    func aphorismRange(_ s: UnsafeBufferPointer<UInt32>, at i: Int) -> (Int, Int)? {
        var lower = i
        while lower > 0, CharacterClass.isHan(s[lower - 1]), i - lower <= 6 { lower -= 1 }
        var upper = i + 2
        while upper < s.count, CharacterClass.isHan(s[upper]), upper - i - 2 <= 6 { upper += 1 }
        let x = i - lower, y = upper - i - 2
        // 也是 joins equal halves only (蓝天也是幸福); 就是 allows one character more on a side.
        let slack = s[i] == 0x4E5F ? 0 : 1
        guard x >= 2, x <= 5, y >= 2, y <= 5, abs(x - y) <= slack,
              !CharacterClass.aphorismBlockedStarts.contains(s[i + 2]),
              !CharacterClass.numeralBlockers.contains(s[lower]) else { return nil }
        for k in lower..<upper where k != i && k != i + 1 && CharacterClass.aphorismBlockedCharacters.contains(s[k]) {
            return nil
        }
        return (lower, upper)
    }
}

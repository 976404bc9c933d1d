import ZhTextCore

/// Finds parenthesised pinyin readings that scraped pages insert after Han characters
/// (`全區(qū)`, `會(hui)議`, `等(deng)(deng)(deng)`) and decides which to remove.
///
/// A group is a romanisation in ASCII or full-width parentheses: letters with tone marks, tone
/// numbers 1–5 or none, ü written ü, v or u:. It is *verified* when it spells a reading (Unihan)
/// of the one to four Han characters right before it; repeated groups attach to the same
/// characters. A document is annotation-dense when at least three groups are verified and they
/// annotate at least 0.5% of its Han characters. Only in a dense document are groups removed:
/// verified ones, and lowercase pinyin ones whose characters were garbled (`?;A(chǔ)`).
/// Elsewhere only evident annotations go (see `sparseRemovals`). Everything else stays: `河(湖)长制`, `(党组)`, `(2023)`, `(GDP)`, `(Huawei)`, and an isolated
/// gloss such as `胡同(hutong)` in an ordinary document.
struct PinyinAnnotationRemover {
    /// Built on first use (47 million instructions, a sixth of a short run): most texts hold no
    /// parenthesised letters, so most runs never ask.
    var readings: PinyinReadings { .shared }

    struct Group {
        var scalarRange: Range<Int>
        var letters: [UInt8]
        var lowercase: Bool
        var hasTone: Bool
        var verified = false
        /// Spells a reading of Han characters that end one character before it (`推进(tui)`).
        var verifiedLoosely = false
        var isPinyin = false
    }

    /// The annotation groups to remove, as scalar ranges of `scalars`, with their kind and confidence.
    /// Outside a dense document only evident annotations go, judged line by line: the caller
    /// passes one line with `sparse` true (see `sparseRemovals`); a whole document gives none.
    func removals(in scalars: [Unicode.Scalar], sparse: Bool = false) -> [(range: Range<Int>, kind: EditKind, confidence: Double)] {
        var groups: [Group] = []
        var i = 0
        while i < scalars.count {
            let s = scalars[i].value
            if s == 0x28 || s == 0xFF08, let group = group(at: i, in: scalars) {
                groups.append(group)
                i = group.scalarRange.upperBound
            } else {
                i += 1
            }
        }
        var hanCount = 0
        for scalar in scalars where Tokenizer.kind(of: scalar) == .han { hanCount += 1 }
        for index in groups.indices {
            let segmentations = readings.segmentations(of: groups[index].letters, maximum: 4)
            groups[index].isPinyin = !segmentations.isEmpty
            guard groups[index].isPinyin else { continue }
            let han = hanBefore(groups[index].scalarRange.lowerBound, in: scalars, groups: groups[..<index])
            groups[index].verified = segmentations.contains { syllables in
                syllables.count <= han.count && zip(han.suffix(syllables.count), syllables).allSatisfy {
                    readings.reads($0.0, as: $0.1)
                }
            }
            groups[index].verifiedLoosely = !groups[index].verified && segmentations.contains { syllables in
                syllables.count < han.count && zip(han.dropLast().suffix(syllables.count), syllables).allSatisfy {
                    readings.reads($0.0, as: $0.1)
                }
            }
        }
        let verified = groups.filter(\.verified).count
        guard verified >= 3, verified * 200 >= hanCount else { return sparse ? sparseRemovals(groups) : [] }
        return groups.compactMap { group in
            if group.verified { return (group.scalarRange, "reading", 0.99) }
            if group.isPinyin, group.lowercase, group.hasTone || group.letters.count >= 2 {
                return (group.scalarRange, "dense-gloss", 0.8)
            }
            return nil
        }
    }

    /// In a document that is not annotation-dense: lowercase readings that are evidently
    /// annotations. One with tone marks or numbers that spells the characters right before it
    /// (`減(jiǎn)`, `生态文明(shēngtàiwénmíng)`); and, where two or more lowercase readings spell
    /// characters before them, all such (`推进(tui)生态(CO2)文明(ming)`, `书记(shū jì)…会议(huiyi)`).
    /// A single toneless gloss (`胡同(hutong)`) and capitalised names (`(Li Ming)`) stay.
    func sparseRemovals(_ groups: [Group]) -> [(range: Range<Int>, kind: EditKind, confidence: Double)] {
        let candidates = groups.filter { $0.lowercase && ($0.verified || $0.verifiedLoosely) }
        let several = candidates.count >= 2 && candidates.contains(where: \.verified)
        return candidates.compactMap { group in
            if several { return (group.scalarRange, "sparse-reading", group.verified ? 0.9 : 0.8) }
            if group.verified, group.hasTone { return (group.scalarRange, "sparse-reading", 0.85) }
            return nil
        }
    }

    /// A romanisation group starting at the opening parenthesis `i`, or nil.
    func group(at i: Int, in scalars: [Unicode.Scalar]) -> Group? {
        var letters: [UInt8] = []
        var hasTone = false
        var firstLetter: Unicode.Scalar? = nil
        var j = i + 1
        while j < scalars.count, j - i <= 40 {
            let scalar = scalars[j]
            let v = scalar.value
            if v == 0x29 || v == 0xFF09 {
                guard !letters.isEmpty else { return nil }
                return Group(scalarRange: i..<(j + 1), letters: letters,
                             lowercase: firstLetter.map { !(0x41...0x5A).contains($0.value) } ?? true, hasTone: hasTone)
            }
            if (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v) {
                if firstLetter == nil { firstLetter = scalar }
                letters.append(UInt8(v | 0x20))
            } else if let base = Self.toneVowels[v] {
                if firstLetter == nil { firstLetter = scalar }
                letters.append(base)
                hasTone = hasTone || v != 0xFC
            } else if v == 0x3A, letters.last == 0x75 {  // u: is ü
                letters[letters.count - 1] = 0x76
            } else if (0x31...0x35).contains(v) {
                hasTone = true
            } else if v == 0x20 || v == 0x27 || v == 0x2D || v == 0x2019 {
                // separators between syllables
            } else {
                return nil
            }
            j += 1
        }
        return nil
    }

    /// Up to four Han scalars right before `index`, skipping the groups that annotate them too.
    func hanBefore(_ index: Int, in scalars: [Unicode.Scalar], groups: ArraySlice<Group>) -> [UInt32] {
        var j = index - 1
        // Groups are in text order: walk back through the ones right before (a search from the
        // end for each would be quadratic in `中(zhong)(zhong)…`).
        var previousIndex = groups.endIndex - 1
        var result: [UInt32] = []
        var skipped = 0
        while j >= 0 {
            if previousIndex >= groups.startIndex, groups[previousIndex].scalarRange.upperBound == j + 1, result.isEmpty {
                j = groups[previousIndex].scalarRange.lowerBound - 1
                previousIndex -= 1
                skipped += 1
                // Repeated readings of one character: a few are an annotation, thousands are not.
                if skipped > 16 { return [] }
                continue
            }
            guard Tokenizer.kind(of: scalars[j]) == .han, result.count < 4 else { break }
            result.insert(scalars[j].value, at: 0)
            j -= 1
        }
        return result
    }

    /// Tone-marked vowels (and ü) to their bare letter (ü as v).
    static let toneVowels: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        let table: [(String, UInt8)] = [("āáǎàĀÁǍÀ", 0x61), ("ēéěèĒÉĚÈ", 0x65), ("īíǐìĪÍǏÌ", 0x69),
                                       ("ōóǒòŌÓǑÒ", 0x6F), ("ūúǔùŪÚǓÙ", 0x75), ("ǖǘǚǜüǕǗǙǛÜ", 0x76)]
        for (vowels, base) in table { for scalar in vowels.unicodeScalars { map[scalar.value] = base } }
        return map
    }()
}

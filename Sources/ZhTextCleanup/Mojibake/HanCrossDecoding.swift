import ZhTextCore

/// Han-looking mojibake read back span by span around a trigger: UTF-8 misread as GBK or Big5
/// without losses, and GBK and Big5 read as each other weighed by the bigram model.
extension MojibakeRepairer {
    /// A span of Han-looking mojibake around `index` whose GB 18030 bytes are valid UTF-8 of
    /// frequent Chinese. Decoding decides the span: it starts at most three characters before
    /// `index` and ends where the UTF-8 stops being valid; the longest repair wins.
    func hanRun(_ scalars: [Unicode.Scalar], _ index: Int, bytesIn table: [UInt16] = gbkBytes) -> (Int, Int, String)? {
        var lo = index, hi = index
        // Look back only over characters the charset has (Simplified text before a Big5 misreading
        // has none for many).
        while lo > 0, scalars[lo - 1].value >= 0x80, scalars[lo - 1].value < 0x10000,
              table[Int(scalars[lo - 1].value)] != 0, index - lo < 3 { lo -= 1 }
        while hi < scalars.count, scalars[hi].value >= 0x80, hi - index < 96 { hi += 1 }
        // A UTF-8 lead needs continuation bytes next: the next character's GBK lead is 80–BF.
        guard index + 1 < scalars.count, scalars[index + 1].value < 0x10000,
              (0x80...0xBF).contains(table[Int(scalars[index + 1].value)] >> 8) else { return nil }
        // GBK bytes of the run (ASCII as itself), with the byte offset of every character.
        var bytes: [UInt8] = []
        var byteOffsets: [Int] = []
        for k in lo..<hi {
            byteOffsets.append(bytes.count)
            let value = scalars[k].value
            let pair = value < 0x10000 ? table[Int(value)] : 0
            guard pair != 0 else { hi = k; break }
            bytes.append(UInt8(pair >> 8))
            bytes.append(UInt8(pair & 0xFF))
        }
        byteOffsets.append(bytes.count)
        guard hi - lo >= 2 else { return nil }
        var best: (Int, Int, String)? = nil
        for start in lo...index {
            var end = hi
            // The longest prefix from `start` that ends on a character boundary and is valid UTF-8.
            // The span must hold the character that triggered the search.
            while end - start >= 2, end > index {
                let piece = bytes[byteOffsets[start - lo]..<byteOffsets[end - lo]]
                // The span holds no ASCII, so neither can its reading (a GBK or Big5 trail byte
                // in 40–7E read as UTF-8 is a coincidence: 宕擴 is not 崔U).
                if let text = String(validating: piece, as: UTF8.self), text.unicodeScalars.count >= 2,
                   !text.unicodeScalars.contains(where: { $0.isASCII }),
                   Self.isPlausible(text, allowingLoss: true),
                   text.unicodeScalars.filter({ $0.value == 0xFFFD }).count * 2 < text.unicodeScalars.count {
                    let after = Self.chineseScore(text.unicodeScalars)
                    let before = Self.chineseScore(scalars[start..<end])
                    if after.han >= 1, after.score >= 0.85, after.score > before.score || before.han < after.han,
                       best == nil || end - start > best!.1 - best!.0 {
                        best = (start, end, text)
                    }
                    break
                }
                end -= 1
            }
        }
        return best
    }

    /// A span around `index` that reads as Chinese when its bytes are decoded with the right
    /// charset: UTF-8 read as Big5 (whole-span decoding, as for GBK), or GBK and Big5 read as each
    /// other (two bytes to one character, so each character maps back on its own).
    ///
    /// For the two-byte kinds the span is the one around the trigger whose reading gains most
    /// under a character-bigram model of news text in the target script (``BigramModel``; plus
    /// half the characters' frequency in bits), its neighbours included, so clean characters at
    /// the edges stay. A repair needs a gain of 15 bits (25 for a single character), a result of
    /// frequent Chinese of the target script, and a line around it in that script.
    func crossDecoding(_ scalars: [Unicode.Scalar], _ index: Int,
                       script: (simplified: Bool, traditional: Bool) = (true, true),
                       learned: [UInt32: UInt32] = [:]) -> (Int, Int, String, EditKind)? {
        // UTF-8 read as Big5 keeps no ASCII byte (its trail bytes are A1–BF): a reading with
        // ASCII, or with fewer than two Han characters, is a coincidence.
        let value = scalars[index].value
        let big5Pair = value < 0x10000 ? Self.big5Bytes[Int(value)] : 0
        // UTF-8 read as Big5 starts with a character whose Big5 bytes are a UTF-8 lead (E0–EF)
        // and a continuation byte that Big5 allows as a trail (A1–BF).
        if big5Pair >> 12 == 0xE, (0xA1...0xBF).contains(big5Pair & 0xFF),
           let (start, end, text) = hanRun(scalars, index, bytesIn: Self.big5Bytes),
           !text.unicodeScalars.contains(where: { $0.isASCII }), Self.chineseScore(text.unicodeScalars).han >= 2 {
            return (start, end, text, "utf8-as-big5")
        }
        var best: (Int, Int, String, EditKind, Float)? = nil
        for (table, target, kind, model, lineFits) in [
            (Self.gbkReadAsBig5, Self.gb2312Level1Bitmap, EditKind.gbkAsBig5, BigramModel.simplified, script.simplified),
            (Self.big5ReadAsGBK, Self.big5Level1Bitmap, "big5-as-gbk", BigramModel.traditional, script.traditional),
        ] where lineFits {
            // A character's reading: its two bytes decoded the other way; ASCII other than white
            // space stands for itself inside a span (（1ㄘ2023爛1堎: the digits were never misread).
            func mapped(_ k: Int) -> UInt32? {
                let v = scalars[k].value
                if v < 0x80 { return v > 0x20 ? v : nil }
                guard v < 0x10000 else { return nil }
                let m = table[Int(v)]
                return m == 0 ? nil : UInt32(m)
            }
            guard scalars[index].value >= 0x80, mapped(index) != nil else { continue }
            // The run of readable characters around the trigger.
            var lo = index, hi = index + 1
            while lo > 0, index - lo < 24, mapped(lo - 1) != nil { lo -= 1 }
            while hi < scalars.count, hi - index < 24, mapped(hi) != nil { hi += 1 }
            // Per position of the run (and its two neighbours): the bigram weights as the text
            // stands and as read back, the weights across a span's edges, and the unigram change.
            let first = max(lo - 1, 0), last = min(hi + 1, scalars.count)
            let original = (first..<last).map { scalars[$0].value }
            let reading = (first..<last).map { k in k >= lo && k < hi ? mapped(k)! : scalars[k].value }
            let m = original.count
            func unigram(_ v: UInt32) -> Float { v < 0x10000 ? Self.frequencyBits[Int(v)] : 0 }
            var stands = [Float](repeating: 0, count: m), reads = [Float](repeating: 0, count: m)
            var intoSpan = [Float](repeating: 0, count: m), outOfSpan = [Float](repeating: 0, count: m)
            for k in 0..<(m - 1) {
                stands[k] = model.weight(original[k], original[k + 1])
                reads[k] = model.weight(reading[k], reading[k + 1])
                intoSpan[k + 1] = model.weight(original[k], reading[k + 1])
                outOfSpan[k] = model.weight(reading[k], original[k + 1])
            }
            // A span's gain: the score with the span read back minus the score as it stands, where
            // a text's score is the bigram weights of its neighbouring pairs plus half its
            // characters' frequency in bits; the pairs across the span's edges count too.
            // Only spans that read back as text a repair may produce compete.
            let readable = reading.map { Self.isPlausible($0) }
            var bestSpan: (Int, Int, Float)? = nil
            for start in lo...index where scalars[start].value >= 0x80 && readable[start - first] {
                let s0 = start - first
                var inner: Float = 0
                for end in (start + 1)...min(hi, start + 24) {
                    let k = end - 1 - first
                    if !readable[k] { break }
                    inner += 0.5 * (unigram(reading[k]) - unigram(original[k]))
                    if k > s0 { inner += reads[k - 1] - stands[k - 1] }
                    guard end > index, original[k] >= 0x80 else { continue }
                    var gain = inner
                    if start > 0 { gain += intoSpan[s0] - stands[s0 - 1] }
                    if end < scalars.count { gain += outOfSpan[k] - stands[k] }
                    if bestSpan == nil || gain > bestSpan!.2 { bestSpan = (start, end, gain) }
                }
            }
            // One character needs more evidence than a run (忧心忡忡 must not become 瘦瘦), unless the
            // document already had this very character read back so (眕 for 以 after 眕濂摩賦華).
            guard let (start, end, gain) = bestSpan else { continue }
            let seen = end - start == 1 && learned[original[start - first]] == reading[start - first]
            guard gain >= (end - start == 1 ? (seen ? 5 : 25) : 15) else { continue }
            var result = String.UnicodeScalarView()
            for k in start..<end { result.append(Unicode.Scalar(reading[k - first])!) }
            let text = String(result)
            let after = Self.chineseScore(text.unicodeScalars, in: target)
            // (The span's readings are all plausible: only such spans competed.)
            guard after.han >= 1, after.score >= 0.9 else { continue }
            // The rest of the line must be in the script the repair produces: GBK text read as
            // Big5 sits in Simplified text, Big5 text read as GBK in Traditional text.
            let context = Self.chineseScore(scalars[..<start] + scalars[end...], in: target)
            guard context.han == 0 || context.score >= 0.8,
                  !Self.holdsOtherScriptForms(scalars[..<start] + scalars[end...], repairWrites: kind == "gbk-as-big5"),
                  !Self.readsAsOtherScript(scalars, start..<end, reading: Array(reading[(start - first)..<(end - first)]),
                                           repairWrites: kind == "gbk-as-big5")
            else { continue }
            if best == nil || gain > best!.4 { best = (start, end, text, kind, gain) }
        }
        return best.map { ($0.0, $0.1, $0.2, $0.3) }
    }
}

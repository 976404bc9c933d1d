import ZhTextCore

/// Where a cross-decoding look may start, by the script a document is clearly in.
extension MojibakeRepairer {
    /// Characters that can start a cross-decoding repair (UTF-8 or GBK read as Big5, Big5 read as
    /// GBK): Han characters outside both frequent sets, and bopomofo, kana, Greek, Cyrillic and
    /// box-drawing or mathematical symbols (which misread Chinese bytes often become, and Chinese
    /// text seldom holds), that read back as frequent characters; and Big5 characters whose
    /// bytes are a UTF-8 lead and continuation byte.
    static let computedCrossStart: [UInt64] = {
        var bitmap = [UInt64](repeating: 0, count: 0x10000 / 64)
        func set(_ v: Int) { bitmap[v >> 6] |= 1 << UInt64(v & 63) }
        // A rare character or symbol starts a look only when it reads back as a frequent
        // character of the other script (clean text's 赓 or 锂 does not). Frequent characters of the
        // other script are left to `scriptFormStarts`, per document.
        let ranges = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0x3040...0x30FF, 0x3105...0x312F,
                      0x0391...0x03C9, 0x0401...0x0451, 0x2190...0x22FF, 0x2500...0x25FF]
        // The bitmaps, not the sets (43,000 characters, three set lookups each).
        let (frequent, simplifiedLevel1, traditionalLevel1) = (frequentBitmap, gb2312Level1Bitmap, big5Level1Bitmap)
        let (asBig5, asGBK) = (gbkReadAsBig5, big5ReadAsGBK)
        for v in ranges.joined() where !frequent.contains(UInt32(v)) {
            let simplified = UInt32(asBig5[v]), traditional = UInt32(asGBK[v])
            if (simplified != 0 && simplifiedLevel1.contains(simplified)) || (traditional != 0 && traditionalLevel1.contains(traditional)) { set(v) }
        }
        let big5 = big5Bytes
        for v in 0..<0x10000 {
            let pair = big5[v]
            if pair >> 12 == 0xE, (0xA1...0xBF).contains(pair & 0xFF) { set(v) }
        }
        return bitmap
    }()

    /// Frequent characters of one script only that read back as frequent characters of the
    /// other: in a Simplified text, GBK read as Big5 shows as such Traditional forms (时潔期 for
    /// 时间戳, 脹棒菴羲 for 等次第开); in a Traditional text, Big5 read as GBK as such Simplified
    /// forms (╰参单 for 系統等). They start a look only in a document of the other script (see
    /// `DocumentScript`): in their own script they are on every line.
    static let scriptFormStarts: (inSimplified: [UInt64], inTraditional: [UInt64]) = {
        var inSimplified = [UInt64](repeating: 0, count: 0x10000 / 64)
        var inTraditional = inSimplified
        // Bitmaps, not the sets: 131,072 set lookups were a tenth of a batch run's start-up.
        let forms = computedScriptOnlyForms
        let (simplifiedLevel1, traditionalLevel1) = (gb2312Level1Bitmap, big5Level1Bitmap)
        let (asBig5, asGBK) = (gbkReadAsBig5, big5ReadAsGBK)
        for v in 0..<0x10000 {
            let bit: UInt64 = 1 << UInt64(v & 63)
            if forms.traditional[v >> 6] & bit != 0, simplifiedLevel1.contains(UInt32(asBig5[v])) { inSimplified[v >> 6] |= bit }
            if forms.simplified[v >> 6] & bit != 0, traditionalLevel1.contains(UInt32(asGBK[v])) { inTraditional[v >> 6] |= bit }
        }
        return (inSimplified, inTraditional)
    }()

    /// Forms only one script has: bit set in `simplified` for GB 2312 level-1 characters that
    /// Big5 lacks altogether, in `traditional` for Big5 level-1 characters outside GB 2312
    /// (both levels). 睿 (GB 2312 level 2) or 醚 (Big5 level 2) belong to both scripts.
    static let computedScriptOnlyForms: (simplified: [UInt64], traditional: [UInt64]) = {
        var simplified = [UInt64](repeating: 0, count: 0x10000 / 64)
        var traditional = simplified
        for v in gb2312Level1 where v < 0x10000 && big5Bytes[Int(v)] == 0 {
            simplified[Int(v) >> 6] |= 1 << UInt64(v & 63)
        }
        for v in big5Level1 where v < 0x10000 {
            let gbk = computedGBKBytes[Int(v)]
            let inGB2312 = (0xB0...0xF7).contains(gbk >> 8) && (0xA1...0xFE).contains(gbk & 0xFF)
            if !inGB2312 { traditional[Int(v) >> 6] |= 1 << UInt64(v & 63) }
        }
        return (simplified, traditional)
    }()

    /// Which script a document is clearly in, judged from its first 64 KB, or from fewer 4 KB
    /// blocks once they hold ``sufficientForms`` forms of one script only.
    struct DocumentScript: Sendable {
        var clearlySimplified: Bool
        var clearlyTraditional: Bool

        /// Forms after which more text does not change the judgement of a one-script document
        /// (about 3 KB of Chinese news, where a quarter of the characters are such forms). A
        /// batch's records are documents each: reading 64 KB of every one was 7% of batch mode.
        static let sufficientForms = 256
        static let blockBytes = 1 << 12

        /// Clearly one script: at least eight forms only it has, and four times as many as the
        /// other's (a garbled span adds a few forms of the other script to a line).
        init(_ b: UnsafeBufferPointer<UInt8>) {
            let forms = MojibakeRepairer.scriptOnlyForms
            let (simplified, traditional) = b.baseAddress.map { p in
                forms.simplified.withUnsafeBufferPointer { simplifiedForms in
                    forms.traditional.withUnsafeBufferPointer { traditionalForms in
                        var counts = (0, 0)
                        var start = 0
                        let end = min(b.count, 1 << 16)
                        // Blocks end on a character boundary, so no character is counted twice
                        // or cut.
                        while start < end, counts.0 &+ counts.1 < Self.sufficientForms {
                            var blockEnd = min(start &+ Self.blockBytes, end)
                            while blockEnd < end, p[blockEnd] & 0xC0 == 0x80 { blockEnd &+= 1 }
                            let (s, t) = Self.countForms(p + start, blockEnd &- start, simplifiedForms.baseAddress!, traditionalForms.baseAddress!)
                            counts = (counts.0 &+ s, counts.1 &+ t)
                            start = blockEnd
                        }
                        return counts
                    }
                }
            } ?? (0, 0)
            clearlySimplified = simplified >= 8 && simplified > 4 * traditional
            clearlyTraditional = traditional >= 8 && traditional > 4 * simplified
        }

        /// The Simplified-only and Traditional-only forms in `p[0..<n]`. A function of its own:
        /// counters captured by a closure lived in memory. Two bitmaps of 8 KB stay in cache
        /// where one byte per scalar (64 KB) did not.
        static func countForms(
            _ p: UnsafePointer<UInt8>, _ n: Int, _ simplifiedForms: UnsafePointer<UInt64>, _ traditionalForms: UnsafePointer<UInt64>
        ) -> (Int, Int) {
            var simplified = 0, traditional = 0
            var i = 0
            while i &+ 2 < n {
                let byte = p[i]
                guard byte & 0xF0 == 0xE0 else {
                    i &+= byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xC0 ? 2 : 1
                    continue
                }
                let scalar = Int(byte & 0x0F) &<< 12 | Int(p[i &+ 1] & 0x3F) &<< 6 | Int(p[i &+ 2] & 0x3F)
                let bit: UInt64 = 1 &<< UInt64(scalar & 63)
                if simplifiedForms[scalar &>> 6] & bit != 0 { simplified &+= 1 }
                if traditionalForms[scalar &>> 6] & bit != 0 { traditional &+= 1 }
                i &+= 3
            }
            return (simplified, traditional)
        }

        /// `crossStart` plus the forms of the other script that may start a look in this document,
        /// and the prefilter's bitmap with them.
        var starts: (cross: [UInt64], prefilter: [UInt64]) {
            MojibakeRepairer.startsByScript[(clearlyTraditional ? 0 : 1) + (clearlySimplified ? 0 : 2)]
        }
    }

    /// The four combinations of `DocumentScript.starts`, built once: index bit 0 adds the
    /// Traditional forms that start a look in Simplified text, bit 1 the reverse.
    static let computedStartsByScript: [(cross: [UInt64], prefilter: [UInt64])] = (0..<4).map { index in
        var cross = computedCrossStart
        for k in cross.indices {
            if index & 1 != 0 { cross[k] |= scriptFormStarts.inSimplified[k] }
            if index & 2 != 0 { cross[k] |= scriptFormStarts.inTraditional[k] }
        }
        return (cross, zip(computedPrefilterStarts, cross).map { $0 | $1 })
    }

    static func isCrossStart(_ scalar: UInt32, in starts: [UInt64] = crossStart) -> Bool {
        scalar < 0x10000 && starts[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0
    }

    /// Whether `scalars` hold a form only the other script has than the one a repair writes
    /// (`simplified`: a Traditional-only form, and the reverse): a repair into Simplified text
    /// needs a line around it without 這 or 們, one into Traditional text a line without 两 or 们
    /// (`今明两天豫鲁冀辽` is Simplified, so `鲁冀辽` is no Big5 read as GBK).
    static func holdsOtherScriptForms(_ scalars: some Sequence<Unicode.Scalar>, repairWrites simplified: Bool) -> Bool {
        let forms = simplified ? scriptOnlyForms.traditional : scriptOnlyForms.simplified
        for scalar in scalars where scalar.value >= 0x3400 && scalar.value < 0x10000 {
            if forms[Int(scalar.value) >> 6] & (1 << UInt64(scalar.value & 63)) != 0 { return true }
        }
        return false
    }

    /// Whether `scalars` hold forms only the other script has (as ``holdsOtherScriptForms``) and
    /// not four times as many of the repair's own: a Simplified line around a whole misread run
    /// may name a Hong Kong person (`麦宗樑`) or keep a garbled character the run could not take,
    /// and still be Simplified.
    static func otherScriptFormsOutweigh(_ scalars: some Sequence<Unicode.Scalar>, repairWrites simplified: Bool) -> Bool {
        let forms = scriptOnlyForms
        let (other, own) = simplified ? (forms.traditional, forms.simplified) : (forms.simplified, forms.traditional)
        var otherCount = 0, ownCount = 0
        for scalar in scalars where scalar.value >= 0x3400 && scalar.value < 0x10000 {
            let word = Int(scalar.value) >> 6, bit: UInt64 = 1 << UInt64(scalar.value & 63)
            if other[word] & bit != 0 { otherCount += 1 } else if own[word] & bit != 0 { ownCount += 1 }
        }
        return otherCount > 2 || otherCount > 0 && ownCount < 4 * otherCount
    }

    /// Whether the characters `range` of `scalars` read at least as well as they stand under the
    /// other script's bigram model as `reading` does under the repair's: `海外華僑華人` is
    /// Traditional text, not GBK read as Big5, although the Simplified model knows none of it.
    static func readsAsOtherScript(_ scalars: [Unicode.Scalar], _ range: Range<Int>, reading: [UInt32],
                                   repairWrites simplified: Bool) -> Bool {
        let other = simplified ? BigramModel.traditional : BigramModel.simplified
        let target = simplified ? BigramModel.simplified : BigramModel.traditional
        let lo = max(range.lowerBound - 1, 0), hi = min(range.upperBound + 1, scalars.count)
        var stands: Float = 0
        for k in lo..<(hi - 1) { stands += other.weight(scalars[k].value, scalars[k + 1].value) }
        var read = (range.lowerBound > 0 ? [scalars[range.lowerBound - 1].value] : []) + reading
        if range.upperBound < scalars.count { read.append(scalars[range.upperBound].value) }
        var reads: Float = 0
        for k in 0..<max(read.count - 1, 0) { reads += target.weight(read[k], read[k + 1]) }
        return stands >= reads
    }
}

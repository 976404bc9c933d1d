import CZhTextData
import Foundation
import ZhTextCore

/// Finds text garbled by a wrong decoding, or escaped, and reverses it with ICU's converters.
///
/// Kinds: UTF-8 read as GBK/GB18030 (`鍙戝睍` → `发展`); UTF-8 read as windows-1252 or Latin-1
/// (`å‘å±•`); GBK or Big5 read as Latin-1 (`·¢Õ¹`); HTML entities (`&#21457;`, `&#x53D1;`,
/// `&ldquo;`, double-escaped `&amp;#21457;`); percent-encoding (UTF-8, then GBK); `\uXXXX`
/// escapes; runs of `烫烫烫`/`屯屯屯` (uninitialised memory). A candidate is repaired only when the
/// result decodes cleanly and looks like Chinese: most of its Han characters are among the
/// 3,755 of GB 2312 level 1 (or Big5's 5,401 frequent ones) while the garbled span's were not.
/// What cannot be recovered (U+FFFD, `锟斤拷`, `?` wedged between Han characters) is reported as
/// a finding with its range, not guessed.
struct MojibakeRepairer {
    /// Whether a character a lossy decoder lost is restored where its known bytes and its
    /// neighbours leave one clear choice (see ``LostCharacterRestorer``), or left as U+FFFD.
    var restoresLostCharacters = true

    struct Repair {
        var range: Range<Int>      // UTF-8 bytes of the input
        var replacement: String
        var kind: String
        var confidence: Double
    }

    struct Finding {
        var range: Range<Int>
        var kind: String
    }

    /// The 3,755 characters of GB 2312 level 1, decoded once with ICU.
    static let gb2312Level1: Set<UInt32> = {
        var bytes: [UInt8] = []
        for lead in UInt8(0xB0)...0xD7 {
            for trail in UInt8(0xA1)...0xFE where !(lead == 0xD7 && trail > 0xF9) { bytes += [lead, trail] }
        }
        var result = Set((try? ICU.decode(bytes, from: .gbk, mode: .substitute))?.text.unicodeScalars.map(\.value) ?? [])
        result.remove(0xFFFD)
        return result
    }()

    /// The 5,401 frequent characters of Big5 (level 1), decoded once with ICU.
    static let big5Level1: Set<UInt32> = {
        var bytes: [UInt8] = []
        for lead in UInt8(0xA4)...0xC6 {
            for trail in Array(UInt8(0x40)...0x7E) + Array(UInt8(0xA1)...0xFE) where !(lead == 0xC6 && trail > 0x7E) {
                bytes += [lead, trail]
            }
        }
        var result = Set((try? ICU.decode(bytes, from: .big5, mode: .substitute))?.text.unicodeScalars.map(\.value) ?? [])
        result.remove(0xFFFD)
        return result
    }()

    /// Frequent in either script.
    static let frequent = gb2312Level1.union(big5Level1)

    /// log2(1 + count) of each character in a frequency dictionary of modern Chinese (Unihan's
    /// kHanyuPinlu, 3,799 characters in both scripts), 0 for the rest.
    static let frequencyBits: [Float] = {
        var table = [Float](repeating: 0, count: 0x10000)
        var count = 0
        let base = zh_text_data_char_frequency(&count)!
        forEachHexKeyedLine(in: UnsafeBufferPointer(start: base, count: count)) { scalar, rest in
            var n = 0
            for byte in rest { n = n * 10 + Int(byte - 0x30) }
            if scalar < 0x10000 { table[Int(scalar)] = Float(log2(1 + Double(n))) }
        }
        return table
    }()

    /// A set of BMP characters as one bit each: a load and a mask where a `Set` hashes (the
    /// scores below run over every candidate span of every garbled line).
    static func bitmap(_ set: Set<UInt32>) -> [UInt64] {
        var bitmap = [UInt64](repeating: 0, count: 0x10000 / 64)
        for v in set where v < 0x10000 { bitmap[Int(v) >> 6] |= 1 << UInt64(v & 63) }
        return bitmap
    }

    static let frequentBitmap = bitmap(frequent)
    static let gb2312Level1Bitmap = bitmap(gb2312Level1)
    static let big5Level1Bitmap = bitmap(big5Level1)

    /// Share of Han scalars that are in `set` (1 when there are none).
    static func chineseScore(_ scalars: some Sequence<Unicode.Scalar>, in set: [UInt64] = frequentBitmap) -> (score: Double, han: Int) {
        var han = 0, frequentHan = 0
        for scalar in scalars where Tokenizer.kind(of: scalar) == .han {
            han += 1
            if scalar.value < 0x10000, set[Int(scalar.value) >> 6] & (1 << UInt64(scalar.value & 63)) != 0 { frequentHan += 1 }
        }
        return (han == 0 ? 1 : Double(frequentHan) / Double(han), han)
    }

    /// Characters that decoding UTF-8 as windows-1252 or Latin-1 produces (besides U+0080–U+00FF).
    static let cp1252Specials: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    static let namedEntities: [String: String] = [
        "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "mdash": "—", "ndash": "–", "hellip": "…",
        "middot": "·", "nbsp": "\u{00A0}", "quot": "\"", "lt": "<", "gt": ">", "amp": "&", "apos": "'",
        "times": "×", "divide": "÷", "deg": "°", "yen": "¥", "copy": "©", "reg": "®", "bull": "•",
    ]

    /// BMP characters whose GBK bytes are a UTF-8 lead byte of a three-byte sequence (E0–EF)
    /// followed by a continuation byte (80–BF): UTF-8 Chinese read as GBK always starts with one.
    static let leadCapable: [UInt64] = {
        var bytes: [UInt8] = []
        for lead in UInt8(0xE0)...0xEF { for trail in UInt8(0x80)...0xBF { bytes += [lead, trail] } }
        var bitmap = [UInt64](repeating: 0, count: 0x10000 / 64)
        for scalar in (try? ICU.decode(bytes, from: .gbk, mode: .substitute))?.text.unicodeScalars ?? "".unicodeScalars
        where scalar.value < 0x10000 && scalar.value != 0xFFFD {
            bitmap[Int(scalar.value) >> 6] |= 1 << UInt64(scalar.value & 63)
        }
        return bitmap
    }()

    /// GBK's two bytes for each BMP character that has them (0: none), from one ICU decoding of
    /// every GBK byte pair.
    static let gbkBytes = pairTable(.gbk, leads: 0x81...0xFE, trails: Array(UInt8(0x40)...0x7E) + Array(UInt8(0x80)...0xFE))

    /// GB 18030's two bytes for each BMP character that has them (GBK's, and the user-defined
    /// areas that GB 18030 decoders read as private-use characters).
    static let gb18030Bytes = pairTable(.gb18030, leads: 0x81...0xFE, trails: Array(UInt8(0x40)...0x7E) + Array(UInt8(0x80)...0xFE))

    static func isLeadCapable(_ scalar: UInt32) -> Bool {
        scalar < 0x10000 && leadCapable[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0
    }

    /// Each BMP character's two bytes in `charset` (0: none), from one ICU decoding per lead byte.
    static func pairTable(_ charset: ICU.Charset, leads: ClosedRange<UInt8>, trails: [UInt8]) -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 0x10000)
        for lead in leads {
            var bytes: [UInt8] = []
            for trail in trails { bytes += [lead, trail] }
            guard let decoded = try? ICU.decode(bytes, from: charset, mode: .substitute) else { continue }
            let scalars = Array(decoded.text.unicodeScalars)
            guard scalars.count == trails.count else { continue }  // a pair that is not one character
            for (scalar, trail) in zip(scalars, trails) where scalar.value < 0x10000 && scalar.value != 0xFFFD {
                if table[Int(scalar.value)] == 0 { table[Int(scalar.value)] = UInt16(lead) << 8 | UInt16(trail) }
            }
        }
        return table
    }

    /// Big5's two bytes for each BMP character that has them (0: none): ICU's Big5, plus the
    /// ETEN rows ICU leaves unmapped (kana, Cyrillic: 平's GBK bytes read by Python's Big5 are す).
    static let big5Bytes: [UInt16] = {
        var table = pairTable(.big5, leads: 0xA1...0xF9, trails: Array(UInt8(0x40)...0x7E) + Array(UInt8(0xA1)...0xFE))
        var count = 0
        let base = zh_text_data_big5_eten(&count)!
        forEachHexKeyedLine(in: UnsafeBufferPointer(start: base, count: count)) { pair, rest in
            guard let scalar = String(decoding: rest, as: UTF8.self).unicodeScalars.first,
                  scalar.value < 0x10000, table[Int(scalar.value)] == 0 else { return }
            table[Int(scalar.value)] = UInt16(truncatingIfNeeded: pair)
        }
        return table
    }()

    /// Big5's bytes with the HKSCS extension, as the WHATWG Big5 decoder has them: `big5Bytes`,
    /// then ICU's Big5-HKSCS for the characters it lacks (BMP, and beyond it by dictionary).
    static let big5HKSCSBytes: (bmp: [UInt16], supplementary: [UInt32: UInt16]) = {
        var bmp = big5Bytes
        var supplementary: [UInt32: UInt16] = [:]
        let trails = Array(UInt8(0x40)...0x7E) + Array(UInt8(0xA1)...0xFE)
        for lead in UInt8(0x81)...0xFE {
            // One decoding per lead; pair by pair only where the row does not map one to one.
            var row: [UInt8] = []
            for trail in trails { row += [lead, trail] }
            let whole = (try? ICU.decode(row, from: .big5HKSCS, mode: .substitute)).map { Array($0.text.unicodeScalars) }
            for (index, trail) in trails.enumerated() {
                var scalar: Unicode.Scalar
                if let whole, whole.count == trails.count {
                    scalar = whole[index]
                } else {
                    guard let decoded = try? ICU.decode([lead, trail], from: .big5HKSCS, mode: .strict),
                          decoded.text.unicodeScalars.count == 1 else { continue }
                    scalar = decoded.text.unicodeScalars.first!
                }
                guard scalar.value != 0xFFFD, scalar.value != 0x1A else { continue }
                let pair = UInt16(lead) << 8 | UInt16(trail)
                if scalar.value < 0x10000 {
                    if bmp[Int(scalar.value)] == 0 { bmp[Int(scalar.value)] = pair }
                } else if supplementary[scalar.value] == nil {
                    supplementary[scalar.value] = pair
                }
            }
        }
        return (bmp, supplementary)
    }()

    /// For each character, what its bytes in `from` read as in `to`: the reverse of a text in
    /// charset `to` that was read as `from`, one two-byte character at a time (0: none).
    static func crossTable(bytesIn from: [UInt16], decodedAs to: ICU.Charset) -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 0x10000)
        var byLead: [UInt8: [(scalar: Int, trail: UInt8)]] = [:]
        for scalar in 0..<0x10000 where from[scalar] != 0 {
            byLead[UInt8(from[scalar] >> 8), default: []].append((scalar, UInt8(from[scalar] & 0xFF)))
        }
        for (lead, entries) in byLead {
            // Decode a lead's pairs together; fall back to one pair at a time if they do not map 1:1.
            var bytes: [UInt8] = []
            for entry in entries { bytes += [lead, entry.trail] }
            if let decoded = try? ICU.decode(bytes, from: to, mode: .substitute),
               decoded.text.unicodeScalars.count == entries.count {
                for (entry, scalar) in zip(entries, decoded.text.unicodeScalars) where scalar.value < 0x10000 && scalar.value != 0xFFFD {
                    table[entry.scalar] = UInt16(scalar.value)
                }
            } else {
                for entry in entries {
                    if let one = try? ICU.decode([lead, entry.trail], from: to, mode: .strict),
                       let scalar = one.text.unicodeScalars.first, one.text.unicodeScalars.count == 1, scalar.value < 0x10000 {
                        table[entry.scalar] = UInt16(scalar.value)
                    }
                }
            }
        }
        return table
    }

    /// Simplified text in GBK read as Big5 (`汒隴佽` for `声明说`): each character back.
    static let gbkReadAsBig5 = crossTable(bytesIn: big5Bytes, decodedAs: .gbk)
    /// Traditional text in Big5 read as GBK (`ネ篈` for `生態`): each character back.
    static let big5ReadAsGBK = crossTable(bytesIn: gbkBytes, decodedAs: .big5)

    /// Characters that can start a cross-decoding repair (UTF-8 or GBK read as Big5, Big5 read as
    /// GBK): Han characters outside both frequent sets, and bopomofo, kana, Greek, Cyrillic and
    /// box-drawing or mathematical symbols (which misread Chinese bytes often become, and Chinese
    /// text seldom holds), that read back as frequent characters; and Big5 characters whose
    /// bytes are a UTF-8 lead and continuation byte.
    static let crossStart: [UInt64] = {
        var bitmap = [UInt64](repeating: 0, count: 0x10000 / 64)
        func set(_ v: Int) { bitmap[v >> 6] |= 1 << UInt64(v & 63) }
        // A rare character or symbol starts a look only when it reads back as a frequent
        // character of the other script (clean text's 赓 or 锂 does not). Frequent characters of the
        // other script are left to `scriptFormStarts`, per document.
        let ranges = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0x3040...0x30FF, 0x3105...0x312F,
                      0x0391...0x03C9, 0x0401...0x0451, 0x2190...0x22FF, 0x2500...0x25FF]
        for v in ranges.joined() where !frequent.contains(UInt32(v)) {
            let simplified = gbkReadAsBig5[v], traditional = big5ReadAsGBK[v]
            if (simplified != 0 && gb2312Level1.contains(UInt32(simplified)))
                || (traditional != 0 && big5Level1.contains(UInt32(traditional))) { set(v) }
        }
        for v in 0..<0x10000 {
            let pair = big5Bytes[v]
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
        for v in 0..<0x10000 {
            let bit: UInt64 = 1 << UInt64(v & 63)
            if scriptOnlyForms.traditional[v >> 6] & bit != 0, gb2312Level1.contains(UInt32(gbkReadAsBig5[v])) {
                inSimplified[v >> 6] |= bit
            }
            if scriptOnlyForms.simplified[v >> 6] & bit != 0, big5Level1.contains(UInt32(big5ReadAsGBK[v])) {
                inTraditional[v >> 6] |= bit
            }
        }
        return (inSimplified, inTraditional)
    }()

    /// Forms only one script has: bit set in `simplified` for GB 2312 level-1 characters that
    /// Big5 lacks altogether, in `traditional` for Big5 level-1 characters outside GB 2312
    /// (both levels). 睿 (GB 2312 level 2) or 醚 (Big5 level 2) belong to both scripts.
    static let scriptOnlyForms: (simplified: [UInt64], traditional: [UInt64]) = {
        var simplified = [UInt64](repeating: 0, count: 0x10000 / 64)
        var traditional = simplified
        for v in gb2312Level1 where v < 0x10000 && big5Bytes[Int(v)] == 0 {
            simplified[Int(v) >> 6] |= 1 << UInt64(v & 63)
        }
        for v in big5Level1 where v < 0x10000 {
            let gbk = gbkBytes[Int(v)]
            let inGB2312 = (0xB0...0xF7).contains(gbk >> 8) && (0xA1...0xFE).contains(gbk & 0xFF)
            if !inGB2312 { traditional[Int(v) >> 6] |= 1 << UInt64(v & 63) }
        }
        return (simplified, traditional)
    }()

    /// Which script a document is clearly in, judged from its first 64 KB.
    struct DocumentScript: Sendable {
        var clearlySimplified: Bool
        var clearlyTraditional: Bool

        /// Clearly one script: at least eight forms only it has, and four times as many as the
        /// other's (a garbled span adds a few forms of the other script to a line).
        init(_ b: UnsafeBufferPointer<UInt8>) {
            var simplified = 0, traditional = 0
            let n = min(b.count, 1 << 16)
            var i = 0
            // The tables once, not a lazy global's check per character.
            let forms = MojibakeRepairer.scriptOnlyForms
            forms.simplified.withUnsafeBufferPointer { simplifiedForms in forms.traditional.withUnsafeBufferPointer { traditionalForms in
                while i + 2 < n {
                    let byte = b[i]
                    guard byte & 0xF0 == 0xE0 else {
                        i += byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xC0 ? 2 : 1
                        continue
                    }
                    let scalar = Int(byte & 0x0F) << 12 | Int(b[i + 1] & 0x3F) << 6 | Int(b[i + 2] & 0x3F)
                    let bit: UInt64 = 1 << UInt64(scalar & 63)
                    if simplifiedForms[scalar >> 6] & bit != 0 { simplified += 1 }
                    if traditionalForms[scalar >> 6] & bit != 0 { traditional += 1 }
                    i += 3
                }
            } }
            clearlySimplified = simplified >= 8 && simplified > 4 * traditional
            clearlyTraditional = traditional >= 8 && traditional > 4 * simplified
        }

        /// `crossStart` plus the forms of the other script that may start a look in this document,
        /// and the prefilter's bitmap with them.
        var starts: (cross: [UInt64], prefilter: [UInt64]) {
            MojibakeRepairer.startsByScript[(clearlyTraditional ? 0 : 1) + (clearlySimplified ? 0 : 2)]
        }
    }

    /// The four combinations of `DocumentScript.starts`, built once: index bit 0 adds the
    /// Traditional forms that start a look in Simplified text, bit 1 the reverse.
    static let startsByScript: [(cross: [UInt64], prefilter: [UInt64])] = (0..<4).map { index in
        var cross = crossStart
        for k in cross.indices {
            if index & 1 != 0 { cross[k] |= scriptFormStarts.inSimplified[k] }
            if index & 2 != 0 { cross[k] |= scriptFormStarts.inTraditional[k] }
        }
        return (cross, zip(prefilterStarts, cross).map { $0 | $1 })
    }

    static func isCrossStart(_ scalar: UInt32, in starts: [UInt64] = crossStart) -> Bool {
        scalar < 0x10000 && starts[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0
    }

    /// The prefilter's one test per three-byte character: set for every character that can start
    /// any repair or finding (cross-decoding starts, UTF-8-as-GBK leads, U+FFFD, 烫, 屯, 锟).
    static let prefilterStarts: [UInt64] = {
        var bitmap = zip(crossStart, leadCapable).map { $0 | $1 }
        for v in [0xFFFD, 0x70EB, 0x5C6F, 0x951F] { bitmap[v >> 6] |= 1 << UInt64(v & 63) }
        return bitmap
    }()

    // MARK: Scan

    /// Scans a document line by line; a line is looked at closely only when its bytes hold a
    /// possible trigger, so clean text costs one pass over its bytes.
    ///
    /// A document cleaned in pieces passes `state` from one piece to the next: the script is
    /// judged from the first piece (its first 64 KB, as for a whole document), and what earlier
    /// pieces read back is remembered.
    func scanDocument(_ bytes: [UInt8], state: inout MojibakeDocumentState) -> (repairs: [Repair], findings: [Finding]) {
        var repairs: [Repair] = []
        var findings: [Finding] = []
        // Lines that may need work, found in one pass over the bytes with the tables at hand: a
        // line is checked until its first trigger, then skipped to its end.
        var triggeredLines: [Range<Int>] = []
        let script = state.script ?? bytes.withUnsafeBufferPointer { DocumentScript($0) }
        state.script = script
        let (crossStarts, prefilterStarts) = script.starts
        bytes.withUnsafeBufferPointer { buffer in
            Self.leadCapable.withUnsafeBufferPointer { leadCapable in
                Self.gbkBytes.withUnsafeBufferPointer { gbk in
                    prefilterStarts.withUnsafeBufferPointer { prefilter in crossStarts.withUnsafeBufferPointer { crossStart in
                        var start = 0
                        while start < buffer.count {
                            let triggerEnd = Self.firstTrigger(buffer, start, leadCapable, gbk, prefilter, crossStart)
                            var end = triggerEnd
                            while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                            if triggerEnd < end { triggeredLines.append(start..<end) }
                            start = end + 1
                        }
                    } }
                }
            }
        }
        var learned = state.learned
        defer { state.learned = learned }
        for line in triggeredLines {
            let start = line.lowerBound, end = line.upperBound
            do {
                let line = String(decoding: bytes[start..<end], as: UTF8.self)
                let (lineRepairs, lineFindings) = scan(line, crossStarts: crossStarts, learned: &learned)
                repairs += lineRepairs.map { Repair(range: ($0.range.lowerBound + start)..<($0.range.upperBound + start),
                                                    replacement: $0.replacement, kind: $0.kind, confidence: $0.confidence) }
                findings += lineFindings.map { Finding(range: ($0.range.lowerBound + start)..<($0.range.upperBound + start), kind: $0.kind) }
            }
        }
        return (repairs, findings)
    }

    /// The position of the first byte pattern in the line from `start` that a repair or a finding
    /// starts with, or the line's end (its line feed, or the end of the text) when there is none.
    static func firstTrigger(
        _ b: UnsafeBufferPointer<UInt8>, _ start: Int,
        _ leadCapable: UnsafeBufferPointer<UInt64>, _ gbkBytes: UnsafeBufferPointer<UInt16>,
        _ prefilterStarts: UnsafeBufferPointer<UInt64>, _ crossStart: UnsafeBufferPointer<UInt64>
    ) -> Int {
        let n = b.count
        var i = start
        while i < n {
            let byte = b[i]
            if byte < 0x80 {
                if byte == 0x0A { return i }
                // & before # or a letter, % before two hex digits, \ before u.
                if byte == 0x26, i + 1 < n, b[i + 1] == 0x23 || b[i + 1] | 0x20 >= 0x61 && b[i + 1] | 0x20 <= 0x7A { return i }
                if byte == 0x25, i + 2 < n, isHex(b[i + 1]), isHex(b[i + 2]) { return i }
                if byte == 0x5C, i + 1 < n, b[i + 1] == 0x75 { return i }
                if byte == 0x3F || byte == 0x3B, i > start, i + 1 < n, b[i + 1] > 0x20, b[i + 1] < 0x80,
                   b[i - 1] >= 0x80 || b[i - 1] == 0x29 { return i }
                i += 1
            } else if byte & 0xF0 == 0xE0 {
                guard i + 2 < n else { return i }
                let scalar = UInt32(byte & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                // One load decides for almost every character of clean text.
                if prefilterStarts[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) == 0 {
                    i += 3
                    continue
                }
                if leadCapable[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0 {
                    // UTF-8 read as GBK: such a character, then one whose GBK lead byte is a UTF-8
                    // continuation byte.
                    if i + 5 < n, b[i + 3] & 0xF0 == 0xE0 {
                        let next = UInt32(b[i + 3] & 0x0F) << 12 | UInt32(b[i + 4] & 0x3F) << 6 | UInt32(b[i + 5] & 0x3F)
                        if (0x80...0xBF).contains(gbkBytes[Int(next)] >> 8) { return i }
                    }
                }
                if scalar == 0xFFFD || scalar == 0x70EB || scalar == 0x5C6F || scalar == 0x951F { return i }
                if crossStart[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0 { return i }
                i += 3
            } else if byte == 0xC2 || byte == 0xC3 {
                guard i + 1 < n else { return i }
                let next = b[i + 1]
                // ·, °, ±, no-break space, ×, ÷ belong to Chinese text.
                let common = byte == 0xC2 ? (next == 0xB7 || next == 0xB0 || next == 0xB1 || next == 0xA0)
                                          : (next == 0x97 || next == 0xB7)
                if !common { return i }
                i += 2
            } else if byte >= 0xCE, byte <= 0xD1 {
                // Greek and Cyrillic letters that misread Han characters become.
                guard i + 1 < n else { return i }
                let scalar = UInt32(byte & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
                if crossStart[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0 { return i }
                i += 2
            } else {
                i += byte >= 0xF0 ? 4 : (byte >= 0xC0 ? 2 : 1)
            }
        }
        return n
    }

    @inline(__always)
    static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// Repairs and findings in one line. `crossStarts` are the characters that start a
    /// cross-decoding look in this document (see `DocumentScript`); `learned` collects, across
    /// the lines of a document, the characters that cross-decoding repairs read back, and what as.
    func scan(_ text: String, crossStarts: [UInt64], learned: inout [UInt32: UInt32]) -> (repairs: [Repair], findings: [Finding]) {
        let scalars = Array(text.unicodeScalars)
        let offsets = utf8Offsets(of: scalars)
        // Which script the line is in, counted at the first cross-decoding start only (most
        // triggered lines have none): forms only one script's frequent set has.
        var lineScript: (simplified: Bool, traditional: Bool)? = nil
        func script() -> (simplified: Bool, traditional: Bool) {
            if let lineScript { return lineScript }
            var simplifiedOnly = 0, traditionalOnly = 0
            for scalar in scalars where scalar.value >= 0x3400 {
                let inGB = Self.gb2312Level1.contains(scalar.value), inBig5 = Self.big5Level1.contains(scalar.value)
                if inGB, !inBig5 { simplifiedOnly += 1 } else if inBig5, !inGB { traditionalOnly += 1 }
            }
            // A misread span adds forms of the other script, but rarely outweighs its line.
            let counted = (simplified: simplifiedOnly > 0 || traditionalOnly <= 3, traditional: traditionalOnly > 0 || simplifiedOnly <= 3)
            lineScript = counted
            return counted
        }
        var repairs: [Repair] = []
        var findings: [Finding] = []
        // UTF-8 misread as GB 18030 (or GBK), read once for the whole line at its first trigger.
        var misreadSpans: [MisreadSpan]? = nil
        func misread(at index: Int) -> MisreadSpan? {
            if misreadSpans == nil {
                misreadSpans = self.misreadSpans(scalars, reader: .gb18030, restoring: restoresLostCharacters)
            }
            return misreadSpans!.first { $0.range.contains(index) }
        }
        // UTF-8 misread as windows-1252 or Latin-1, read once for the whole line; a look starts
        // at a lead byte read as a letter (Â to ô) before another such character.
        var misreadLatinSpans: [MisreadSpan]? = nil
        func misreadLatin(at index: Int) -> MisreadSpan? {
            if misreadLatinSpans == nil { misreadLatinSpans = self.misreadSpans(scalars, reader: .windows1252, restoring: restoresLostCharacters) }
            return misreadLatinSpans!.first { $0.range.contains(index) }
        }
        // UTF-8 misread as Big5, read once for the whole line; tried after GB 18030.
        var misreadBig5Spans: [MisreadSpan]? = nil
        func misreadBig5(at index: Int) -> MisreadSpan? {
            if misreadBig5Spans == nil { misreadBig5Spans = self.misreadSpans(scalars, reader: .big5, restoring: restoresLostCharacters) }
            return misreadBig5Spans!.first { $0.range.contains(index) }
        }
        // GBK read as Big5 or Big5 read as GBK over a whole run of characters, read once for the
        // line: the reading with the larger gain, when it is frequent text of its script and
        // gains at least 3 bits a character (clean text loses under any misreading).
        var wholeCrossReadings: [(MisreadDoubleByteReader.Reading, String)]? = nil
        func wholeCross(at index: Int) -> (MisreadDoubleByteReader.Reading, String)? {
            if wholeCrossReadings == nil {
                var found: [(MisreadDoubleByteReader.Reading, String)] = []
                // A misread run has several characters that start a look; a clean line that
                // triggered on one is not read whole.
                var starts = 0
                for scalar in scalars where scalar.value == 0xFFFD || Self.isCrossStart(scalar.value, in: crossStarts) { starts += 1 }
                for reader in [MisreadDoubleByteReader.gbkReadAsBig5, .big5ReadAsGBK] where starts >= 2 {
                    for reading in reader.readings(scalars)
                    where reading.han >= 3 && reading.frequentHan * 10 >= reading.han * 9 && reading.lost * 4 <= reading.han
                        && reading.gain >= max(20, 3 * Float(reading.text.count)) {
                        if let clash = found.firstIndex(where: { $0.0.range.overlaps(reading.range) }) {
                            if found[clash].0.gain < reading.gain { found[clash] = (reading, reader.kind) }
                        } else {
                            found.append((reading, reader.kind))
                        }
                    }
                }
                wholeCrossReadings = found
            }
            return wholeCrossReadings!.first { $0.0.range.contains(index) }
        }
        // A misread span's pieces: restored characters as edits of their own.
        func appendPieces(of span: MisreadSpan, kind: String) {
            guard !span.pieces.isEmpty else {
                repairs.append(Repair(range: offsets[span.range.lowerBound]..<offsets[span.range.upperBound],
                                      replacement: span.replacement, kind: kind, confidence: span.confidence))
                return
            }
            for piece in span.pieces {
                repairs.append(Repair(range: offsets[piece.range.lowerBound]..<offsets[piece.range.upperBound], replacement: piece.replacement,
                                      kind: piece.restored == nil ? kind : "restored-character", confidence: piece.restored ?? span.confidence))
            }
        }
        var i = 0
        while i < scalars.count {
            let s = scalars[i].value
            if s == 0x26, let (end, replacement, kind) = entities(scalars, i) {
                repairs.append(Repair(range: offsets[i]..<offsets[end], replacement: replacement, kind: kind, confidence: 0.97))
                i = end
            } else if s == 0x25, isPercentByte(scalars, i) {
                // A run of %XX either decodes as a whole or is left alone as a whole (a URL's %2F).
                var end = i
                while isPercentByte(scalars, end) { end += 3 }
                if let (decodedEnd, replacement, kind) = percent(scalars, i), decodedEnd == end {
                    repairs.append(Repair(range: offsets[i]..<offsets[end], replacement: replacement, kind: kind, confidence: 0.95))
                }
                i = end
            } else if s == 0x5C, let (end, replacement) = unicodeEscapes(scalars, i) {
                repairs.append(Repair(range: offsets[i]..<offsets[end], replacement: replacement, kind: "unicode-escapes", confidence: 0.95))
                i = end
            } else if (s == 0x70EB || s == 0x5C6F), i + 2 < scalars.count, scalars[i + 1].value == s, scalars[i + 2].value == s {
                var end = i
                while end < scalars.count, scalars[end].value == s { end += 1 }
                repairs.append(Repair(range: offsets[i]..<offsets[end], replacement: "", kind: "garbage-run", confidence: 0.9))
                i = end
            } else if (0xC2...0xF4).contains(s) || s == 0xFFFD, i + 1 < scalars.count, Self.isLatinMojibake(scalars[i + 1].value),
                      let span = misreadLatin(at: i) {
                let range = offsets[span.range.lowerBound]..<offsets[span.range.upperBound]
                appendPieces(of: span, kind: "utf8-as-latin1")
                if span.lost > 0 { findings.append(Finding(range: range, kind: "unrecovered-characters")) }
                i = max(span.range.upperBound, i + 1)
            } else if Self.isLatinMojibake(s) {
                // Decoded as a whole from its first character, or not at all (no misaligned retries).
                var runEnd = i
                while runEnd < scalars.count, Self.isLatinMojibake(scalars[runEnd].value) { runEnd += 1 }
                if let (end, replacement, kind) = latinRun(scalars, i) {
                    repairs.append(Repair(range: offsets[i]..<offsets[end], replacement: replacement, kind: kind, confidence: 0.9))
                    i = end
                } else {
                    i = max(runEnd, i + 1)
                }
            } else if s == 0xFFFD || Self.isLeadCapable(s) && i + 1 < scalars.count && scalars[i + 1].value < 0x10000
                        && (0x80...0xBF).contains(Self.gb18030Bytes[Int(scalars[i + 1].value)] >> 8),
                      let span = misread(at: i) {
                let range = offsets[span.range.lowerBound]..<offsets[span.range.upperBound]
                appendPieces(of: span, kind: "utf8-as-gbk")
                if span.lost > 0 {
                    findings.append(Finding(range: range, kind: "unrecovered-characters"))
                }
                if scalars[span.range].contains("\u{951F}") {
                    // 锟斤拷 inside the span: the characters behind it were lost before the misreading.
                    findings.append(Finding(range: range, kind: "lost-before-mojibake"))
                }
                i = max(span.range.upperBound, i + 1)
            } else if s == 0xFFFD || s < 0x10000 && Self.big5Bytes[Int(s)] >> 12 == 0xE && (0xA1...0xBF).contains(Self.big5Bytes[Int(s)] & 0xFF),
                      let span = misreadBig5(at: i) {
                let range = offsets[span.range.lowerBound]..<offsets[span.range.upperBound]
                appendPieces(of: span, kind: "utf8-as-big5")
                if span.lost > 0 { findings.append(Finding(range: range, kind: "unrecovered-characters")) }
                i = max(span.range.upperBound, i + 1)
            } else if Self.isCrossStart(s, in: crossStarts) || s == 0xFFFD, let (reading, kind) = wholeCross(at: i) {
                let range = offsets[reading.range.lowerBound]..<offsets[reading.range.upperBound]
                var text = String.UnicodeScalarView()
                for c in reading.text { text.append(Unicode.Scalar(c) ?? "\u{FFFD}") }
                repairs.append(Repair(range: range, replacement: String(text), kind: kind, confidence: 0.85))
                if reading.lost > 0 { findings.append(Finding(range: range, kind: "unrecovered-characters")) }
                i = max(reading.range.upperBound, i + 1)
            } else if Self.isCrossStart(s, in: crossStarts),
                      let (start, end, replacement, kind) = crossDecoding(scalars, i, script: script(), learned: learned) {
                for (from, to) in zip(scalars[start..<end], replacement.unicodeScalars) where from.value >= 0x80 {
                    learned[from.value] = to.value
                }
                repairs.append(Repair(range: offsets[start]..<offsets[end], replacement: replacement, kind: kind, confidence: 0.85))
                i = max(end, i + 1)
            } else {
                if s == 0xFFFD { findings.append(Finding(range: offsets[i]..<offsets[i + 1], kind: "replacement-character")) }
                if s == 0x951F, i + 2 < scalars.count, scalars[i + 1] == "斤", scalars[i + 2] == "拷" {
                    findings.append(Finding(range: offsets[i]..<offsets[i + 3], kind: "kun-jin-kao"))
                }
                // 環?;A設 (seed 002): ASCII debris where Han characters were, here or behind a reading.
                if s == 0x3F || s == 0x3B, i > 0, i + 1 < scalars.count,
                   Tokenizer.kind(of: scalars[i - 1]) == .han || scalars[i - 1] == ")",
                   scalars[i + 1].value < 0x80, scalars[i + 1] != " ", scalars[i + 1] != "\n",
                   findings.last.map({ $0.range.upperBound != offsets[i] }) ?? true {
                    findings.append(Finding(range: offsets[i]..<offsets[i + 1], kind: "garbled-bytes"))
                }
                i += 1
            }
        }
        // A repair may start inside a span an earlier repair took (han runs look back): keep the first.
        var kept: [Repair] = []
        for repair in repairs where repair.range.lowerBound >= (kept.last?.range.upperBound ?? 0) { kept.append(repair) }
        return (kept, findings)
    }

    // MARK: Escapes

    /// `&#…;`, `&#x…;`, `&name;` and their `&amp;` double escapes, in a row.
    func entities(_ scalars: [Unicode.Scalar], _ start: Int) -> (Int, String, String)? {
        var i = start
        var result = ""
        var double = false
        while i < scalars.count, scalars[i] == "&" {
            var j = i + 1
            if j + 4 <= scalars.count, String(String.UnicodeScalarView(scalars[j..<(j + 4)])) == "amp;",
               j + 4 < scalars.count, scalars[j + 4] == "#" || scalars[j + 4].properties.isAlphabetic {
                double = true
                j += 4
            }
            guard let semicolon = scalars[j..<min(scalars.count, j + 12)].firstIndex(of: ";") else { break }
            let body = String(String.UnicodeScalarView(scalars[j..<semicolon]))
            var decoded: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = Self.namedEntities[body]
            }
            guard let decoded, body != "amp" || double else { break }
            result += decoded
            i = semicolon + 1
        }
        guard i > start else { return nil }
        return (i, result, double ? "html-double-escaped" : "html-entities")
    }

    func isPercentByte(_ scalars: [Unicode.Scalar], _ i: Int) -> Bool {
        i + 2 < scalars.count && scalars[i] == "%" && scalars[i + 1].properties.isASCIIHexDigit
            && scalars[i + 2].properties.isASCIIHexDigit
    }

    /// Two or more `%XX` in a row that decode to text with Han in it (UTF-8 first, then GBK).
    func percent(_ scalars: [Unicode.Scalar], _ start: Int) -> (Int, String, String)? {
        var bytes: [UInt8] = []
        var i = start
        while i + 2 < scalars.count, scalars[i] == "%", let byte = UInt8(String(String.UnicodeScalarView(scalars[(i + 1)...(i + 2)])), radix: 16) {
            bytes.append(byte)
            i += 3
        }
        guard bytes.count >= 2, bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        if let text = String(validating: bytes, as: UTF8.self), Self.isPlausible(text) {
            return (i, text, "percent-utf8")
        }
        if let decoded = try? ICU.decode(bytes, from: .gb18030), Self.chineseScore(decoded.text.unicodeScalars).score >= 0.8 {
            return (i, decoded.text, "percent-gbk")
        }
        return nil
    }

    /// `\uXXXX` escapes in a row (surrogate pairs joined).
    func unicodeEscapes(_ scalars: [Unicode.Scalar], _ start: Int) -> (Int, String)? {
        var units: [UInt16] = []
        var i = start
        while i + 5 < scalars.count, scalars[i] == "\\", scalars[i + 1] == "u",
              let unit = UInt16(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16) {
            units.append(unit)
            i += 6
        }
        guard !units.isEmpty, units.contains(where: { $0 >= 0x80 }) else { return nil }
        return (i, String(decoding: units, as: UTF16.self))
    }

    // MARK: Wrong decodings

    static func isLatinMojibake(_ s: UInt32) -> Bool {
        (0x80...0xFF).contains(s) || cp1252Specials[s] != nil
    }

    /// A run of Latin-1/windows-1252 characters (with single ASCII bytes that GBK and Big5 use as
    /// trail bytes) that decodes, as UTF-8, GB 18030 or Big5, to frequent Chinese.
    func latinRun(_ scalars: [Unicode.Scalar], _ start: Int) -> (Int, String, String)? {
        var end = start
        var bytes: [UInt8] = []
        while end < scalars.count {
            let s = scalars[end].value
            if let special = Self.cp1252Specials[s] {
                bytes.append(special)
            } else if (0x80...0xFF).contains(s) {
                bytes.append(UInt8(s))
            } else if s < 0x80, s > 0x20, end > start, Self.isLatinMojibake(scalars[end - 1].value), bytes.last.map({ $0 >= 0x81 }) ?? false {
                bytes.append(UInt8(s))   // possibly a GBK/Big5 trail byte
            } else {
                break
            }
            end += 1
        }
        // Chinese text has its own Latin-1 and windows-1252 characters (·, ×, °, —, “”, …): as GBK
        // or Big5 bytes a run needs two or more letters or controls of U+0080–U+00FF besides those;
        // as UTF-8 its validity is evidence enough.
        let telling = scalars[start..<end].filter {
            (0x80...0xFF).contains($0.value) && ![0xB7, 0xD7, 0xF7, 0xB0, 0xB1, 0xA0].contains($0.value)
        }.count
        // Trailing ASCII or punctuation taken into the run may have been real text: back off.
        while end - start >= 2 {
            if var text = String(validating: bytes, as: UTF8.self), text.unicodeScalars.contains(where: { $0.value >= 0x80 }) {
                // Double (or triple) encoding: the decoded text is itself UTF-8 read as Latin-1.
                var rounds = 1
                while !Self.isPlausible(text), rounds < 3, let again = Self.latinBytes(text),
                      let decoded = String(validating: again, as: UTF8.self) {
                    text = decoded
                    rounds += 1
                }
                let (score, han) = Self.chineseScore(text.unicodeScalars)
                if Self.isPlausible(text), han == 0 || score >= 0.8 {
                    return (end, text, rounds > 1 ? "utf8-double-encoded" : "utf8-as-latin1")
                }
            }
            // Each legacy charset is judged by its own frequent characters (GBK decodings of random
            // bytes are full of traditional-looking characters that Big5 would call frequent).
            for (charset, kind, set) in [(ICU.Charset.gb18030, "gbk-as-latin1", Self.gb2312Level1Bitmap),
                                         (.big5, "big5-as-latin1", Self.big5Level1Bitmap)] where telling >= 2 {
                if let decoded = try? ICU.decode(bytes, from: charset), Self.isPlausible(decoded.text) {
                    let (score, han) = Self.chineseScore(decoded.text.unicodeScalars, in: set)
                    if han >= 1, score >= 0.9 { return (end, decoded.text, kind) }
                }
            }
            let last = scalars[end - 1].value
            guard last < 0x80 || Self.cp1252Specials[last] != nil else { return nil }
            end -= 1
            bytes.removeLast()
        }
        return nil
    }

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
            bytes += [UInt8(pair >> 8), UInt8(pair & 0xFF)]
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
                       learned: [UInt32: UInt32] = [:]) -> (Int, Int, String, String)? {
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
        var best: (Int, Int, String, String, Float)? = nil
        for (table, target, kind, model, lineFits) in [
            (Self.gbkReadAsBig5, Self.gb2312Level1Bitmap, "gbk-as-big5", BigramModel.simplified, script.simplified),
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
            guard context.han == 0 || context.score >= 0.8 else { continue }
            if best == nil || gain > best!.4 { best = (start, end, text, kind, gain) }
        }
        return best.map { ($0.0, $0.1, $0.2, $0.3) }
    }

    /// The windows-1252/Latin-1 bytes of `text`, or nil when a character has none.
    static func latinBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x100 { bytes.append(UInt8(scalar.value)) }
            else if let byte = cp1252Specials[scalar.value] { bytes.append(byte) }
            else { return nil }
        }
        return bytes
    }

    /// A repair must read as Chinese text: ASCII, Han, CJK and general punctuation, full-width forms
    /// (and U+FFFD where the garbled text itself had lost characters, as 锟斤拷 does).
    static func isPlausible(_ text: String, allowingLoss: Bool = false) -> Bool {
        text.unicodeScalars.allSatisfy { isPlausible($0.value) || (allowingLoss && $0.value == 0xFFFD) }
    }

    /// Whether a repaired text may hold `v`: ASCII, Han, CJK or full-width punctuation.
    static func isPlausible(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        return v < 0x80 || Tokenizer.kind(of: scalar) == .han || (0x3000...0x303F).contains(v)
            || (0xFF00...0xFFEF).contains(v) || (0x2000...0x206F).contains(v) || v == 0xB7
    }

    static func isCommonPunctuation(_ s: UInt32) -> Bool {
        switch s {
        case 0x3001, 0x3002, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0x201C, 0x201D, 0x2018, 0x2019,
             0xFF08, 0xFF09, 0x300A, 0x300B, 0x2014, 0x2026, 0x00B7:
            return true
        default:
            return false
        }
    }
}

/// What the mojibake step knows of a document from its earlier pieces.
struct MojibakeDocumentState: Sendable {
    /// The document's script, judged from its first piece.
    var script: MojibakeRepairer.DocumentScript?
    /// Characters that cross-decoding read back so far, and what as.
    var learned: [UInt32: UInt32] = [:]
}

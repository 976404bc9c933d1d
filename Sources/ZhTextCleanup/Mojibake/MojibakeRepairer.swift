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
///
/// This file is the dispatcher (a document's lines, then each line's triggers in turn); the
/// concepts live beside it: `MojibakePrefilter` (which lines to look at), `DocumentScript` (where
/// a cross-decoding look may start), `CharsetTables` and `FrequentCharacters` (the data),
/// `EscapeDecoding`, `LatinMisreading`, `MisreadUTF8Reader` with `MisreadUTF8Spans` and
/// `LostCharacterRestorer` (lossy UTF-8 misreadings, whole lines), `MisreadDoubleByteReader` (GBK
/// and Big5 read as each other, whole runs) and `HanCrossDecoding` (the older span search).
struct MojibakeRepairer {
    /// Whether a character a lossy decoder lost is restored where its known bytes and its
    /// neighbours leave one clear choice (see ``LostCharacterRestorer``), or left as U+FFFD.
    var restoresLostCharacters = true



    // MARK: Scan

    /// Whether a whole-run reading holds four times the Han characters of the rest of its line:
    /// then the rest is no context to judge its script by (it is the garbled tail the reading
    /// could not take, `…植酴` after a line of GBK read as Big5).
    static func dominatesLine(_ reading: MisreadDoubleByteReader.Reading, _ scalars: [Unicode.Scalar]) -> Bool {
        var rest = 0
        for k in scalars.indices where !reading.range.contains(k) && Tokenizer.kind(of: scalars[k]) == .han { rest += 1 }
        return reading.han >= 4 * max(rest, 1)
    }

    /// Scans a document line by line; a line is looked at closely only when its bytes hold a
    /// possible trigger, so clean text costs one pass over its bytes.
    ///
    /// A document cleaned in pieces passes `state` from one piece to the next: the script is
    /// judged from the first piece (at most its first 64 KB, as for a whole document), and what earlier
    /// pieces read back is remembered.
    func scanDocument(_ bytes: [UInt8], state: inout MojibakeDocumentState) -> (changes: [CleanupChange], findings: [StepFinding]) {
        var repairs: [CleanupChange] = []
        var findings: [StepFinding] = []
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
                repairs += lineRepairs.map { CleanupChange(range: ($0.range.lowerBound + start)..<($0.range.upperBound + start),
                                                    replacement: $0.replacement, kind: $0.kind, confidence: $0.confidence) }
                findings += lineFindings.map { StepFinding(range: ($0.range.lowerBound + start)..<($0.range.upperBound + start), kind: $0.kind) }
            }
        }
        return (repairs, findings)
    }
    /// Repairs and findings in one line. `crossStarts` are the characters that start a
    /// cross-decoding look in this document (see `DocumentScript`); `learned` collects, across
    /// the lines of a document, the characters that cross-decoding repairs read back, and what as.
    func scan(_ text: String, crossStarts: [UInt64], learned: inout [UInt32: UInt32]) -> (repairs: [CleanupChange], findings: [StepFinding]) {
        let scalars = Array(text.unicodeScalars)
        let offsets = utf8Offsets(of: scalars)
        // Which script the line is in, counted at the first cross-decoding start only (most
        // triggered lines have none): forms only one script's frequent set has.
        var lineScript: (simplified: Bool, traditional: Bool)? = nil
        func script() -> (simplified: Bool, traditional: Bool) {
            if let lineScript { return lineScript }
            var simplifiedOnly = 0, traditionalOnly = 0
            let (gb, big5) = (Self.gb2312Level1Bitmap, Self.big5Level1Bitmap)
            for scalar in scalars where scalar.value >= 0x3400 {
                let inGB = gb.contains(scalar.value), inBig5 = big5.contains(scalar.value)
                if inGB, !inBig5 { simplifiedOnly += 1 } else if inBig5, !inGB { traditionalOnly += 1 }
            }
            // A misread span adds forms of the other script, but rarely outweighs its line.
            let counted = (simplified: simplifiedOnly > 0 || traditionalOnly <= 3, traditional: traditionalOnly > 0 || simplifiedOnly <= 3)
            lineScript = counted
            return counted
        }
        var repairs: [CleanupChange] = []
        var findings: [StepFinding] = []
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
            if misreadBig5Spans == nil {
                // The WHATWG decoder loses two bytes a U+FFFD, Python's codec one: the reading
                // that repairs more of the line.
                // (Without a loss in the line the two read alike: one reading.)
                let whatwg = self.misreadSpans(scalars, reader: .big5, restoring: restoresLostCharacters)
                let lossy = scalars.contains { $0.value == 0xFFFD || $0.value == 0x1A }
                let python = lossy ? self.misreadSpans(scalars, reader: .big5OneByteLosses, restoring: restoresLostCharacters) : []
                func covered(_ spans: [MisreadSpan]) -> Int { spans.reduce(0) { $0 + $1.range.count } }
                func lost(_ spans: [MisreadSpan]) -> Int { spans.reduce(0) { $0 + $1.lost } }
                misreadBig5Spans = (covered(python), -lost(python)) > (covered(whatwg), -lost(whatwg)) ? python : whatwg
            }
            return misreadBig5Spans!.first { $0.range.contains(index) }
        }
        // GBK read as Big5 or Big5 read as GBK over a whole run of characters, read once for the
        // line: the reading with the larger gain, when it is frequent text of its script and
        // gains at least 3 bits a character (clean text loses under any misreading).
        var wholeCrossReadings: [(MisreadDoubleByteReader.Reading, EditKind)]? = nil
        func wholeCross(at index: Int) -> (MisreadDoubleByteReader.Reading, EditKind)? {
            if wholeCrossReadings == nil {
                var found: [(MisreadDoubleByteReader.Reading, EditKind)] = []
                // A misread run has several characters that start a look; a clean line that
                // triggered on one is not read whole. The starts are counted per reading
                // direction (a character that reads back as a frequent character of that script,
                // or U+FFFD): a clean line of one script has starts of the other direction only,
                // and reading it whole was most of the cost of one-line records.
                var startsSimplified = 0, startsTraditional = 0
                let (asBig5, asGBK) = (Self.gbkReadAsBig5, Self.big5ReadAsGBK)
                let (simplifiedLevel1, traditionalLevel1) = (Self.gb2312Level1Bitmap, Self.big5Level1Bitmap)
                for scalar in scalars where scalar.value == 0xFFFD || Self.isCrossStart(scalar.value, in: crossStarts) {
                    let v = scalar.value
                    if v == 0xFFFD || simplifiedLevel1.contains(UInt32(asBig5[Int(v)])) { startsSimplified += 1 }
                    if v == 0xFFFD || traditionalLevel1.contains(UInt32(asGBK[Int(v)])) { startsTraditional += 1 }
                }
                for (reader, starts) in [(MisreadDoubleByteReader.gbkReadAsBig5, startsSimplified), (.big5ReadAsGBK, startsTraditional)]
                where starts >= 2 {
                    for reading in reader.readings(scalars)
                    where reading.han >= 3 && reading.frequentHan * 10 >= reading.han * 9 && reading.lost <= reading.han
                        && reading.gain >= max(20, 3 * Float(reading.text.count))
                        && (Self.dominatesLine(reading, scalars)
                            || !Self.otherScriptFormsOutweigh(scalars[..<reading.range.lowerBound] + scalars[reading.range.upperBound...],
                                                           repairWrites: reader.kind == "gbk-as-big5"))
                        && !Self.readsAsOtherScript(scalars, reading.range, reading: reading.text, repairWrites: reader.kind == "gbk-as-big5") {
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
        func appendPieces(of span: MisreadSpan, kind: EditKind) {
            guard !span.pieces.isEmpty else {
                repairs.append(CleanupChange(range: offsets[span.range.lowerBound]..<offsets[span.range.upperBound],
                                      replacement: span.replacement, kind: kind, confidence: span.confidence))
                return
            }
            for piece in span.pieces {
                repairs.append(CleanupChange(range: offsets[piece.range.lowerBound]..<offsets[piece.range.upperBound], replacement: piece.replacement,
                                      kind: piece.restored == nil ? kind : "restored-character", confidence: piece.restored ?? span.confidence))
            }
        }
        var i = 0
        while i < scalars.count {
            let s = scalars[i].value
            if s == 0x26, let (end, replacement, kind) = entities(scalars, i) {
                repairs.append(CleanupChange(range: offsets[i]..<offsets[end], replacement: replacement, kind: kind, confidence: 0.97))
                i = end
            } else if s == 0x25, isPercentByte(scalars, i) {
                // A run of %XX either decodes as a whole or is left alone as a whole (a URL's %2F).
                var end = i
                while isPercentByte(scalars, end) { end += 3 }
                if let (decodedEnd, replacement, kind) = percent(scalars, i), decodedEnd == end {
                    repairs.append(CleanupChange(range: offsets[i]..<offsets[end], replacement: replacement, kind: kind, confidence: 0.95))
                }
                i = end
            } else if s == 0x5C, let (end, replacement) = unicodeEscapes(scalars, i) {
                repairs.append(CleanupChange(range: offsets[i]..<offsets[end], replacement: replacement, kind: "unicode-escapes", confidence: 0.95))
                i = end
            } else if (s == 0x70EB || s == 0x5C6F), i + 2 < scalars.count, scalars[i + 1].value == s, scalars[i + 2].value == s {
                var end = i
                while end < scalars.count, scalars[end].value == s { end += 1 }
                repairs.append(CleanupChange(range: offsets[i]..<offsets[end], replacement: "", kind: "garbage-run", confidence: 0.9))
                i = end
            } else if (0xC2...0xF4).contains(s) || s == 0xFFFD, i + 1 < scalars.count, Self.isLatinMojibake(scalars[i + 1].value),
                      let span = misreadLatin(at: i) {
                let range = offsets[span.range.lowerBound]..<offsets[span.range.upperBound]
                appendPieces(of: span, kind: "utf8-as-latin1")
                if span.lost > 0 { findings.append(StepFinding(range: range, kind: "unrecovered-characters")) }
                i = max(span.range.upperBound, i + 1)
            } else if Self.isLatinMojibake(s) {
                // Decoded as a whole from its first character, or not at all (no misaligned retries).
                var runEnd = i
                while runEnd < scalars.count, Self.isLatinMojibake(scalars[runEnd].value) { runEnd += 1 }
                if let (end, replacement, kind) = latinRun(scalars, i) {
                    repairs.append(CleanupChange(range: offsets[i]..<offsets[end], replacement: replacement, kind: kind, confidence: 0.9))
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
                    findings.append(StepFinding(range: range, kind: "unrecovered-characters"))
                }
                if scalars[span.range].contains("\u{951F}") {
                    // 锟斤拷 inside the span: the characters behind it were lost before the misreading.
                    findings.append(StepFinding(range: range, kind: "lost-before-mojibake"))
                }
                i = max(span.range.upperBound, i + 1)
            } else if s == 0xFFFD || s < 0x10000 && Self.big5Bytes[Int(s)] >> 12 == 0xE && (0xA1...0xBF).contains(Self.big5Bytes[Int(s)] & 0xFF),
                      let span = misreadBig5(at: i) {
                let range = offsets[span.range.lowerBound]..<offsets[span.range.upperBound]
                appendPieces(of: span, kind: "utf8-as-big5")
                if span.lost > 0 { findings.append(StepFinding(range: range, kind: "unrecovered-characters")) }
                i = max(span.range.upperBound, i + 1)
            } else if Self.isCrossStart(s, in: crossStarts) || s == 0xFFFD, let (reading, kind) = wholeCross(at: i) {
                let range = offsets[reading.range.lowerBound]..<offsets[reading.range.upperBound]
                var text = String.UnicodeScalarView()
                for c in reading.text { text.append(Unicode.Scalar(c) ?? "\u{FFFD}") }
                repairs.append(CleanupChange(range: range, replacement: String(text), kind: kind, confidence: 0.85))
                if reading.lost > 0 { findings.append(StepFinding(range: range, kind: "unrecovered-characters")) }
                i = max(reading.range.upperBound, i + 1)
            } else if Self.isCrossStart(s, in: crossStarts),
                      let (start, end, replacement, kind) = crossDecoding(scalars, i, script: script(), learned: learned) {
                for (from, to) in zip(scalars[start..<end], replacement.unicodeScalars) where from.value >= 0x80 {
                    learned[from.value] = to.value
                }
                repairs.append(CleanupChange(range: offsets[start]..<offsets[end], replacement: replacement, kind: kind, confidence: 0.85))
                i = max(end, i + 1)
            } else {
                if s == 0xFFFD { findings.append(StepFinding(range: offsets[i]..<offsets[i + 1], kind: "replacement-character")) }
                if s == 0x951F, i + 2 < scalars.count, scalars[i + 1] == "斤", scalars[i + 2] == "拷" {
                    findings.append(StepFinding(range: offsets[i]..<offsets[i + 3], kind: "kun-jin-kao"))
                }
                // 環?;A設 (seed 002): ASCII debris where Han characters were, here or behind a reading.
                if s == 0x3F || s == 0x3B, i > 0, i + 1 < scalars.count,
                   Tokenizer.kind(of: scalars[i - 1]) == .han || scalars[i - 1] == ")",
                   scalars[i + 1].value < 0x80, scalars[i + 1] != " ", scalars[i + 1] != "\n",
                   findings.last.map({ $0.range.upperBound != offsets[i] }) ?? true {
                    findings.append(StepFinding(range: offsets[i]..<offsets[i + 1], kind: "garbled-bytes"))
                }
                i += 1
            }
        }
        // A repair may start inside a span an earlier repair took (han runs look back): keep the first.
        var kept: [CleanupChange] = []
        for repair in repairs where repair.range.lowerBound >= (kept.last?.range.upperBound ?? 0) { kept.append(repair) }
        return (kept, findings)
    }

    /// (and U+FFFD where the garbled text itself had lost characters, as 锟斤拷 does).
    static func isPlausible(_ text: String, allowingLoss: Bool = false) -> Bool {
        text.unicodeScalars.allSatisfy { isPlausible($0.value) || (allowingLoss && $0.value == 0xFFFD) }
    }

    /// Whether a repaired text may hold `v`: ASCII, Han, CJK or full-width punctuation, and the
    /// signs news text writes with them (`43℃`, `3×3`, `①`, `★`).
    static func isPlausible(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        return v < 0x80 || Tokenizer.kind(of: scalar) == .han || (0x3000...0x303F).contains(v)
            || (0xFF00...0xFFEF).contains(v) || (0x2000...0x206F).contains(v) || isNewsSign(v)
    }

    static func isNewsSign(_ v: UInt32) -> Bool {
        switch v {
        case 0xB7, 0xB0, 0xD7, 0xF7, 0x2103, 0x2116, 0x2160...0x216B, 0x2460...0x2473,
             0x25A0, 0x25A1, 0x25B2, 0x25B3, 0x25C6, 0x25C7, 0x25CB, 0x25CF, 0x2605, 0x2606:
            return true
        default:
            return false
        }
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

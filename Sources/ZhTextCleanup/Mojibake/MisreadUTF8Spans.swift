import ZhTextCore

/// Where a line holds UTF-8 misread by a two-byte decoder, and what it read.
extension MojibakeRepairer {
    struct MisreadSpan {
        var range: Range<Int>          // scalar indices of the garbled text
        var replacement: String
        var lost: Int                  // characters written as U+FFFD
        var restored: Int              // lost characters restored
        var confidence: Double
        /// The span cut where garbled and read characters begin together, so that a restored
        /// character is an edit of its own (with the restorer's confidence) and the rest is
        /// plain misreading; one piece when nothing was restored.
        var pieces: [Piece] = []

        struct Piece {
            var range: Range<Int>
            var replacement: String
            /// The restorer's confidence, for a piece with a restored character.
            var restored: Double?
        }
    }

    /// What a GBK decoder mostly writes for UTF-8: Han, kana, and U+FFFD where it dropped a byte.
    static func isFirstReading(_ v: UInt32) -> Bool {
        (0x3400...0x9FFF).contains(v) || (0x3040...0x30FF).contains(v) || v == 0xFFFD
    }

    /// The spans of `scalars` that read back as frequent Chinese through `reader`: maximal runs of
    /// characters that read as valid UTF-8 (lost characters included) of text a repair may
    /// produce, cut where a garbled character's bytes begin and end. A span needs two or more
    /// Han characters, 85% of them frequent, more frequent than the garbled text was, and no
    /// more lost characters than three times its Han ones; a shorter one with fewer than two
    /// lost characters (`骞达紝` for `年，`) needs a gain of 15 bits under the bigram model, its
    /// neighbours included. A second reading of a doubly garbled run (`nested`) needs only to
    /// read all of that run.
    func misreadSpans(_ scalars: [Unicode.Scalar], reader: MisreadUTF8Reader, restoring: Bool = true,
                      nested: Int = 0, oneByteLosses: Set<Int> = []) -> [MisreadSpan] {
        let units = reader.read(scalars[...], oneByteLosses: oneByteLosses)
        // ASCII inside a span may be a trail byte that the misreading took into a Han character
        // (`鍔濧1` for `办A1`); at a span's edges it stays what it is.
        func usable(_ u: MisreadUTF8Reader.Unit) -> Bool {
            u.valid && (u.isLost || u.scalar < 0x80 || Self.isPlausible(u.scalar) || u.scalar == 0xFFFD)
        }
        var spans: [MisreadSpan] = []
        // Garbled twice (UTF-8 → GBK → UTF-8 → GBK): what a run of valid UTF-8 reads is itself
        // UTF-8 misread (kana and symbols included, as GBK decoders write them); read it again,
        // and take the run when the second reading repairs every non-ASCII character of it.
        var doubled: [Range<Int>] = []
        if nested == 0 {
            var k = 0
            while k < units.count {
                guard units[k].valid else { k += 1; continue }
                var e = k
                while e < units.count, units[e].valid { e += 1 }
                defer { k = e }
                // The run's ends: aligned, not ASCII, and what a GBK decoder writes (clean text
                // next to a garbled clause may read on as a Latin or IPA letter, `山` as `ɽ`).
                func isEnd(_ u: MisreadUTF8Reader.Unit) -> Bool {
                    u.isLost || u.scalar >= 0x80 && Self.isFirstReading(u.scalar)
                }
                var a = k, b = e
                while a < b, !units[a].startsAligned || !isEnd(units[a]) { a += 1 }
                while b > a, !units[b - 1].endsAligned || !isEnd(units[b - 1]) { b -= 1 }
                guard b - a >= 4 else { continue }
                // A first reading of doubly garbled text is Han, kana and the first decoder's
                // U+FFFD (what GBK decoders mostly write), digits and Latin letters between;
                // clean text read so gives Latin, Greek or Hebrew letters, and is not read again.
                // Characters it lost are no evidence (a loss fits any bytes), and U+FFFD alone is
                // none either: `锟斤拷锟斤拷` is text lost before it was garbled, reported as such.
                var readAsGBK = 0, hanOrKana = 0, nonASCII = 0
                for u in units[a..<b] where u.isLost || u.scalar >= 0x80 {
                    nonASCII += 1
                    if !u.isLost, Self.isFirstReading(u.scalar) { readAsGBK += 1 }
                    if !u.isLost, u.scalar != 0xFFFD, Self.isFirstReading(u.scalar) { hanOrKana += 1 }
                }
                guard 2 * readAsGBK > nonASCII, hanOrKana >= 3 else { continue }
                let once = units[a..<b].map { Unicode.Scalar($0.isLost ? 0xFFFD : $0.scalar) ?? "\u{FFFD}" }
                // A character the first reading lost was one or two bytes of the second; a U+FFFD
                // it read whole (`锟斤拷`) is one the first decoder wrote for one byte it dropped.
                var oneByteLosses = Set<Int>()
                for (offset, u) in units[a..<b].enumerated() where !u.isLost && u.scalar == 0xFFFD { oneByteLosses.insert(offset) }
                var innerReader = MisreadUTF8Reader(pairs: reader.pairs, euroIsByte80: reader.euroIsByte80, lossMayTakeTwoBytes: true)
                innerReader.lossFitsContinuations = true
                let inner = misreadSpans(once, reader: innerReader, restoring: restoring, nested: 1, oneByteLosses: oneByteLosses)
                var covered = 0
                for span in inner { covered += once[span.range].filter { $0.value >= 0x80 }.count }
                guard !inner.isEmpty, covered == once.filter({ $0.value >= 0x80 }).count else { continue }
                var text = String.UnicodeScalarView()
                var position = 0
                for span in inner {
                    text.append(contentsOf: once[position..<span.range.lowerBound])
                    text.append(contentsOf: span.replacement.unicodeScalars)
                    position = span.range.upperBound
                }
                text.append(contentsOf: once[position...])
                let range = units[a].garbled.lowerBound..<units[b - 1].garbled.upperBound
                spans.append(MisreadSpan(range: range, replacement: String(text), lost: inner.reduce(0) { $0 + $1.lost },
                                         restored: inner.reduce(0) { $0 + $1.restored },
                                         confidence: 0.95 * inner.map(\.confidence).min()!))
                doubled.append(a..<b)
            }
        }
        var k = 0
        while k < units.count {
            if let run = doubled.first(where: { $0.contains(k) }) { k = run.upperBound; continue }
            guard usable(units[k]) else { k += 1; continue }
            var e = k
            while e < units.count, usable(units[e]), !doubled.contains(where: { $0.contains(e) }) { e += 1 }
            defer { k = e }
            var a = k, b = e
            while a < b, !units[a].startsAligned || (!units[a].isLost && units[a].scalar < 0x80) { a += 1 }
            // (A U+FFFD that was in the text before it was garbled may end in ASCII that was a
            // garbled character's trail byte: `锟給` for `�o`.)
            func endsReplacement(_ e: Int) -> Bool {
                e - 2 >= a && !units[e - 1].isLost && units[e - 1].scalar < 0x80 && !units[e - 1].asciiKept
                    && !units[e - 2].isLost && units[e - 2].scalar == 0xFFFD
            }
            while b > a, !units[b - 1].endsAligned || (!units[b - 1].isLost && units[b - 1].scalar < 0x80 && !endsReplacement(b)) { b -= 1 }
            guard b - a >= 1 else { continue }
            var han = 0, frequentHan = 0, lost = 0, simplified = 0, traditional = 0
            let forms = Self.scriptOnlyForms
            for u in units[a..<b] {
                if u.isLost { lost += 1; continue }
                guard let scalar = Unicode.Scalar(u.scalar), Tokenizer.kind(of: scalar) == .han else { continue }
                han += 1
                if Self.frequent.contains(u.scalar) { frequentHan += 1 }
                if u.scalar < 0x10000 {
                    let bit: UInt64 = 1 << UInt64(u.scalar & 63)
                    if forms.simplified[Int(u.scalar) >> 6] & bit != 0 { simplified += 1 }
                    if forms.traditional[Int(u.scalar) >> 6] & bit != 0 { traditional += 1 }
                }
            }
            let range = units[a].garbled.lowerBound..<units[b - 1].garbled.upperBound
            let before = Self.chineseScore(scalars[range])
            let score = han == 0 ? 0 : Double(frequentHan) / Double(han)
            // Most of a line may be lost (UTF-8 read by Python's Big5 codec keeps about one
            // character in five): then the bytes' fit to UTF-8 over many characters is the
            // evidence, with text around the losses that is no Chinese as it stands.
            // (Three in four lost: the garbled text as it stands is no evidence either way.)
            let mostlyLost = lost >= 4 && b - a >= 8 && (before.score < 0.7 || 4 * lost >= 3 * (b - a)) && (han == 0 || score >= 0.85)
            // A second reading (nested) stands on the first's evidence: a run of valid UTF-8
            // that this reading reads in full, losses and all.
            let readAgain = nested > 0 && (han == 0 || score >= 0.85)
            // A U+FFFD that was already in the text, its bytes read as GBK with the ASCII after
            // it (`锟紼` for `�E` in a URL): 锟 is EF BF, a character no clean text writes.
            var decodedReplacements = 0, otherNonASCII = 0
            for u in units[a..<b] where !u.isLost && u.scalar >= 0x80 {
                if u.scalar == 0xFFFD { decodedReplacements += 1 } else { otherNonASCII += 1 }
            }
            // (`锟斤拷` alone is text lost before it was garbled: it stays, and is reported.)
            let replacementBeforeASCII = lost == 0 && decodedReplacements > 0 && otherNonASCII == 0 && endsReplacement(b)
            guard readAgain || mostlyLost || replacementBeforeASCII || han >= 1 && score >= 0.85 && lost <= 3 * han && (score > before.score || before.han < han)
            else { continue }
            let model = traditional > simplified ? BigramModel.traditional : BigramModel.simplified
            // A second reading (nested) needs no gain of its own: the first was valid UTF-8 of
            // Han and U+FFFD, and the run is taken only when this one reads all of it.
            // (Two or more lost characters are evidence enough: only a lossy decoder's U+FFFD
            // makes one, and the known bytes around them had to fit.)
            if han < 2, !mostlyLost, !replacementBeforeASCII, nested == 0, lost < 2 {
                // The gain of reading the span back: bigram weights inside it and across its edges.
                var read = units[a..<b].map { $0.isLost ? 0xFFFD : $0.scalar }
                var stands = scalars[range].map(\.value)
                if range.lowerBound > 0 { read.insert(scalars[range.lowerBound - 1].value, at: 0); stands.insert(read[0], at: 0) }
                if range.upperBound < scalars.count { read.append(scalars[range.upperBound].value); stands.append(read.last!) }
                func weight(_ text: [UInt32]) -> Float { zip(text, text.dropFirst()).reduce(0) { $0 + model.weight($1.0, $1.1) } }
                guard weight(read) - weight(stands) >= 15 else { continue }
            }
            var text = String.UnicodeScalarView()
            var restored = 0
            let confidence = 0.9
            // Restoring needs context: where more than a quarter is lost, neighbours are guesses.
            let restoring = restoring && lost * 4 <= b - a
            var pieces: [MisreadSpan.Piece] = []
            var piece = String.UnicodeScalarView(), pieceStart = a, pieceRestored: Double? = nil
            for index in a..<b {
                let u = units[index]
                if !u.isLost {
                    text.append(Unicode.Scalar(u.scalar)!)
                    piece.append(Unicode.Scalar(u.scalar)!)
                } else {
                    let previous = index > a && !units[index - 1].isLost ? units[index - 1].scalar : nil
                    let next = index + 1 < b && !units[index + 1].isLost ? units[index + 1].scalar : nil
                    if restoring, let (scalar, sure) = LostCharacterRestorer().restore(pattern: u.pattern, previous: previous, next: next, model: model) {
                        text.append(Unicode.Scalar(scalar)!)
                        piece.append(Unicode.Scalar(scalar)!)
                        restored += 1
                        pieceRestored = min(pieceRestored ?? 1, sure)
                    } else {
                        text.append("\u{FFFD}")
                        piece.append("\u{FFFD}")
                    }
                }
                // A cut: this character's bytes end a garbled character's, the next one's begin one.
                let cut = index + 1 == b || (u.endsAligned && units[index + 1].startsAligned)
                guard cut else { continue }
                let pieceRange = units[pieceStart].garbled.lowerBound..<u.garbled.upperBound
                if let last = pieces.last, last.restored == nil, pieceRestored == nil {
                    pieces[pieces.count - 1] = MisreadSpan.Piece(range: last.range.lowerBound..<pieceRange.upperBound,
                                                                 replacement: last.replacement + String(piece), restored: nil)
                } else {
                    pieces.append(MisreadSpan.Piece(range: pieceRange, replacement: String(piece), restored: pieceRestored))
                }
                piece = String.UnicodeScalarView()
                pieceStart = index + 1
                pieceRestored = nil
            }
            spans.append(MisreadSpan(range: range, replacement: String(text), lost: lost - restored, restored: restored,
                                     confidence: confidence, pieces: pieces))
        }
        return spans.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}

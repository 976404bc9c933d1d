import Foundation
import Testing
@testable import ZhTextCore

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer()

    /// Checks the tokenizer's contract on any byte string: tokens tile the input, scalar
    /// ranges tile too, each token's scalar count is what decoding its bytes gives, and the
    /// total agrees with `String(decoding:as:)`.
    func assertTiles(_ bytes: [UInt8], _ context: Comment) {
        let tokens = tokenizer.tokens(inUTF8: bytes)
        var utf8 = 0, scalars = 0
        for token in tokens {
            #expect(token.utf8Range.lowerBound == utf8, context)
            #expect(token.scalarRange.lowerBound == scalars, context)
            #expect(!token.utf8Range.isEmpty, context)
            let piece = String(decoding: bytes[token.utf8Range], as: UTF8.self)
            #expect(piece.unicodeScalars.count == token.scalarRange.count, context)
            utf8 = token.utf8Range.upperBound
            scalars = token.scalarRange.upperBound
        }
        #expect(utf8 == bytes.count, context)
        #expect(scalars == String(decoding: bytes, as: UTF8.self).unicodeScalars.count, context)
    }

    @Test func seedsTileExactly() throws {
        for url in try seedPaths() {
            let bytes = try [UInt8](Data(contentsOf: url))
            assertTiles(bytes, "\(url.lastPathComponent)")
            let text = String(decoding: bytes, as: UTF8.self)
            let rebuilt = tokenizer.tokens(in: text).map { $0.text(in: text) }.joined()
            #expect(rebuilt == text)
        }
    }

    @Test func pinyinAnnotatedSeedLine() throws {
        let line = "全區(qū)生態(tài)環(huán)境保護大會召開,會議傳達(dá)學(xué)習(xí)全國、全省"
        let kinds = tokenizer.tokens(in: line).map { "\($0.kind.name):\($0.text(in: line))" }
        #expect(Array(kinds.prefix(9)) == [
            "han:全區", "punctuation.opening-bracket:(", "latin:qū", "punctuation.closing-bracket:)",
            "han:生態", "punctuation.opening-bracket:(", "latin:tài", "punctuation.closing-bracket:)", "han:環",
        ])
        #expect(kinds.contains("punctuation.clause-separator:,"))
        #expect(kinds.contains("punctuation.enumeration-comma:、"))
    }

    @Test(arguments: [
        ("。", TokenKind.punctuation(.sentenceTerminator)), ("！", .punctuation(.sentenceTerminator)),
        ("?", .punctuation(.sentenceTerminator)), ("，", .punctuation(.clauseSeparator)),
        (";", .punctuation(.clauseSeparator)), ("：", .punctuation(.clauseSeparator)),
        ("、", .punctuation(.enumerationComma)), ("“", .punctuation(.openingQuote)),
        ("」", .punctuation(.closingQuote)), ("\"", .punctuation(.ambiguousQuote)),
        ("（", .punctuation(.openingBracket)), ("】", .punctuation(.closingBracket)),
        ("《", .punctuation(.openingBookTitle)), ("〉", .punctuation(.closingBookTitle)),
        ("……", .punctuation(.ellipsis)), ("——", .punctuation(.dash)), ("·", .punctuation(.other)),
        ("%", .punctuation(.other)), ("+", .symbol), ("℃", .symbol), ("¥", .symbol),
        ("123", .digits), ("２０２３", .digits), ("GDP", .latin), ("Émile", .latin), ("ＡＢ", .latin),
        ("ひらがな", .otherLetters), ("한국", .otherLetters), ("\u{3000}\t ", .whitespace),
        ("\r\n", .lineBreak), ("\u{2029}", .lineBreak), ("😀", .emoji), ("👨‍👩‍👧", .emoji), ("🇨🇳", .emoji),
        ("\u{200B}", .other), ("...", .punctuation(.ellipsis)), ("〇々", .han),
    ])
    func classifiesAWholeRun(text: String, kind: TokenKind) {
        let tokens = tokenizer.tokens(in: text)
        #expect(tokens.count == 1, "\(text): \(tokens.map(\.kind.name))")
        #expect(tokens.first?.kind == kind)
    }

    @Test func hanCoversEveryExtensionAndRadicals() {
        let samples: [UInt32] = [
            0x4E00, 0x9FFF, 0x3400, 0x4DBF, 0x20000, 0x2A6DF, 0x2A700, 0x2B739, 0x2B740, 0x2B81D, 0x2B820,
            0x2CEA1, 0x2CEB0, 0x2EBE0, 0x30000, 0x3134A, 0x31350, 0x323AF, 0xF900, 0xFAD9, 0x2F800, 0x2FA1D,
            0x2E80, 0x2F00, 0x2FD5,
        ]
        for value in samples {
            let scalar = Unicode.Scalar(value)!
            #expect(Tokenizer.kind(of: scalar) == .han, "U+\(String(value, radix: 16, uppercase: true))")
        }
        #expect(Tokenizer.kind(of: "\u{4DC0}") == .symbol)  // Yijing hexagram, next to Extension A
    }

    @Test func halfWidthPunctuationIsClassifiedByCodePoint() {
        let text = "會議指出,近年來;要求:好!是嗎?(試點)"
        let punctuation = tokenizer.tokens(in: text).compactMap { token -> Punctuation? in
            if case .punctuation(let p) = token.kind { return p }
            return nil
        }
        #expect(punctuation == [.clauseSeparator, .clauseSeparator, .clauseSeparator, .sentenceTerminator,
                                .sentenceTerminator, .openingBracket, .closingBracket])
    }

    @Test func fullStopRunsAreEllipsesButMixedTerminatorsAreNot() {
        let text = "真的!!!...。。。?！"
        let kinds = tokenizer.tokens(in: text).map(\.kind)
        #expect(kinds == [.han, .punctuation(.sentenceTerminator), .punctuation(.ellipsis),
                          .punctuation(.ellipsis), .punctuation(.sentenceTerminator)])
    }

    @Test func invalidBytesBecomeInvalidTokensWithTheirRanges() {
        let bytes: [UInt8] = Array("发".utf8) + [0xFF, 0xC0, 0x80] + Array("展".utf8) + [0xE5, 0x8F]
        let tokens = tokenizer.tokens(inUTF8: bytes)
        #expect(tokens.map(\.kind) == [.han, .invalid, .han, .invalid])
        #expect(tokens[1].utf8Range == 3..<6)
        #expect(tokens[1].scalarRange == 1..<4)  // 0xFF, 0xC0, 0x80: three maximal subparts
        #expect(tokens[3].utf8Range == 9..<11)
        #expect(tokens[3].scalarRange == 5..<6)  // a truncated sequence is one subpart
        assertTiles(bytes, "mixed")
    }

    @Test func emptyInputYieldsNothing() {
        #expect(tokenizer.tokens(in: "").isEmpty)
        #expect(tokenizer.tokens(inUTF8: [UInt8]()).isEmpty)
    }

    @Test func substringOffsetsCountFromTheSubstring() {
        let text = "前言。河(湖)长制"
        let sub = text[text.index(text.startIndex, offsetBy: 3)...]
        var first: Token?
        tokenizer.forEachToken(in: sub) { if first == nil { first = $0 } }
        #expect(first == Token(kind: .han, utf8Range: 0..<3, scalarRange: 0..<1))
    }

    @Test func nonContiguousCollectionsAreAccepted() {
        let bytes = Array("绿水青山就是金山银山".utf8)
        let chained = bytes.prefix(6).lazy.map { $0 } + bytes.dropFirst(6)
        #expect(tokenizer.tokens(inUTF8: chained) == tokenizer.tokens(inUTF8: bytes))
    }

    @Test func chunkedIterationWithOriginsEqualsWholeInput() throws {
        let text = try fixtureText("seeds/003_5be64723186af613.txt")
        let whole = tokenizer.tokens(in: text)
        var pieces: [Token] = []
        let bytes = Array(text.utf8)
        var origin = TextPosition.zero
        var start = 0
        while start < bytes.count {
            var end = min(start + 700, bytes.count)
            while end < bytes.count, bytes[end - 1] != 0x0A { end += 1 }
            bytes[start..<end].withUnsafeBufferPointer { buffer in
                var iterator = TokenIterator(buffer, origin: origin)
                while let token = iterator.next() { pieces.append(token) }
                origin = iterator.position
            }
            start = end
        }
        #expect(pieces == whole)
    }

    @Test func randomBytesAlwaysTile() {
        var rng = SplitMix64(seed: 0x5EED_0001)
        let alphabet: [[UInt8]] = [
            Array("发".utf8), Array("。".utf8), Array("a".utf8), Array("😀".utf8), Array("\r\n".utf8),
            [0xE5], [0x8F], [0xFF], [0xF0, 0x9F], [0xED, 0xA0, 0x80], [0xC2], [0x80], [0xF4, 0x90],
            [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF], [0xE1, 0x80],
        ]
        for round in 0..<500 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &rng) {
                if Bool.random(using: &rng) {
                    bytes.append(UInt8.random(in: 0...255, using: &rng))
                } else {
                    bytes += alphabet.randomElement(using: &rng)!
                }
            }
            assertTiles(bytes, "round \(round): \(bytes)")
        }
    }

    @Test func randomValidTextTilesAndRoundTrips() {
        var rng = SplitMix64(seed: 0x5EED_0002)
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x4E00...0x9FFF, 0x3000...0x303F, 0xFF01...0xFF5E, 0x1F300...0x1F64F, 0x20000...0x2A6DF,
            0x0300...0x036F, 0x2010...0x2030, 0xFE00...0xFE0F, 0x0A...0x0D,
        ]
        for round in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 0...60, using: &rng) {
                let range = ranges.randomElement(using: &rng)!
                text.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: range, using: &rng))!)
            }
            assertTiles(Array(text.utf8), "round \(round): \(text.debugDescription)")
            #expect(tokenizer.tokens(in: text).map { $0.text(in: text) }.joined() == text)
        }
    }

    @Test func firstInvalidOffset() {
        let good = Array("环保基础设施".utf8)
        #expect(good.withUnsafeBufferPointer { firstInvalidUTF8Offset(in: $0) } == nil)
        let bad = Array("ascii only here!".utf8) + [0xE7, 0x8E]
        #expect(bad.withUnsafeBufferPointer { firstInvalidUTF8Offset(in: $0) } == 16)
    }

    /// The standard library's decoder is the reference: where it first reports an error.
    func referenceInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// Damaged Chinese text, including the three-byte forms the fast path must refuse
    /// (overlong E0 80–9F, surrogates ED A0–BF, truncated characters).
    @Test func firstInvalidOffsetAgreesWithTheStandardLibrary() {
        var rng = SplitMix64(seed: 0x5EED_0003)
        let clean = Array("推进环保基础设施建设，Ａ股（2023）发展𠀀字。".utf8)
        let traps: [[UInt8]] = [[0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
                                [0xE4, 0xB8], [0xE4], [0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBF, 0xBF]]
        for round in 0..<2_000 {
            var bytes = clean
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                let at = Int.random(in: 0...bytes.count, using: &rng)
                if Bool.random(using: &rng) {
                    bytes.insert(contentsOf: traps.randomElement(using: &rng)!, at: at)
                } else if at < bytes.count {
                    bytes[at] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            let offset = bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset(in: $0) }
            #expect(offset == referenceInvalidOffset(bytes), "round \(round): \(bytes)")
        }
    }

    /// Long runs of three-byte characters, so that the 48-byte vector blocks carry the pass,
    /// broken by ASCII, two- and four-byte characters and the damage above, anywhere in a block.
    func longDamagedText(_ rng: inout SplitMix64) -> [UInt8] {
        let pieces: [[UInt8]] = ["中", "华", "，", "。", "丽", "\u{F92C}", "\u{2FF0}", "\u{2F80}", "\u{2F800}", "ａ", "—"].map { Array($0.utf8) }
        let breaks: [[UInt8]] = [Array("2023".utf8), [0x0A], Array("é".utf8), Array("𠀀".utf8), Array("\u{FA0E}".utf8),
                                 [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8],
                                 [0x80], [0xFF], [0xEF, 0xBF]]
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...400, using: &rng) {
            // Mostly ordinary characters; the rare ones stay rare so most texts lack them.
            let rare = Int.random(in: 0..<60, using: &rng) == 0
            bytes += rare ? pieces[Int.random(in: 5..<pieces.count, using: &rng)] : pieces[Int.random(in: 0..<5, using: &rng)]
            if Int.random(in: 0..<40, using: &rng) == 0 {
                let limit = Int.random(in: 0..<4, using: &rng) == 0 ? breaks.count : 5
                bytes += breaks[Int.random(in: 0..<limit, using: &rng)]
            }
        }
        return bytes
    }

    @Test func longTextsValidateAsTheStandardLibraryDoes() {
        var rng = SplitMix64(seed: 0x5EED_0004)
        for round in 0..<3_000 {
            let bytes = longDamagedText(&rng)
            let offset = bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset(in: $0) }
            #expect(offset == referenceInvalidOffset(bytes), "round \(round)")
        }
    }

    /// Every place a byte can be cut from or added to news text (with digits, a line feed, a
    /// two-byte `·` and a four-byte character), so that each falls at every lane of a vector step
    /// and on its edges.
    @Test func everyCutAndStrayByteIsFoundWhereTheStandardLibraryFindsIt() {
        let text = Array("2023年9月，推进环保基础设施建设。\n阿卜杜拉·希扬说：“生态优先、绿色发展𠀀。”".utf8)
        for at in 0..<text.count {
            var variants: [[UInt8]] = []
            for width in 1...2 where at + width <= text.count {
                var cut = text
                cut.removeSubrange(at..<(at + width))
                variants.append(cut)
            }
            for stray: UInt8 in [0x80, 0xBF, 0xE4, 0xC3, 0xF0, 0xFF] {
                var added = text
                added.insert(stray, at: at)
                variants.append(added)
            }
            for bytes in variants {
                let offset = bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset(in: $0) }
                #expect(offset == referenceInvalidOffset(bytes), "at \(at): \(bytes)")
            }
        }
    }

    /// The pairs noted by the validating pass are exactly those a byte-by-byte search finds in
    /// the valid prefix (and any it notes past the first invalid byte are really there).
    @Test func scanNotesExactlyThePairsInTheText() {
        let pairs: [(lead: UInt8, low: UInt8, high: UInt8)] = [(0xE2, 0xBF, 0xBF), (0xEF, 0xA4, 0xAB), (0xF0, 0xAF, 0xAF),
                                                                (0xE2, 0xBE, 0xBE)]
        func naive(_ bytes: ArraySlice<UInt8>) -> UInt64 {
            var seen: UInt64 = 0
            for i in bytes.indices.dropLast() {
                for (k, pair) in pairs.enumerated() where bytes[i] == pair.lead && (pair.low...pair.high).contains(bytes[i + 1]) {
                    seen |= 1 << UInt64(k)
                }
            }
            return seen
        }
        var rng = SplitMix64(seed: 0x5EED_0005)
        var noted = [0, 0, 0, 0]
        for (set, chosen) in [[0, 1], [0, 1, 2], [0, 1, 2, 3]].enumerated() {
            let filter = UTF8BytePairs(chosen.map { pairs[$0] })
            for round in 0..<1_500 {
                let bytes = longDamagedText(&rng)
                let scan = bytes.withUnsafeBufferPointer { scanUTF8($0, noting: filter) }
                #expect(scan.firstInvalidOffset == referenceInvalidOffset(bytes), "set \(set) round \(round)")
                let valid = bytes[..<(scan.firstInvalidOffset ?? bytes.count)]
                let everywhere = naive(bytes[...])
                let expectedPrefix = chosen.enumerated().reduce(UInt64(0)) { naive(valid) & (1 << UInt64($1.element)) != 0 ? $0 | 1 << UInt64($1.offset) : $0 }
                let expectedAnywhere = chosen.enumerated().reduce(UInt64(0)) { everywhere & (1 << UInt64($1.element)) != 0 ? $0 | 1 << UInt64($1.offset) : $0 }
                #expect(scan.pairsSeen & expectedPrefix == expectedPrefix, "set \(set) round \(round): a pair missed")
                #expect(scan.pairsSeen & ~expectedAnywhere == 0, "set \(set) round \(round): a pair noted that is not there")
                if scan.firstInvalidOffset == nil { #expect(scan.pairsSeen == expectedPrefix, "set \(set) round \(round)") }
                for k in chosen.indices where scan.pairsSeen & (1 << UInt64(k)) != 0 { noted[chosen[k]] += 1 }
            }
        }
        // Each pair turned up in some texts and not in others, so both answers were tested.
        #expect(noted.allSatisfy { $0 > 50 && $0 < 4_000 }, "\(noted)")
    }
}

@Suite struct OffsetMapTests {
    func map(_ pieces: [(Int, Int, Bool)]) -> OffsetMap {
        var m = OffsetMap()
        for (s, t, l) in pieces { m.append(sourceLength: s, targetLength: t, linear: l) }
        return m
    }

    @Test func deletionsAndInsertionsStayPiecesOfTheirOwn() {
        let a = map([(3, 3, true), (5, 0, false), (10, 10, true)])
        let composed = a.composed(with: .identity(utf8Count: 13))
        #expect(composed.pieces.map { [$0.sourceRange.count, $0.targetRange.count] } == [[3, 3], [5, 0], [10, 10]])
        let b = map([(2, 2, true), (0, 4, false), (11, 11, true)])
        let inserted = OffsetMap.identity(utf8Count: 13).composed(with: b)
        #expect(inserted.pieces.map { [$0.sourceRange.count, $0.targetRange.count] } == [[2, 2], [0, 4], [11, 11]])
        // A deletion then a replacement elsewhere: both survive, aligned on the source.
        let c = a.composed(with: map([(5, 5, true), (3, 6, false), (5, 5, true)]))
        #expect(c.sourceLength == 18 && c.targetLength == 16)
        #expect(c.targetRange(forSourceRange: 3..<8) == 3..<3)
        #expect(c.sourceRange(forTargetRange: 5..<11) == 10..<13)
    }

    @Test func composingLinearMapsMapsPositionsThrough() {
        var rng = SplitMix64(seed: 0x0FF5E7)
        for _ in 0..<200 {
            var first = OffsetMap(), second = OffsetMap()
            var middle = 0
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                let n = Int.random(in: 0...6, using: &rng)
                let linear = Bool.random(using: &rng)
                let t = linear ? n : Int.random(in: 0...6, using: &rng)
                first.append(sourceLength: n, targetLength: t, linear: linear)
                middle += t
            }
            var left = middle
            while left > 0 {
                let n = min(left, Int.random(in: 1...5, using: &rng))
                let linear = Bool.random(using: &rng)
                second.append(sourceLength: n, targetLength: linear ? n : Int.random(in: 0...5, using: &rng), linear: linear)
                left -= n
            }
            let composed = first.composed(with: second)
            #expect(composed.sourceLength == first.sourceLength)
            #expect(composed.targetLength == second.targetLength)
            // Where both maps are exact, so is the composition (inside the piece: at its edges an
            // empty range next to an insertion may map to either side of it).
            for piece in composed.pieces where piece.isLinear && piece.sourceRange.count > 1 {
                for k in 1..<piece.sourceRange.count {
                    let direct = piece.targetRange.lowerBound + k
                    let through = second.targetRange(forSourceRange: first.targetRange(forSourceRange: (piece.sourceRange.lowerBound + k)..<(piece.sourceRange.lowerBound + k)))
                    #expect(through.lowerBound == direct)
                }
            }
        }
    }
}

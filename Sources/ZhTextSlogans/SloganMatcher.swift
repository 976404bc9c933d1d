import ZhTextCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds political slogans (提法) in Chinese text, in either script, as whole units.
///
/// Two sources of matches work together on every line:
/// - structural recognisers, which need no lexicon (see ``SloganKind``): numbered formulas
///   (四减四增), numeral + measure + noun (三大战役), arithmetic formulas (1+1+10), short
///   quoted terms, quoted series with their count, parallel structures and aphorisms;
/// - a ``SloganLexicon`` compiled into the core `DictionaryAutomaton` (leftmost-longest).
///
/// Text is matched after folding Traditional characters to Simplified and skipping inline
/// pinyin annotations, so 藍天、碧水、淨土保衛戰 and 會(hui)議 match their Simplified forms,
/// while every reported range points into the caller's original bytes. Overlapping candidates
/// are settled leftmost-longest; when a recogniser and the lexicon find the same span, the
/// match carries the recogniser's kind and the lexicon's category and canonical form.
/// Slogans never span a line break.
///
/// Cost: linear in the input; one pass to fold a line, one automaton pass, one recogniser
/// pass. The scratch buffers are reused across lines, so no allocation happens per character
/// or per candidate, only per reported match (its strings).
///
/// ```swift
/// let matcher = try SloganMatcher()
/// for match in matcher.matches(in: "严控“两高一低”项目，统筹推进控排、控油、控烧。") {
///     print(match.canonical, match.kind, match.utf8Range)
/// }
/// ```
public struct SloganMatcher: Sendable {
    let automaton: DictionaryAutomaton
    /// What a match needs of each lexicon entry, together in one element so that a match
    /// touches one place in memory.
    struct EntryInfo: Sendable {
        /// The folded term, which is the automaton's key (and a match's text on a verbatim line).
        var key: String
        var canonical: String
        var category: String
    }
    let entryInfo: [EntryInfo]
    let categoryByCanonical: [String: String]
    let recognizers: StructuralRecognizers
    let useLexicon: Bool
    let fold = ScriptFold.shared
    let recurrence: SloganRecurrence
    let model: SloganConfidenceModel
    let minimumConfidence: Double
    let reportsNested: Bool

    /// The default ``init(lexicon:kinds:recurrence:minimumConfidence:nested:)`` threshold: a
    /// structural candidate is reported when its ``SloganMatch/confidence`` is at least this.
    public static let defaultMinimumConfidence = 0.5

    /// Creates a matcher.
    ///
    /// - Parameters:
    ///   - lexicon: the terms to find besides the structural slogans; by default the built-in
    ///     list. Combine a user list with ``SloganLexicon/merging(over:)``. When two terms fold
    ///     to the same key, the earlier entry wins.
    ///   - kinds: the kinds to report (default: all). Leaving out ``SloganKind/lexicon``
    ///     still lets lexicon terms lend their category to structural matches.
    ///   - recurrence: the documents each structural candidate appeared in, the main evidence
    ///     of its ``SloganMatch/confidence`` (default: counted on the 2023–24 news corpus).
    ///   - minimumConfidence: structural candidates scoring below this are not reported (and do
    ///     not hide the lexicon terms they overlap). 0 reports every candidate with its score;
    ///     lexicon terms score 1 and are always reported.
    ///   - nested: also report the lexicon terms inside each reported match, right after it,
    ///     each with the outer match's range as ``SloganMatch/parentUTF8Range`` (新时代 and
    ///     中国特色社会主义 in 习近平新时代中国特色社会主义思想). Off by default: the outer match
    ///     alone is reported.
    /// - Throws: `ZhTextError` when the lexicon cannot be compiled (not for the built-in one).
    public init(
        lexicon: SloganLexicon = .builtIn, kinds: Set<SloganKind> = Set(SloganKind.allCases),
        recurrence: SloganRecurrence = .builtIn, minimumConfidence: Double = SloganMatcher.defaultMinimumConfidence,
        nested: Bool = false
    ) throws(ZhTextError) {
        var builder = AutomatonBuilder(duplicateKeys: .keepFirst, alphabet: .unicodeScalars)
        let fold = ScriptFold.shared
        var entryInfo: [EntryInfo] = []
        entryInfo.reserveCapacity(lexicon.entries.count)
        for (index, entry) in lexicon.entries.enumerated() {
            let key = fold.fold(entry.term)
            builder.add(key, value: Int32(index))
            entryInfo.append(EntryInfo(key: key, canonical: fold.fold(entry.canonical), category: entry.category))
        }
        self.entryInfo = entryInfo
        var categories: [String: String] = [:]
        for info in entryInfo where categories[info.canonical] == nil { categories[info.canonical] = info.category }
        categoryByCanonical = categories
        automaton = try builder.build()
        recognizers = StructuralRecognizers(kinds: kinds)
        useLexicon = kinds.contains(.lexicon)
        self.recurrence = recurrence
        model = .builtIn
        reportsNested = nested
        // NaN and values out of range are pinned, so a threshold is always a plain comparison.
        self.minimumConfidence = minimumConfidence.isNaN ? Self.defaultMinimumConfidence : min(max(minimumConfidence, 0), 1)
    }

    /// The slogans in `text`, in order, with ranges into `text.utf8`.
    public func matches(in text: some StringProtocol) -> [SloganMatch] {
        var result: [SloganMatch] = []
        withContiguousUTF8(text) { bytes in forEachMatch(inUTF8: bytes) { result.append($0) } }
        return result
    }

    /// The slogans in UTF-8 bytes, in order, with ranges into `bytes`. Bytes that are not UTF-8
    /// match nothing.
    public func matches(inUTF8 bytes: some Collection<UInt8>) -> [SloganMatch] {
        var result: [SloganMatch] = []
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            forEachMatch(inUTF8: buffer) { result.append($0) }
        }
        if done == nil {
            Array(bytes).withUnsafeBufferPointer { buffer in forEachMatch(inUTF8: buffer) { result.append($0) } }
        }
        return result
    }

    /// The slogans of `derived`, a text made from `original` (by cleanup, say), with ranges and
    /// text in `original`: `map` goes from `original` (source) to `derived` (target). Canonical
    /// forms come from `derived`, so a slogan is found in a repaired or de-annotated text and
    /// still points at the bytes it came from.
    ///
    /// ```swift
    /// let cleaned = Cleaner().clean(scraped)
    /// let slogans = matcher.matches(in: cleaned.text, original: scraped, map: cleaned.offsets)
    /// ```
    public func matches(in derived: some StringProtocol, original: some StringProtocol, map: OffsetMap) -> [SloganMatch] {
        let originalBytes = Array(original.utf8)
        return matches(in: derived).map { match in
            var mapped = match
            let range = map.sourceRange(forTargetRange: match.utf8Range)
            let clamped = min(range.lowerBound, originalBytes.count)..<min(range.upperBound, originalBytes.count)
            mapped.utf8Range = clamped
            mapped.text = String(decoding: originalBytes[clamped], as: UTF8.self)
            return mapped
        }
    }

    /// Calls `body` with each slogan in `bytes`, in order, with ranges into `bytes`
    /// (plus `baseOffset`).
    ///
    /// Bytes that are not UTF-8 match nothing and are otherwise kept in place, so the
    /// ranges stay exact for any input.
    public func forEachMatch(
        inUTF8 bytes: UnsafeBufferPointer<UInt8>, baseOffset: Int = 0, _ body: (SloganMatch) throws -> Void
    ) rethrows {
        // The entries, not the matcher: a closure that held a copy of the matcher retained and
        // released each of its references for every match.
        let entryInfo = self.entryInfo
        try scan(bytes) { candidate, line in
            try body(Self.makeMatch(candidate, line: line, input: bytes, baseOffset: baseOffset, entryInfo: entryInfo))
        }
    }

    /// The lexicon category of a canonical form as reported in ``SloganMatch/canonical`` (the
    /// first entry with that form wins), or `nil` for a form the lexicon does not have.
    public func category(ofCanonical canonical: String) -> String? {
        categoryByCanonical[canonical]
    }

    /// Counts the canonical forms of the slogans in `text` (for trend studies over dated files).
    public func canonicalCounts(in text: some StringProtocol) -> [String: Int] {
        withContiguousUTF8(text) { canonicalCounts(inUTF8: $0) }
    }

    /// Counts the canonical forms of the slogans in `bytes`: the same slogans as
    /// ``forEachMatch(inUTF8:baseOffset:_:)``, without building a ``SloganMatch`` for each, so
    /// counting costs little more than finding.
    public func canonicalCounts(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [String: Int] {
        var perEntry = [Int](repeating: 0, count: entryInfo.count)
        var structural: [String: Int] = [:]
        perEntry.withUnsafeMutableBufferPointer { perEntry in
            scan(bytes) { candidate, line in
                if candidate.entry >= 0 {
                    perEntry[Int(candidate.entry)] += 1
                } else {
                    structural[Self.structuralCanonical(candidate, line), default: 0] += 1
                }
            }
        }
        var counts = structural
        for (entry, count) in perEntry.enumerated() where count > 0 {
            counts[entryInfo[entry].canonical, default: 0] += count
        }
        return counts
    }

    /// Finds the slogans of `bytes` line by line and calls `emit` with each survivor of the
    /// overlap rules, in order, with the line it is on.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (Candidate, FoldedLine) throws -> Void) rethrows {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return }
        let line = FoldedLine()
        var candidates: [Candidate] = []
        var lexical: [Candidate] = []
        candidates.reserveCapacity(64)
        lexical.reserveCapacity(256)
        let view = automaton.unsafeView
        // Locals: a closure below that read them from `self` would hold a copy of the matcher.
        let reportsNested = self.reportsNested, useLexicon = self.useLexicon
        try fold.bmp.withUnsafeBufferPointer { foldTable in try fold.bmpFolds.withUnsafeBufferPointer { foldBits in
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = PieceCut.nextLineFeed(bytes, from: lineStart, to: bytes.count)
                var next = lineEnd + 1
                if lineEnd - lineStart > Self.maximumPiece {
                    // A huge line is read in pieces (the folded copy takes 9 bytes per byte).
                    lineEnd = Self.pieceEnd(p, from: lineStart, limit: lineStart + Self.maximumPiece)
                    next = lineEnd
                }
                line.load(p, from: lineStart, to: lineEnd, foldTable: foldTable.baseAddress!, foldBits: foldBits.baseAddress!, fold: fold)
                candidates.removeAll(keepingCapacity: true)
                lexical.removeAll(keepingCapacity: true)
                let scalars = line.scalarBuffer
                recognizers.recognize(scalars, into: &candidates)
                if candidates.isEmpty {
                    // Most lines: only lexicon terms, already disjoint and in order.
                    if useLexicon {
                        try view.forEachLeftmostLongestMatch(inScalars: scalars) { range, value in
                            let candidate = Candidate(lower: range.lowerBound, upper: range.upperBound, kind: .lexicon, entry: value)
                            try emit(candidate, line)
                            if reportsNested { try Self.emitNested(in: candidate, view, line, useLexicon: useLexicon, emit) }
                        }
                    }
                } else {
                    view.forEachLeftmostLongestMatch(inScalars: scalars) { range, value in
                        lexical.append(Candidate(lower: range.lowerBound, upper: range.upperBound, kind: .lexicon, entry: value))
                    }
                    score(&candidates, lexical: lexical, line: line)
                    try report(&candidates, lexical: lexical, line: line) { candidate, line in
                        try emit(candidate, line)
                        if reportsNested { try Self.emitNested(in: candidate, view, line, useLexicon: useLexicon, emit) }
                    }
                }
                lineStart = next
            }
        } }
        withExtendedLifetime(automaton) {}
    }

    /// The longest piece of one line matched at once: 1 MiB.
    static let maximumPiece = 1 << 20

    /// Where to end a piece of a huge line before `limit`: after the last 。，；！？ in the last
    /// 4 KiB (no slogan crosses one), else at the last character boundary.
    static func pieceEnd(_ p: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Int {
        var i = limit
        while i > max(start, limit - 4096) {
            // 。 E3 80 82, ， EF BC 8C, ； EF BC 9B, ！ EF BC 81, ？ EF BC 9F
            if i - 3 >= start, (p[i - 3] == 0xE3 && p[i - 2] == 0x80 && p[i - 1] == 0x82)
                || (p[i - 3] == 0xEF && p[i - 2] == 0xBC && [0x8C, 0x9B, 0x81, 0x9F].contains(p[i - 1])) {
                return i
            }
            i -= 1
        }
        i = limit
        while i > start + 1, p[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// Settles overlaps leftmost-longest and reports the survivors. The lexicon's matches
    /// arrive sorted and disjoint; the few structural candidates are sorted here and merged in.
    private func report(
        _ structural: inout [Candidate], lexical: [Candidate], line: FoldedLine, _ emit: (Candidate, FoldedLine) throws -> Void
    ) rethrows {
        if structural.count > 1 {
            structural.sort { a, b in a.lower != b.lower ? a.lower < b.lower : a.upper > b.upper }
        }
        var reachedEnd = 0
        var s = 0, l = 0
        while s < structural.count || l < lexical.count {
            var candidate: Candidate
            // Structural first on an equal start and length: it keeps its kind and borrows the
            // lexicon's entry below.
            if l == lexical.count || (s < structural.count && (structural[s].lower < lexical[l].lower
                || (structural[s].lower == lexical[l].lower && structural[s].upper >= lexical[l].upper))) {
                candidate = structural[s]
                s += 1
                if l < lexical.count, lexical[l].lower == candidate.lower {
                    if lexical[l].upper == candidate.upper {
                        candidate.entry = lexical[l].entry
                        l += 1
                    } else if candidate.kind == .numeralNoun, !Self.isQuoted(candidate, line) {
                        // An unquoted numeral-noun guesses where its noun ends; a curated term
                        // at the same start knows (八项规定 in 八项规定落实).
                        continue
                    }
                }
            } else {
                candidate = lexical[l]
                l += 1
            }
            guard candidate.lower >= reachedEnd, candidate.upper > candidate.lower else { continue }
            if candidate.kind == .lexicon, !useLexicon { continue }
            reachedEnd = candidate.upper
            try emit(candidate, line)
        }
    }

    private static func makeMatch(
        _ c: Candidate, line: FoldedLine, input: UnsafeBufferPointer<UInt8>, baseOffset: Int, entryInfo: [EntryInfo]
    ) -> SloganMatch {
        let start = line.inputStart(c.lower), end = line.inputEnd(c.upper - 1)
        let text: String, canonical: String, category: String?
        if c.entry >= 0 {
            let e = Int(c.entry)
            // On a line that folding left as it was, the input's text is the key itself. (Fields
            // are read one by one: copying the whole entry would retain all three strings.)
            text = line.isVerbatim ? entryInfo[e].key : String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
            canonical = entryInfo[e].canonical
            category = entryInfo[e].category
        } else {
            text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
            category = nil
            canonical = Self.structuralCanonical(c, line)
        }
        let quoted = Self.isQuoted(c, line)
        let parent = c.parentLower < 0 ? nil
            : (baseOffset + line.inputStart(c.parentLower))..<(baseOffset + line.inputEnd(c.parentUpper - 1))
        return SloganMatch(utf8Range: (baseOffset + start)..<(baseOffset + end), text: text, kind: c.kind,
                           canonical: canonical, category: category, isQuoted: quoted,
                           confidence: c.confidence, parentUTF8Range: parent)
    }

    /// A structural match's canonical form: its folded scalars without quotation marks, written
    /// straight into the string's storage (inline, without allocation, up to 15 bytes).
    private static func structuralCanonical(_ c: Candidate, _ line: FoldedLine) -> String {
        var length = 0
        for k in c.lower..<c.upper { length += Self.utf8Width(line.scalars[k]) }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var j = 0
            for k in c.lower..<c.upper {
                let v = line.scalars[k]
                if CharacterClass.isOpenQuote(v) || CharacterClass.isCloseQuote(v) { continue }
                j = Self.writeUTF8(v, into: buffer, at: j)
            }
            return j
        }
    }

    static func isQuoted(_ c: Candidate, _ line: FoldedLine) -> Bool {
        c.kind == .quotedSeries
            || (c.lower > 0 && c.upper < line.count && CharacterClass.isOpenQuote(line.scalars[c.lower - 1])
                && CharacterClass.isCloseQuote(line.scalars[c.upper]))
    }

    static func utf8Width(_ v: UInt32) -> Int { v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4 }

    static func writeUTF8(_ v: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>, at j: Int) -> Int {
        switch v {
        case 0..<0x80:
            buffer[j] = UInt8(v)
            return j + 1
        case 0x80..<0x800:
            buffer[j] = UInt8(0xC0 | v >> 6)
            buffer[j + 1] = UInt8(0x80 | v & 0x3F)
            return j + 2
        case 0x800..<0x10000:
            buffer[j] = UInt8(0xE0 | v >> 12)
            buffer[j + 1] = UInt8(0x80 | v >> 6 & 0x3F)
            buffer[j + 2] = UInt8(0x80 | v & 0x3F)
            return j + 3
        default:
            buffer[j] = UInt8(0xF0 | v >> 18)
            buffer[j + 1] = UInt8(0x80 | v >> 12 & 0x3F)
            buffer[j + 2] = UInt8(0x80 | v >> 6 & 0x3F)
            buffer[j + 3] = UInt8(0x80 | v & 0x3F)
            return j + 4
        }
    }
}

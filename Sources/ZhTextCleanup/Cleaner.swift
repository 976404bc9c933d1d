import ZhTextCore

/// Cleans scraped Chinese text and says exactly what it changed.
///
/// ```swift
/// let result = Cleaner().clean("全區(qū)生態(tài)環境保護大會召開")
/// result.text                  // "全區生態環境保護大會召開"
/// result.edits.first?.original // "(qū)"
/// result.reconstructedInput()  // the input, byte for byte
/// ```
///
/// Every step reports its edits (input range, original, replacement, reason with confidence);
/// the result's ``CleanupResult/offsets`` map cleaned offsets back to the input. Clean text
/// comes back unchanged with no edits.
public struct Cleaner: Sendable {
    /// Which steps run.
    public struct Options: Sendable, Hashable {
        /// The steps to run (by default all but ``CleanupStep/spinning`` and
        /// ``CleanupStep/closingQuotes``, which are opt-in).
        public var steps: Set<CleanupStep>

        /// The default steps.
        public static let defaultSteps: Set<CleanupStep> = [.mojibake, .pinyinAnnotations, .pageNoise]

        /// Whether the mojibake step restores a character that a lossy decoder lost (its
        /// bytes partly replaced by U+FFFD) when the bytes it kept and its neighbours leave one
        /// clear choice; such an edit has the kind `restored-character` and the restorer's
        /// confidence. When false, every lost character is written as U+FFFD.
        public var restoresLostCharacters: Bool

        /// Creates options.
        public init(steps: Set<CleanupStep> = defaultSteps, restoresLostCharacters: Bool = true) {
            self.steps = steps
            self.restoresLostCharacters = restoresLostCharacters
        }
    }

    /// The cleaner's options.
    public var options: Options

    /// Creates a cleaner.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// The most findings one document reports; past it they are counted in
    /// ``CleanupResult/omittedFindingCount`` (a file of a million unclosed quotes must not cost a
    /// million reports).
    public static let maxFindings = 10_000

    /// Cleans `text` (a `String` or a `Substring`).
    public func clean(_ text: some StringProtocol) -> CleanupResult {
        var state = CleanupDocumentState()
        return clean(String(text), state: &state, isLast: true)
    }

    private func clean(_ text: String, state: inout CleanupDocumentState, isLast: Bool) -> CleanupResult {
        let input = Array(text.utf8)
        return run(raw: input, current: input, map: .identity(utf8Count: input.count), reasons: [], findings: [],
                   unchanged: text, state: &state, isLast: isLast)
    }

    /// Cleans one piece of a document too large to hold at once: pieces cut by
    /// ``DocumentPieceCutter``, in order, with one `state` carried from each to the next; the last
    /// piece has `isLast`. The result's ranges are relative to the piece.
    package func clean(piece: [UInt8], state: inout CleanupDocumentState, isLast: Bool) -> CleanupResult {
        clean(raw: piece, state: &state, isLast: isLast)
    }

    /// Cleans bytes that should be UTF-8 but may not be. A line that is not UTF-8 is decoded as
    /// GB 18030 or Big5 when that gives frequent Chinese (a legacy-encoded line in a UTF-8 file);
    /// otherwise each invalid sequence becomes U+FFFD and is reported as a finding. The edits keep
    /// the raw bytes (``Edit/originalBytes``), so ``CleanupResult/reconstructedInputBytes()``
    /// rebuilds the input byte for byte.
    public func clean(utf8 bytes: some Collection<UInt8>) -> CleanupResult {
        var state = CleanupDocumentState()
        return clean(raw: Array(bytes), state: &state, isLast: true)
    }

    /// Cleans bytes that should be UTF-8 but may not be.
    @available(*, deprecated, renamed: "clean(utf8:)")
    public func clean(bytes: some Collection<UInt8>) -> CleanupResult {
        clean(utf8: bytes)
    }

    private func clean(raw: [UInt8], state: inout CleanupDocumentState, isLast: Bool) -> CleanupResult {
        guard raw.withUnsafeBufferPointer({ firstInvalidUTF8Offset(in: $0) }) != nil else {
            return clean(String(validatedUTF8: raw), state: &state, isLast: isLast)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(raw.count)
        var map = OffsetMap()
        var reasons: [(range: Range<Int>, reason: EditReason)] = []
        var findings: [Finding] = []
        var start = 0
        while start <= raw.count {
            var end = start
            while end < raw.count, raw[end] != 0x0A { end += 1 }
            let line = Array(raw[start..<end])
            if line.withUnsafeBufferPointer({ firstInvalidUTF8Offset(in: $0) }) == nil {
                decoded += line
                map.append(sourceLength: line.count, targetLength: line.count, linear: true)
            } else if let (text, kind) = Self.legacyDecoding(line) {
                decoded += Array(text.utf8)
                map.append(sourceLength: line.count, targetLength: text.utf8.count, linear: false)
                reasons.append((start..<end, EditReason(step: .mojibake, kind: kind, confidence: 0.9)))
            } else {
                // Only the invalid sequences change, each to U+FFFD, so the edits and findings
                // point at the bytes that were lost rather than at the whole line.
                var position = 0
                while let offset = line[position...].withUnsafeBufferPointer({ firstInvalidUTF8Offset(in: $0) }) {
                    let invalidStart = position + offset
                    var invalidEnd = invalidStart + 1
                    while invalidEnd < line.count, line[invalidEnd] & 0xC0 == 0x80 { invalidEnd += 1 }
                    decoded += line[position..<invalidStart]
                    map.append(sourceLength: invalidStart - position, targetLength: invalidStart - position, linear: true)
                    let replacement = Array(String(decoding: line[invalidStart..<invalidEnd], as: UTF8.self).utf8)
                    decoded += replacement
                    map.append(sourceLength: invalidEnd - invalidStart, targetLength: replacement.count, linear: false)
                    let range = (start + invalidStart)..<(start + invalidEnd)
                    reasons.append((range, EditReason(step: .mojibake, kind: "invalid-utf8", confidence: 1)))
                    findings.append(Finding(inputRange: range, step: .mojibake, kind: "invalid-utf8"))
                    position = invalidEnd
                }
                decoded += line[position...]
                map.append(sourceLength: line.count - position, targetLength: line.count - position, linear: true)
            }
            guard end < raw.count else { break }
            decoded.append(0x0A)
            map.append(sourceLength: 1, targetLength: 1, linear: true)
            start = end + 1
        }
        return run(raw: raw, current: decoded, map: map, reasons: reasons, findings: findings, unchanged: nil,
                   state: &state, isLast: isLast)
    }

    /// A whole line in GB 18030 or Big5, if it decodes strictly to frequent Chinese.
    static func legacyDecoding(_ line: [UInt8]) -> (String, EditKind)? {
        for (charset, kind, set) in [(ICU.Charset.gb18030, EditKind.gbkBytes, MojibakeRepairer.gb2312Level1Bitmap),
                                     (.big5, "big5-bytes", MojibakeRepairer.big5Level1Bitmap)] {
            if let decoded = try? ICU.decode(line, from: charset) {
                let (score, han) = MojibakeRepairer.chineseScore(decoded.text.unicodeScalars, in: set)
                if han >= 2, score >= 0.8 { return (decoded.text, kind) }
            }
        }
        return nil
    }

    /// Runs the steps on `current` (valid UTF-8), whose offsets `map` takes back to `raw`.
    private func run(raw: [UInt8], current start: [UInt8], map initialMap: OffsetMap,
                     reasons initialReasons: [(range: Range<Int>, reason: EditReason)], findings initialFindings: [Finding],
                     unchanged: String?, state: inout CleanupDocumentState, isLast: Bool) -> CleanupResult {
        var current = start
        var map = initialMap
        var reasons = initialReasons
        var findings: [Finding] = []
        var omitted = 0
        func report(_ finding: Finding) {
            state.findingCount += 1
            if state.findingCount <= Self.maxFindings { findings.append(finding) } else { omitted += 1 }
        }
        initialFindings.forEach(report)
        // The U+FFFD this cleaner wrote for invalid bytes are already reported as invalid-utf8.
        let decodedInvalid = Set(initialFindings.lazy.filter { $0.kind == "invalid-utf8" }.map(\.inputRange))
        // Steps run in this order; each sees the text the previous one left.
        for step in CleanupStep.allCases where options.steps.contains(step) {
            let (removals, stepFindings) = self.changes(for: step, in: current, state: &state, isLast: isLast)
            for finding in stepFindings {
                let inputRange = map.sourceRange(forTargetRange: finding.range)
                if finding.kind == "replacement-character", decodedInvalid.contains(inputRange) { continue }
                report(Finding(inputRange: inputRange, step: step, kind: finding.kind))
            }
            guard !removals.isEmpty else { continue }
            var next: [UInt8] = []
            next.reserveCapacity(current.count)
            var stepMap = OffsetMap()
            var position = 0
            for removal in removals where removal.range.lowerBound >= position {
                next += current[position..<removal.range.lowerBound]
                stepMap.append(sourceLength: removal.range.lowerBound - position,
                               targetLength: removal.range.lowerBound - position, linear: true)
                next += Array(removal.replacement.utf8)
                stepMap.append(sourceLength: removal.range.count, targetLength: removal.replacement.utf8.count, linear: false)
                reasons.append((map.sourceRange(forTargetRange: removal.range), removal.reason))
                position = removal.range.upperBound
            }
            next += current[position...]
            stepMap.append(sourceLength: current.count - position, targetLength: current.count - position, linear: true)
            map = map.composed(with: stepMap)
            current = next
        }
        if reasons.isEmpty, let unchanged {
            var result = CleanupResult(text: unchanged, edits: [], offsets: map, findings: findings)
            result.omittedFindingCount = omitted
            return result
        }
        // One edit per changed piece of the composed map, with the reason of the step that made it:
        // the change that covers most of the piece (a chrome line beats a reading inside it; on a
        // tie the change recorded first). Pieces come in order, so one sweep over the changes
        // sorted by start finds each piece's candidates: those that start before it ends and end
        // after it starts. Each step's changes are disjoint, so few are active at once, and the
        // whole is linear in the number of edits (it was a scan of every change per piece).
        let order = reasons.indices.sorted {
            (reasons[$0].range.lowerBound, $0) < (reasons[$1].range.lowerBound, $1)
        }
        var edits: [Edit] = []
        var nextInOrder = 0
        var active: [Int] = []
        for piece in map.pieces where !piece.isLinear {
            let range = piece.sourceRange
            // An insertion (the closing-quote step's) is an empty range: it is a candidate for the
            // pieces that touch its offset, and is chosen only where no change overlaps.
            while nextInOrder < order.count, reasons[order[nextInOrder]].range.lowerBound <= range.upperBound {
                active.append(order[nextInOrder])
                nextInOrder += 1
            }
            active.removeAll {
                let r = reasons[$0].range
                return r.upperBound < range.lowerBound || (r.upperBound == range.lowerBound && !r.isEmpty)
            }
            var best = 0, bestOverlap = -1
            for index in active {
                let r = reasons[index].range
                let o = r.isEmpty ? 0 : overlap(r, range)
                guard o > 0 || r.isEmpty else { continue }
                if o > bestOverlap || (o == bestOverlap && index < best) { best = index; bestOverlap = o }
            }
            let reason = reasons[best].reason
            edits.append(Edit(
                inputRange: piece.sourceRange, outputRange: piece.targetRange,
                original: String(decodingUTF8: raw[piece.sourceRange]),
                replacement: String(decodingUTF8: current[piece.targetRange]), reason: reason,
                originalBytes: Array(raw[piece.sourceRange])))
        }
        var result = CleanupResult(text: String(decodingUTF8: current), edits: edits, offsets: map, findings: findings)
        result.omittedFindingCount = omitted
        return result
    }

    /// Whether at least `count` groups "(lowercase letters)" follow a non-ASCII character (ASCII
    /// or full-width parentheses; letters a–z, tone-marked vowels, digits 1–5, spaces, `'`, `:`).
    /// Evident pinyin annotations in the lines of `bytes` that hold a parenthesis, each line
    /// judged on its own (a document with fewer than three candidate groups).
    func sparseReadings(_ bytes: [UInt8]) -> [(range: Range<Int>, replacement: String, reason: EditReason)] {
        var result: [(range: Range<Int>, replacement: String, reason: EditReason)] = []
        var start = 0
        while start < bytes.count {
            var end = start
            var parenthesis = false
            while end < bytes.count, bytes[end] != 0x0A {
                if bytes[end] == 0x28 || (bytes[end] == 0xEF && end + 2 < bytes.count && bytes[end + 1] == 0xBC && bytes[end + 2] == 0x88) {
                    parenthesis = true
                }
                end += 1
            }
            if parenthesis {
                let scalars = Array(String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars)
                let found = PinyinAnnotationRemover().removals(in: scalars, sparse: true)
                if !found.isEmpty {
                    let offsets = utf8Offsets(of: scalars)
                    for removal in found {
                        result.append(((start + offsets[removal.range.lowerBound])..<(start + offsets[removal.range.upperBound]), "",
                                       EditReason(step: .pinyinAnnotations, kind: removal.kind, confidence: removal.confidence)))
                    }
                }
            }
            start = end + 1
        }
        return result
    }

    static func countsParenthesisedLetters(_ bytes: [UInt8], atLeast count: Int) -> Bool {
        bytes.withUnsafeBufferPointer { countsParenthesisedLetters($0, atLeast: count) }
    }

    static func countsParenthesisedLetters(_ b: UnsafeBufferPointer<UInt8>, atLeast count: Int) -> Bool {
        var found = 0
        var i = 1
        let open = SIMD16<UInt8>(repeating: 0x28), lead = SIMD16<UInt8>(repeating: 0xEF), third = SIMD16<UInt8>(repeating: 0x88)
        while i + 1 < b.count {
            // Sixteen positions per step until one holds ( or （ (EF BC 88: lead and third byte
            // tested): full-width commas and colons share its lead byte, so the lead alone is no test.
            while i + 18 <= b.count {
                let here = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let after = UnsafeRawPointer(b.baseAddress! + i + 2).loadUnaligned(as: SIMD16<UInt8>.self)
                if any((here .== open) .| ((here .== lead) .& (after .== third))) { break }
                i += 16
            }
            guard i + 1 < b.count else { break }
            // Only ( and the lead byte of （ can start a group.
            guard b[i] == 0x28 || b[i] == 0xEF else {
                i += 1
                continue
            }
            var bodyStart = -1
            if b[i] == 0x28, b[i - 1] >= 0x80 { bodyStart = i + 1 }
            else if b[i] == 0xEF, i + 3 < b.count, b[i + 1] == 0xBC, b[i + 2] == 0x88, b[i - 1] >= 0x80 { bodyStart = i + 3 }
            if bodyStart > 0 {
                var j = bodyStart, letters = 0
                while j < b.count, j - bodyStart < 40 {
                    let c = b[j]
                    if (0x61...0x7A).contains(c) { letters += 1 }
                    else if c == 0x29 || (c == 0xEF && j + 2 < b.count && b[j + 1] == 0xBC && b[j + 2] == 0x89) { break }
                    else if c >= 0x80 && c < 0xE0 || c >= 0x80 && c <= 0xBF { }  // tone-marked vowels (2-byte)
                    else if !(c == 0x20 || c == 0x27 || c == 0x3A || (0x31...0x35).contains(c)) { letters = -1; break }
                    j += 1
                }
                if letters > 0, j < b.count { found += 1 }
                if found >= count { return true }
            }
            i += 1
        }
        return false
    }

    private func overlap(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        max(0, min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound))
    }

    /// What one step would change in `bytes` (valid UTF-8), in order, as byte ranges with their
    /// replacements, and what it could not repair.
    func changes(for step: CleanupStep, in bytes: [UInt8], state: inout CleanupDocumentState, isLast: Bool)
        -> ([(range: Range<Int>, replacement: String, reason: EditReason)], [(range: Range<Int>, kind: FindingKind)])
    {
        switch step {
        case .mojibake:
            let (repairs, findings) = MojibakeRepairer(restoresLostCharacters: options.restoresLostCharacters).scanDocument(bytes, state: &state.mojibake)
            return (repairs.map { ($0.range, $0.replacement, EditReason(step: .mojibake, kind: $0.kind, confidence: $0.confidence)) },
                    findings.map { ($0.range, $0.kind) })
        case .pinyinAnnotations:
            // A dense document has at least three "(letters)" right after a Han character; one pass
            // over the bytes tells when there cannot be. With one or two, only the lines that hold
            // them are looked at, for evident annotations (`減(jiǎn)`).
            guard Self.countsParenthesisedLetters(bytes, atLeast: 3) else {
                guard Self.countsParenthesisedLetters(bytes, atLeast: 1) else { return ([], []) }
                return (sparseReadings(bytes), [])
            }
            let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
            let found = PinyinAnnotationRemover().removals(in: scalars)
            guard !found.isEmpty else { return (sparseReadings(bytes), []) }
            let utf8Offsets = utf8Offsets(of: scalars)
            return (found.map {
                (utf8Offsets[$0.range.lowerBound]..<utf8Offsets[$0.range.upperBound], "",
                 EditReason(step: .pinyinAnnotations, kind: $0.kind, confidence: $0.confidence))
            }, [])
        case .pageNoise:
            let (removals, quotes, hasBody) = PageNoiseRemover().scan(
                bytes, position: .init(bodyBefore: state.bodySeen, isLast: isLast))
            state.bodySeen = state.bodySeen || hasBody
            // With the closing-quote step, the quotes still open after it are reported there.
            let reported = options.steps.contains(.closingQuotes) ? [] : quotes
            return (removals.map {
                ($0.range, "", EditReason(step: .pageNoise, kind: $0.kind, confidence: $0.confidence))
            }, reported.map { ($0, "unclosed-quote") })
        case .closingQuotes:
            // Only a document that has lost every closing quote (this piece and those before it)
            // gets them back.
            state.closingQuoteSeen = state.closingQuoteSeen || ClosingQuoteRestorer.holdsClosingQuote(bytes)
            let opens = PageNoiseRemover().unclosedQuotes(in: bytes, lines: PageNoiseRemover.lines(bytes))
            guard !opens.isEmpty else { return ([], []) }
            let restorations = state.closingQuoteSeen
                ? opens.map { _ in nil } : ClosingQuoteRestorer().restorations(in: bytes, opens: opens)
            var changes: [(range: Range<Int>, replacement: String, reason: EditReason)] = []
            var open: [(range: Range<Int>, kind: FindingKind)] = []
            for (quote, restoration) in zip(opens, restorations) {
                if let restoration {
                    changes.append((restoration.offset..<restoration.offset, "\u{201D}",
                                    EditReason(step: .closingQuotes, kind: "restored-closing-quote",
                                               confidence: restoration.confidence)))
                } else {
                    open.append((quote, "unclosed-quote"))
                }
            }
            return (changes, open)
        case .spinning:
            let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
            let repairs = SpinningRepairer().repairs(in: scalars)
            guard !repairs.isEmpty else { return ([], []) }
            let utf8Offsets = utf8Offsets(of: scalars)
            return (repairs.map {
                (utf8Offsets[$0.range.lowerBound]..<utf8Offsets[$0.range.upperBound], $0.replacement,
                 EditReason(step: .spinning, kind: $0.kind, confidence: $0.confidence))
            }, [])
        }
    }
}

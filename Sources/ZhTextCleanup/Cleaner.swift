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

    /// ``clean(piece:state:isLast:)`` for bytes the caller has validated as UTF-8 (a batch
    /// record's decoded text): the piece is not scanned again.
    package func clean(validPiece piece: [UInt8], state: inout CleanupDocumentState, isLast: Bool) -> CleanupResult {
        run(raw: piece, current: piece, map: .identity(utf8Count: piece.count), reasons: [], findings: [],
            unchanged: String(validatedUTF8: piece), state: &state, isLast: isLast)
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
            return clean(validPiece: raw, state: &state, isLast: isLast)
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
                    reasons.append((range, EditReason(step: .mojibake, kind: .invalidUTF8, confidence: 1)))
                    findings.append(Finding(inputRange: range, step: .mojibake, kind: .invalidUTF8))
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
                                     (.big5, .big5Bytes, MojibakeRepairer.big5Level1Bitmap)] {
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
        let decodedInvalid = Set(initialFindings.lazy.filter { $0.kind == .invalidUTF8 }.map(\.inputRange))
        // Steps run in this order; each sees the text the previous one left.
        for step in CleanupStep.allCases where options.steps.contains(step) {
            let (changes, stepFindings) = self.changes(for: step, in: current, state: &state, isLast: isLast)
            for finding in stepFindings {
                let inputRange = map.sourceRange(forTargetRange: finding.range)
                if finding.kind == .replacementCharacter, decodedInvalid.contains(inputRange) { continue }
                report(Finding(inputRange: inputRange, step: step, kind: finding.kind))
            }
            guard !changes.isEmpty else { continue }
            var next: [UInt8] = []
            next.reserveCapacity(current.count)
            var stepMap = OffsetMap()
            var position = 0
            for change in changes where change.range.lowerBound >= position {
                next += current[position..<change.range.lowerBound]
                stepMap.append(sourceLength: change.range.lowerBound - position,
                               targetLength: change.range.lowerBound - position, linear: true)
                next += Array(change.replacement.utf8)
                stepMap.append(sourceLength: change.range.count, targetLength: change.replacement.utf8.count, linear: false)
                reasons.append((map.sourceRange(forTargetRange: change.range),
                                EditReason(step: step, kind: change.kind, confidence: change.confidence)))
                position = change.range.upperBound
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

    private func overlap(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        max(0, min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound))
    }

    /// What one step would change in `bytes` (valid UTF-8), in order, and what it could not repair.
    func changes(for step: CleanupStep, in bytes: [UInt8], state: inout CleanupDocumentState, isLast: Bool)
        -> (changes: [CleanupChange], findings: [StepFinding])
    {
        switch step {
        case .mojibake:
            return MojibakeRepairer(restoresLostCharacters: options.restoresLostCharacters).scanDocument(bytes, state: &state.mojibake)
        case .pinyinAnnotations:
            return (PinyinAnnotationRemover().changes(in: bytes), [])
        case .pageNoise:
            let (removals, quotes, hasBody) = PageNoiseRemover().scan(
                bytes, position: .init(bodyBefore: state.bodySeen, isLast: isLast))
            state.bodySeen = state.bodySeen || hasBody
            // With the closing-quote step, the quotes still open after it are reported there.
            let reported = options.steps.contains(.closingQuotes) ? [] : quotes
            return (removals, reported.map { StepFinding(range: $0, kind: .unclosedQuote) })
        case .closingQuotes:
            return ClosingQuoteRestorer().changes(in: bytes, closingQuoteSeen: &state.closingQuoteSeen)
        case .spinning:
            return (SpinningRepairer().changes(in: bytes), [])
        }
    }
}

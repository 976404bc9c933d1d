import ZhTextCore

/// Receives the pieces a pass produces: `source` input bytes became `target` output bytes.
protocol PieceRecorder {
    mutating func record(source: Int, target: Int, linear: Bool)
}

/// Records nothing: the fast path when the caller wants no offsets.
struct DiscardingRecorder: PieceRecorder {
    @inline(__always) mutating func record(source: Int, target: Int, linear: Bool) {}
}

/// Records pieces into an `OffsetMap`.
struct MapRecorder: PieceRecorder {
    var map = OffsetMap()
    @inline(__always) mutating func record(source: Int, target: Int, linear: Bool) {
        map.append(sourceLength: source, targetLength: target, linear: linear)
    }
}

/// OpenCC's conversion algorithm over UTF-8 bytes.
///
/// A configuration is: normalisation passes over the whole text; then, optionally, maximum-
/// matching segmentation; then a chain of stages applied to each segment on its own (so a
/// later stage never matches across a segment boundary). Every pass is forward maximum
/// matching: at each position the first tier of the stage that has a key there gives its
/// longest key's value; otherwise one character is copied. Complete ideographic description
/// sequences are copied whole in every pass. Configurations with a segmentation and two stages
/// convert in one walk instead (``FusedChain``) when no offsets are wanted.
struct ConversionEngine: @unchecked Sendable {
    /// The tables every view below points into, kept alive with the engine.
    let tables: [ConversionTable]
    let normalization: [[TierView]]
    /// Per normalisation stage, a lead-byte filter that rules a text out (see ConversionTable).
    let normalizationFilters: [[(lead: UInt8, low: UInt8, high: UInt8)]?]
    /// The byte pairs the validating pass notes for the engine (``scanUTF8(_:noting:)``): first
    /// the lead pair of the description characters, then every normalisation filter's pairs.
    let inputPairs: UTF8BytePairs
    /// Per normalisation stage, the bits of its filter's pairs in ``inputPairs`` (nil: no filter).
    let normalizationPairBits: [UInt64?]
    static let descriptionPairBit: UInt64 = 1
    let segmentation: (table: TierView, multiCharacterOnly: Bool, isFirstStage: Bool)?
    let chain: [[TierView]]
    /// When the first stage's keys start with few characters (tw2sp's Taiwan phrases and
    /// variants reversed), the union of its tiers' key starts: most segments hold none and are
    /// copied without running the stage. Nil when its keys start with most characters.
    let firstStageFilter: StageFilter?
    /// Characters after which a text can be cut without changing its conversion: no key of any
    /// dictionary in use contains them.
    let safeCutScalars: Set<UInt32>
    /// The chain precomposed (configurations with a segmentation and two or more stages).
    let fused: FusedChain?

    init(normalization: [[ConversionTable]], segmentation: (table: ConversionTable, multiCharacterOnly: Bool)?,
         chain: [[ConversionTable]], safeCutScalars: Set<UInt32>, fusedChain: Int? = nil) throws(ZhTextError) {
        tables = normalization.flatMap { $0 } + chain.flatMap { $0 } + (segmentation.map { [$0.table] } ?? [])
        self.normalization = normalization.map { $0.map(\.view) }
        normalizationFilters = normalization.map { $0.count == 1 ? $0[0].leadFilter : nil }
        var pairs: [(lead: UInt8, low: UInt8, high: UInt8)] = [(0xE2, 0xBF, 0xBF)]
        pairs.reserveCapacity(1 + normalizationFilters.reduce(0) { $0 + ($1?.count ?? 0) })
        normalizationPairBits = normalizationFilters.map { filter in
            guard let filter, pairs.count + filter.count <= 64 else { return nil }
            defer { pairs += filter }
            return filter.indices.reduce(0) { $0 | 1 << UInt64(pairs.count + $1) }
        }
        inputPairs = UTF8BytePairs(pairs)
        self.chain = chain.map { $0.map(\.view) }
        firstStageFilter = chain.first.flatMap { StageFilter(tiers: $0.map(\.view)) }
        self.segmentation = segmentation.map { segmentation in
            (segmentation.table.view, segmentation.multiCharacterOnly,
             chain.first.map { $0.count == 1 && $0[0] === segmentation.table } ?? false)
        }
        self.safeCutScalars = safeCutScalars
        if let fusedChain, let segmentation {
            let chain = self.chain, isFirstStage = self.segmentation?.isFirstStage ?? false
            fused = try OpenCCData.fusedChain(fusedChain) { () throws(ZhTextError) in
                try FusedChain(index: fusedChain, segmentationEntryCount: segmentation.table.entryCount,
                               chain: chain, segmentationIsFirstStage: isFirstStage,
                               segmentation: (segmentation.table.view, segmentation.multiCharacterOnly))
            }
        } else {
            fused = nil
        }
    }

    // MARK: One pass

    /// Applies one stage to `p[start..<end]`, appending to `output`. Returns whether any
    /// dictionary entry matched (when none did, the output is a copy of the input).
    @discardableResult
    static func applyStage<R: PieceRecorder>(
        _ tiers: [TierView], _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
        into output: ByteSink, recorder: inout R, hasDescriptions: Bool = true
    ) -> Bool {
        var noBounds: [Int]? = nil
        return applyStage(tiers, p, start, segmentEnds: CollectionOfOne(end), into: output, recorder: &recorder,
                          hasDescriptions: hasDescriptions, outputSegmentEnds: &noBounds)
    }

    /// Applies one stage to each segment of `p[start..<segmentEnds.last]` (segment j ends at
    /// `segmentEnds[j]`): no key matches across a segment's end. Appends to `output` and, when
    /// `outputSegmentEnds` is not nil, where each segment ends in `output` (counted from its
    /// start). Returns whether any dictionary entry matched.
    ///
    /// Forward maximum matching: at each character the first tier with a key there gives its
    /// longest key's replacement, else the character is copied; a complete description sequence
    /// is copied whole. Unchanged text is copied in runs that may span segments.
    @discardableResult
    static func applyStage<R: PieceRecorder>(
        _ tiers: [TierView], _ p: UnsafePointer<UInt8>, _ start: Int, segmentEnds: some Sequence<Int>,
        into output: ByteSink, recorder: inout R, hasDescriptions: Bool, outputSegmentEnds: inout [Int]?
    ) -> Bool {
        let outputBase = output.count
        var copyStart = start
        var changed = false
        // (The copies below are written out: a local function capturing these variables would
        // put every access under a run-time exclusivity check.)
        // The tiers are read in place: a `TierView` is 130 bytes, and iterating the array
        // copied each one per character.
        tiers.withUnsafeBufferPointer { views in
            var segmentStart = start
            for end in segmentEnds {
                if views.count == 1, !hasDescriptions {
                    forEachMaximalMatch(views[0], p, segmentStart, end, multiCharacterOnly: false) { i, match in
                        if copyStart < i {
                            output.append(p + copyStart, i &- copyStart)
                            recorder.record(source: i &- copyStart, target: i &- copyStart, linear: true)
                        }
                        views[0].emit(match, into: output, recorder: &recorder)
                        changed = true
                        copyStart = i &+ match.length
                    }
                } else {
                    var i = segmentStart
                    while i < end {
                        if hasDescriptions, p[i] == 0xE2, IdeographicDescription.startsDescription(p, i, end),
                           let idsEnd = IdeographicDescription.end(of: p, at: i, limit: end) {
                            i = idsEnd
                            continue
                        }
                        let (scalar, width) = decodeValidScalar(p, i)
                        var matched = false
                        for t in 0..<views.count where views[t].mayStartKey(with: scalar) {
                            let match = views[t].longestMatch(p, i, end)
                            guard match.length > 0 else { continue }
                            if copyStart < i {
                                output.append(p + copyStart, i &- copyStart)
                                recorder.record(source: i &- copyStart, target: i &- copyStart, linear: true)
                            }
                            views[t].emit(match, into: output, recorder: &recorder)
                            changed = true
                            i &+= match.length
                            copyStart = i
                            matched = true
                            break
                        }
                        if !matched { i &+= width }
                    }
                }
                // The segment ends after the pending copy, once it is written.
                outputSegmentEnds?.append(output.count &- outputBase &+ (end &- copyStart))
                segmentStart = end
            }
            if copyStart < segmentStart {
                output.append(p + copyStart, segmentStart &- copyStart)
                recorder.record(source: segmentStart &- copyStart, target: segmentStart &- copyStart, linear: true)
            }
        }
        return changed
    }

    /// Calls `body` with each key that forward maximum matching takes in `p[start..<end]` (valid
    /// UTF-8 without description sequences): its start and its match, in order. With
    /// `multiCharacterOnly`, a key of one character is passed over like an unmatched character.
    ///
    /// Each character is decoded once: the symbol after a one-character step is carried to the
    /// next position. The character's `LeadCharacterRecord` settles the common cases with one
    /// load: no key starts here, or only the character itself does, or a longer key could but
    /// the next character is not its second (one more load, into the 2-byte label array). Only
    /// when the first two characters agree with some key does the trie walk go on.
    @inline(__always)
    static func forEachMaximalMatch(
        _ table: TierView, _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, multiCharacterOnly: Bool,
        _ body: (_ start: Int, _ match: TierMatch) -> Void
    ) {
        guard start < end, let leads = table.leads else { return }
        var i = start
        var (code, width) = table.symbol(atValid: i, in: p)
        while true {
            let next = i &+ width
            var nextCode = 0, nextWidth = 0
            if next < end { (nextCode, nextWidth) = table.symbol(atValid: next, in: p) }
            if code != 0 {
                let lead = leads[code]
                let longer = table.longerMatch(lead, p, i, next, nextCode, nextWidth, end)
                if longer.length > 0 {
                    body(i, TierMatch(length: longer.length, entry: longer.entry, replacement: 0))
                    i &+= longer.length
                    if i >= end { break }
                    (code, width) = table.symbol(atValid: i, in: p)
                    continue
                }
                if lead.replacement != 0, !multiCharacterOnly {
                    body(i, TierMatch(length: width, entry: -1, replacement: lead.replacement))
                }
            }
            if next >= end { break }
            i = next
            code = nextCode
            width = nextWidth
        }
    }

    /// Whether the text holds a description character (U+2FF0–U+2FFF: bytes E2 BF B0…BF).
    static func containsDescription(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = text.baseAddress else { return false }
        var from = 0
        while let i = firstPair(in: text, from: from, lead: 0xE2, low: 0xBF, high: 0xBF) {
            if i + 2 < text.count, p[i + 2] & 0xF0 == 0xB0 { return true }
            from = i + 1
        }
        return false
    }

    /// Whether some key of a table with this lead filter may start in `text`.
    static func mayStartKey(_ filter: [(lead: UInt8, low: UInt8, high: UInt8)], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        filter.contains { firstPair(in: text, from: 0, lead: $0.lead, low: $0.low, high: $0.high) != nil }
    }

    /// The first `i ≥ from` where byte `lead` is followed by a byte in `low...high`; sixteen
    /// positions are tested per step (about 20 GB/s here), so a clean text costs almost nothing.
    static func firstPair(in text: UnsafeBufferPointer<UInt8>, from: Int, lead: UInt8, low: UInt8, high: UInt8) -> Int? {
        guard let p = text.baseAddress else { return nil }
        let n = text.count
        var i = from
        let leads = SIMD16<UInt8>(repeating: lead), lows = SIMD16<UInt8>(repeating: low)
        let span = SIMD16<UInt8>(repeating: high &- low)
        while i + 17 <= n {
            let first = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let second = UnsafeRawPointer(p + i + 1).loadUnaligned(as: SIMD16<UInt8>.self)
            if SIMDLanes.any((first .== leads) .& ((second &- lows) .<= span)) { break }
            i += 16
        }
        while i + 1 < n {
            if p[i] == lead, p[i + 1] &- low <= high &- low { return i }
            i += 1
        }
        return nil
    }

    // MARK: Whole conversion

    /// Converts valid UTF-8 `input`, appending to `output`. `pairsSeen`, when the caller
    /// validated the input with ``inputPairs``, is what that pass noted: a pair it did not see
    /// rules out a scan here.
    func convert<R: PieceRecorder>(
        _ input: UnsafeBufferPointer<UInt8>, into output: ByteSink, recorder: inout R, pairsSeen: UInt64 = ~0
    ) {
        guard !input.isEmpty else { return }
        let wantsMap = R.self != DiscardingRecorder.self
        // Dictionary values hold no description characters, so one scan of the input decides for every pass.
        let hasDescriptions = pairsSeen & Self.descriptionPairBit != 0 && Self.containsDescription(input)
        // Normalisation passes over the whole text; a pass that matched nothing is dropped.
        var normalized: ByteSink? = nil
        var normalizationMap: OffsetMap? = nil
        for (k, (stage, filter)) in zip(normalization, normalizationFilters).enumerated() {
            let source = normalized?.bytes ?? input
            // Most texts hold no key of a normalisation table at all: the validating pass, or
            // one vector scan, says so.
            if normalized == nil, let bits = normalizationPairBits[k], pairsSeen & bits == 0 { continue }
            if let filter, !Self.mayStartKey(filter, source) { continue }
            let next = ByteSink(capacity: source.count + source.count / 8)
            var stageRecorder = MapRecorder()
            var noRecorder = DiscardingRecorder()
            let changed = wantsMap
                ? Self.applyStage(stage, source.baseAddress!, 0, source.count, into: next, recorder: &stageRecorder,
                                  hasDescriptions: hasDescriptions)
                : Self.applyStage(stage, source.baseAddress!, 0, source.count, into: next, recorder: &noRecorder,
                                  hasDescriptions: hasDescriptions)
            guard changed else { continue }
            if wantsMap {
                normalizationMap = normalizationMap.map { $0.composed(with: stageRecorder.map) } ?? stageRecorder.map
            }
            normalized = next
        }
        guard let normalized else {
            convertSegments(input, into: output, recorder: &recorder, hasDescriptions: hasDescriptions)
            return
        }
        let text = normalized.bytes
        if wantsMap, let normalizationMap {
            var chainRecorder = MapRecorder()
            convertSegments(text, into: output, recorder: &chainRecorder, hasDescriptions: hasDescriptions)
            recorder.replay(normalizationMap.composed(with: chainRecorder.map))
        } else {
            convertSegments(text, into: output, recorder: &recorder, hasDescriptions: hasDescriptions)
        }
    }

    /// Segments the text (when the configuration says so) and runs the chain on each segment.
    private func convertSegments<R: PieceRecorder>(
        _ text: UnsafeBufferPointer<UInt8>, into output: ByteSink, recorder: inout R, hasDescriptions: Bool
    ) {
        if R.self == DiscardingRecorder.self, !hasDescriptions, let fused {
            convertFused(text, fused, into: output)
        } else if R.self == DiscardingRecorder.self {
            var stages = [DiscardingRecorder](repeating: DiscardingRecorder(), count: chain.count)
            runChain(text, into: output, recorders: &stages, hasDescriptions: hasDescriptions)
        } else {
            var stages = [MapRecorder](repeating: MapRecorder(), count: chain.count)
            runChain(text, into: output, recorders: &stages, hasDescriptions: hasDescriptions)
            recorder.replay(stages.dropFirst().reduce(stages[0].map) { $0.composed(with: $1.map) })
        }
    }

    /// Runs the chain stage by stage over the whole text, each stage confined to the segments:
    /// stage 0 writes one buffer and notes where each segment ends in it, stage k reads that
    /// buffer and writes the next. `recorders[k]` records stage k's pieces.
    private func runChain<S: PieceRecorder>(
        _ text: UnsafeBufferPointer<UInt8>, into output: ByteSink, recorders: inout [S], hasDescriptions: Bool
    ) {
        let p = text.baseAddress!
        let n = text.count
        let last = chain.count - 1
        var sink = last == 0 ? output : ByteSink(capacity: n + n / 8)
        var bounds: [Int]? = last == 0 ? nil : []
        var first = recorders[0]
        if let (table, multiCharacterOnly, reuse) = segmentation {
            // Maximum-matching segmentation; a single-character match of a multi-character-only
            // tier is no segment, and unmatched characters in a row make one.
            var unmatchedStart = 0
            if !hasDescriptions, reuse, multiCharacterOnly {
                // The first stage is the segmentation's table: in a run of characters where no
                // key of several characters starts, it takes each character's own key, which the
                // walk has at hand. One walk then segments and runs the first stage.
                var copyStart = 0
                var runOpen = false
                Self.forEachMaximalMatch(table, p, 0, n, multiCharacterOnly: false) { i, match in
                    if copyStart < i {
                        sink.append(p + copyStart, i &- copyStart)
                        first.record(source: i &- copyStart, target: i &- copyStart, linear: true)
                        runOpen = true
                    }
                    // A match from the character's own record (entry -1) is one character long.
                    if match.entry < 0 {
                        runOpen = true
                    } else if runOpen {
                        bounds?.append(sink.count)
                        runOpen = false
                    }
                    table.emit(match, into: sink, recorder: &first)
                    if match.entry >= 0 { bounds?.append(sink.count) }
                    copyStart = i &+ match.length
                }
                if copyStart < n {
                    sink.append(p + copyStart, n &- copyStart)
                    first.record(source: n &- copyStart, target: n &- copyStart, linear: true)
                    runOpen = true
                }
                if runOpen { bounds?.append(sink.count) }
                unmatchedStart = n
            } else if !hasDescriptions {
                Self.forEachMaximalMatch(table, p, 0, n, multiCharacterOnly: multiCharacterOnly) { i, match in
                    firstStage(p, unmatchedStart, i, match, of: reuse ? table : nil, into: sink, segmentEnds: &bounds,
                               recorder: &first, hasDescriptions: false)
                    unmatchedStart = i &+ match.length
                }
            } else {
                var i = 0
                while i < n {
                    if p[i] == 0xE2, IdeographicDescription.startsDescription(p, i, n),
                       let idsEnd = IdeographicDescription.end(of: p, at: i, limit: n) {
                        i = idsEnd
                        continue
                    }
                    let charLength = utf8Length(p[i])
                    let match = table.longestMatch(p, i, n)
                    guard match.length > (multiCharacterOnly ? charLength : 0) else {
                        i &+= charLength
                        continue
                    }
                    firstStage(p, unmatchedStart, i, match, of: reuse ? table : nil, into: sink, segmentEnds: &bounds,
                               recorder: &first, hasDescriptions: true)
                    i &+= match.length
                    unmatchedStart = i
                }
            }
            if unmatchedStart < n {
                applyChainStage(0, p, unmatchedStart, n, into: sink, recorder: &first, hasDescriptions: hasDescriptions)
                bounds?.append(sink.count)
            }
        } else {
            applyChainStage(0, p, 0, n, into: sink, recorder: &first, hasDescriptions: hasDescriptions)
            bounds?.append(sink.count)
        }
        recorders[0] = first
        // Later stages, each within the segments of the first.
        guard last > 0, var segmentEnds = bounds else { return }
        for k in 1...last {
            let target = k == last ? output : ByteSink(capacity: sink.count + sink.count / 8)
            var nextEnds: [Int]? = k == last ? nil : []
            nextEnds?.reserveCapacity(segmentEnds.count)
            var stage = recorders[k]
            Self.applyStage(chain[k], sink.base, 0, segmentEnds: segmentEnds, into: target, recorder: &stage,
                            hasDescriptions: hasDescriptions, outputSegmentEnds: &nextEnds)
            recorders[k] = stage
            sink = target
            segmentEnds = nextEnds ?? []
        }
    }

    /// The first stage over the unmatched characters `p[unmatchedStart..<keyStart]` (a segment,
    /// when not empty) and over the segmentation's key `match` at `keyStart`. `reusedTable` is
    /// the segmentation table when it is the first stage's too: the key's replacement is then
    /// taken directly, since the stage would find that very key again (a segment holds no
    /// description character).
    @inline(__always)
    private func firstStage<S: PieceRecorder>(
        _ p: UnsafePointer<UInt8>, _ unmatchedStart: Int, _ keyStart: Int, _ match: TierMatch, of reusedTable: TierView?,
        into sink: ByteSink, segmentEnds: inout [Int]?, recorder: inout S, hasDescriptions: Bool
    ) {
        if unmatchedStart < keyStart {
            applyChainStage(0, p, unmatchedStart, keyStart, into: sink, recorder: &recorder, hasDescriptions: hasDescriptions)
            segmentEnds?.append(sink.count)
        }
        if let reusedTable {
            reusedTable.emit(match, into: sink, recorder: &recorder)
        } else {
            applyChainStage(0, p, keyStart, keyStart &+ match.length, into: sink, recorder: &recorder, hasDescriptions: false)
        }
        segmentEnds?.append(sink.count)
    }

    /// Stage `k` of the chain over `p[start..<end]`, skipped (the text copied) when its filter
    /// says no key can start there.
    @inline(__always)
    func applyChainStage<R: PieceRecorder>(
        _ k: Int, _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
        into output: ByteSink, recorder: inout R, hasDescriptions: Bool
    ) {
        if k == 0, let filter = firstStageFilter, !filter.mayStartKey(in: p, start, end) {
            // What applyStage writes and records when nothing matches (a description sequence
            // holds no key start either, so it is copied the same way).
            if start < end {
                output.append(p + start, end &- start)
                recorder.record(source: end &- start, target: end &- start, linear: true)
            }
            return
        }
        Self.applyStage(chain[k], p, start, end, into: output, recorder: &recorder, hasDescriptions: hasDescriptions)
    }
}

/// The characters that start a key of any tier of a stage, for stages whose keys start with
/// few characters (at most 4,096 BMP scalars and none above).
final class StageFilter: @unchecked Sendable {
    private let bits: UnsafeMutablePointer<UInt64>

    init?(tiers: [TierView]) {
        var union = [UInt64](repeating: 0, count: 0x10000 / 64)
        for tier in tiers {
            for k in union.indices { union[k] |= tier.keyStarts[k] }
        }
        // The bitmaps cover the BMP only: a key starting above it rules the filter out.
        guard tiers.allSatisfy({ !$0.startsAboveBMP }),
              union.reduce(0, { $0 + $1.nonzeroBitCount }) <= 4096 else { return nil }
        bits = .allocate(capacity: union.count)
        bits.initialize(from: union, count: union.count)
    }

    deinit { bits.deallocate() }

    /// Whether some character of valid UTF-8 `p[start..<end]` starts a key.
    @inline(__always)
    func mayStartKey(in p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let (scalar, width) = decodeValidScalar(p, i)
            if scalar < 0x10000, bits[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0 { return true }
            i &+= width
        }
        return false
    }
}

extension PieceRecorder {
    /// Records every piece of `map`.
    mutating func replay(_ map: OffsetMap) {
        for piece in map.pieces {
            record(source: piece.sourceRange.count, target: piece.targetRange.count, linear: piece.isLinear)
        }
    }
}

import ZhTextCore

/// jieba's `cut` and `cut_for_search` over a whole text: the text is split into blocks of
/// jieba's block class and the runs between them (`re_han_default.split`), blocks go to
/// ``BlockSegmentation``, and the runs come out as jieba emits them. Scratch arrays are kept
/// between calls, so a text costs no allocation per word.
struct TextSegmentation<Frequencies: WordFrequencies> {
    var blocks: BlockSegmentation<Frequencies>
    let mode: WordSegmenter.Mode
    let usesHMM: Bool
    let hasUserDictionary: Bool
    /// Replaced before use when shared with a copy, so that copies never write to one buffer.
    var scratch = SegmentationScratch()

    init(frequencies: Frequencies, model: HiddenMarkovModel, mode: WordSegmenter.Mode, usesHMM: Bool) {
        self.blocks = BlockSegmentation(frequencies: frequencies, model: model)
        self.mode = mode
        self.usesHMM = usesHMM
        self.hasUserDictionary = frequencies.hasUserDictionary
    }

    /// Segments `p[..<n]`; invalid UTF-8 sequences come out as words of their own, as the
    /// U+FFFD that would replace them would. Positions count from `origin`.
    mutating func segment(
        _ p: UnsafePointer<UInt8>, _ n: Int, origin: TextPosition, _ body: (Word) throws -> Void
    ) rethrows {
        if !isKnownUniquelyReferenced(&scratch) { scratch = SegmentationScratch() }
        var i = 0
        var scalarIndex = origin.scalar
        @inline(__always)
        func word(_ from: Int, _ to: Int, _ scalarFrom: Int, _ scalarTo: Int) -> Word {
            Word(utf8Range: (origin.utf8 &+ from)..<(origin.utf8 &+ to), scalarRange: scalarFrom..<scalarTo)
        }
        // Full mode: the text between whitespace in a run is one word, even when empty.
        var pieceStart = 0, pieceScalar = scalarIndex
        var inRun = false
        while i < n {
            let (scalar, length) = decodeScalar(p, i, n)
            if length > 0, JiebaCharacterClass.isBlock(scalar) {
                if inRun, mode == .full { try body(word(pieceStart, i, pieceScalar, scalarIndex)) }
                inRun = false
                let blockScalar = scalarIndex
                let (count, end) = collectBlock(p, n, from: i)
                i = end
                scalarIndex &+= count
                try segmentBlock(p, count, blockScalar: blockScalar, origin: origin, body)
                continue
            }
            if !inRun {
                inRun = true
                pieceStart = i
                pieceScalar = scalarIndex
            }
            let width = length > 0 ? length : -length
            let isWhitespace = length > 0 && JiebaCharacterClass.isWhitespace(scalar)
            if isWhitespace {
                // `\r\n` is one separator; any other whitespace character is one.
                let separatorWidth = scalar == 0x0D && i + 1 < n && p[i + 1] == 0x0A ? 2 : 1
                let separatorEnd = i + (separatorWidth == 2 ? 2 : width)
                if mode == .full { try body(word(pieceStart, i, pieceScalar, scalarIndex)) }
                try body(word(i, separatorEnd, scalarIndex, scalarIndex &+ separatorWidth))
                i = separatorEnd
                scalarIndex &+= separatorWidth
                pieceStart = i
                pieceScalar = scalarIndex
                continue
            }
            if mode != .full { try body(word(i, i + width, scalarIndex, scalarIndex &+ 1)) }
            i += width
            scalarIndex &+= 1
        }
        if inRun, mode == .full { try body(word(pieceStart, n, pieceScalar, scalarIndex)) }
    }

    /// Fills the scratch with the block that starts at byte `start`; returns its character
    /// count and where it ends.
    mutating func collectBlock(_ p: UnsafePointer<UInt8>, _ n: Int, from start: Int) -> (count: Int, end: Int) {
        var count = 0
        var i = start
        var starts = scratch.starts, scalars = scratch.scalars, codes = scratch.codes, userCodes = scratch.userCodes
        var capacity = scratch.capacity
        let symbols = blocks.frequencies.symbolReader
        while i < n {
            let (scalar, length) = decodeScalar(p, i, n)
            guard length > 0, JiebaCharacterClass.isBlock(scalar) else { break }
            if count == capacity {
                scratch.grow(to: count + 1)
                (starts, scalars, codes, userCodes) = (scratch.starts, scratch.scalars, scratch.codes, scratch.userCodes)
                capacity = scratch.capacity
            }
            let (code, userCode) = symbols.symbols(of: scalar)
            starts[count] = i
            scalars[count] = scalar
            codes[count] = code
            userCodes[count] = userCode
            count &+= 1
            i &+= length
        }
        starts[count] = i
        return (count, i)
    }

    mutating func segmentBlock(
        _ p: UnsafePointer<UInt8>, _ count: Int, blockScalar: Int, origin: TextPosition, _ body: (Word) throws -> Void
    ) rethrows {
        let block = BlockText(
            text: p, starts: scratch.starts, scalars: scratch.scalars, codes: scratch.codes,
            userCodes: hasUserDictionary ? UnsafePointer(scratch.userCodes) : nil, count: count,
            routeWeight: scratch.routeWeight, routeEnd: scratch.routeEnd)
        func emit(_ range: Range<Int>) throws {
            try body(Word(
                utf8Range: (origin.utf8 &+ block.starts[range.lowerBound])..<(origin.utf8 &+ block.starts[range.upperBound]),
                scalarRange: (blockScalar &+ range.lowerBound)..<(blockScalar &+ range.upperBound)))
        }
        switch mode {
        case .accurate:
            try blocks.cutAccurate(block, usesHMM: usesHMM, emit)
        case .full:
            try blocks.cutAll(block, emit)
        case .search:
            let frequencies = blocks.frequencies
            try blocks.cutAccurate(block, usesHMM: usesHMM) { range in
                // cut_for_search: the word's known 2-grams, then its known 3-grams, then the word.
                if range.count > 2 {
                    for i in range.lowerBound..<(range.upperBound - 1)
                    where frequencies.frequency(of: i..<(i + 2), in: block) > 0 {
                        try emit(i..<(i + 2))
                    }
                }
                if range.count > 3 {
                    for i in range.lowerBound..<(range.upperBound - 2)
                    where frequencies.frequency(of: i..<(i + 3), in: block) > 0 {
                        try emit(i..<(i + 3))
                    }
                }
                try emit(range)
            }
        }
    }
}

// A segmentation's scratch is replaced before use whenever a copy shares it, so a copy that
// crosses threads never writes to the same buffers.
extension TextSegmentation: @unchecked Sendable where Frequencies: Sendable {}

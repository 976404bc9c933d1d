import ZhTextCore

/// Segments a text that arrives in pieces, giving the words of the whole text with offsets
/// from its start. Pieces must be split at character boundaries.
///
/// jieba segments each block (a run of its block class) and each run between blocks on its
/// own, so the stream segments everything up to the last change between a block and a
/// non-block character and holds back the rest. A single block longer than
/// ``maximumHeldBytes`` (a megabyte of Han text without punctuation or space) is cut there,
/// the one case where the stream may differ from segmenting the text whole.
public struct WordStream: Sendable {
    /// The most bytes held back waiting for the end of a block.
    public static let maximumHeldBytes = 1 << 20
    let segmenter: WordSegmenter
    var segmentation: TextSegmentation<CompiledWordFrequencies>
    var pending: [UInt8] = []
    /// Position of `pending[0]` in the whole text.
    var origin = TextPosition.zero
    /// How far `pending` has been classified, and the scalars up to there.
    var scanned = TextPosition.zero
    var lastWasBlock: Bool? = nil
    /// The last change between block and non-block characters in `pending`.
    var lastBoundary = TextPosition.zero

    init(segmenter: WordSegmenter) {
        self.segmenter = segmenter
        self.segmentation = segmenter.makeSegmentation()
    }

    /// Feeds the next piece and calls `body` with each word that is complete.
    public mutating func feed(_ piece: UnsafeBufferPointer<UInt8>, _ body: (Word) throws -> Void) rethrows {
        try feed(piece, withText: { word, _ in try body(word) })
    }

    /// Ends the text and calls `body` with the last words.
    public mutating func finish(_ body: (Word) throws -> Void) rethrows {
        try finish(withText: { word, _ in try body(word) })
    }

    /// ``feed(_:_:)``, also handing over each word's bytes, which may have come in an earlier
    /// piece (they are valid only during the call).
    public mutating func feed(
        _ piece: UnsafeBufferPointer<UInt8>, withText body: (Word, UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        pending.append(contentsOf: piece)
        pending.withUnsafeBufferPointer { buffer in
            let p = buffer.baseAddress!
            var i = scanned.utf8, s = scanned.scalar
            while i < buffer.count {
                let (scalar, length) = decodeScalar(p, i, buffer.count)
                let isBlock = length > 0 && JiebaCharacterClass.isBlock(scalar)
                if let last = lastWasBlock, last != isBlock { lastBoundary = TextPosition(utf8: i, scalar: s) }
                lastWasBlock = isBlock
                i += length > 0 ? length : -length
                s += 1
            }
            scanned = TextPosition(utf8: i, scalar: s)
        }
        if lastBoundary.utf8 == 0, pending.count > Self.maximumHeldBytes { lastBoundary = scanned }
        guard lastBoundary.utf8 > 0 else { return }
        try emit(upTo: lastBoundary, body)
    }

    /// ``finish(_:)``, also handing over each word's bytes.
    public mutating func finish(withText body: (Word, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try emit(upTo: scanned, body)
        lastWasBlock = nil
    }

    /// Segments `text`, a whole text of its own, with this stream's scratch space and without
    /// touching what the stream holds: for callers that segment many short texts (lines,
    /// records) and stream only the long ones.
    package mutating func forEachWord(
        inCompleteText text: UnsafeBufferPointer<UInt8>, withText body: (Word, UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        try segmenter.segment(text, &segmentation) { word in
            try body(word, UnsafeBufferPointer(rebasing: text[word.utf8Range]))
        }
    }

    private mutating func emit(upTo cut: TextPosition, _ body: (Word, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        let segmenter = self.segmenter
        let origin = self.origin
        try pending.withUnsafeBufferPointer { buffer in
            try segmenter.segment(UnsafeBufferPointer(rebasing: buffer[..<cut.utf8]), &segmentation, origin: origin) { word in
                let local = (word.utf8Range.lowerBound - origin.utf8)..<(word.utf8Range.upperBound - origin.utf8)
                try body(word, UnsafeBufferPointer(rebasing: buffer[local]))
            }
        }
        pending.removeFirst(cut.utf8)
        self.origin = TextPosition(utf8: origin.utf8 + cut.utf8, scalar: origin.scalar + cut.scalar)
        scanned = TextPosition(utf8: scanned.utf8 - cut.utf8, scalar: scanned.scalar - cut.scalar)
        lastBoundary = .zero
    }
}

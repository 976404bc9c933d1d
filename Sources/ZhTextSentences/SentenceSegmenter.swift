import ZhTextCore

/// Splits Chinese text into sentences, on the core tokenizer, with rules for news text.
///
/// - Terminators are `。！？` and ASCII `!?` (scraped text uses half-width punctuation inside
///   Chinese); `．`/`.` only before white space, a Han character or a line break (never between
///   digits, never in `讲话.docx` or `1.《求是》`); `……`/`…` only before a terminator, a closing
///   mark or an opening quote.
/// - Closing quotes after a terminator belong to the sentence they close (`…问题。”` stays
///   whole); a terminator right before a closing bracket or `》` is internal (`（见附件。）`);
///   an opening quote after a terminator starts the next sentence.
/// - No split inside balanced `《》`, `「」`, `“”`, `()` and the like on the same line; an opener
///   that is not closed on its line (scraped text drops closing quotes) protects nothing.
/// - `，` or `、` right after `。”` continues the sentence (`他说“好。”,然后…`).
/// - `；`/`;` never ends a sentence; with ``Options/splitsClauses`` it ends a clause.
/// - Line breaks are hard boundaries; enumerations (`一是…。二是…`) and `1、` items split only at
///   terminators.
///
/// Cost: one pass over the tokens, O(n) time; memory is constant (at most
/// ``Options/maximumPendingSplits`` undecided splits are held inside an open bracket).
public struct SentenceSegmenter: Sendable {
    /// What users may tune.
    public struct Options: Sendable, Hashable {
        /// Report clause sub-ranges, split after `；` and `;`.
        public var splitsClauses: Bool
        /// Unterminated lines of at most this many scalars, without clause punctuation, are headings.
        public var headingMaximumLength: Int
        /// An opener still open after this many bytes is treated as never closed.
        public var maximumProtectedLength: Int
        /// An opener holding more undecided splits than this is treated as never closed.
        public var maximumPendingSplits: Int

        /// Creates options (the defaults suit news text).
        public init(splitsClauses: Bool = false, headingMaximumLength: Int = 40,
                    maximumProtectedLength: Int = 4096, maximumPendingSplits: Int = 64) {
            self.splitsClauses = splitsClauses
            self.headingMaximumLength = headingMaximumLength
            self.maximumProtectedLength = maximumProtectedLength
            self.maximumPendingSplits = maximumPendingSplits
        }
    }

    /// The segmenter's options.
    public var options: Options

    /// Creates a segmenter.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Calls `body` with each sentence of `text`, in order.
    public func forEachSentence(in text: some StringProtocol, _ body: (Sentence) throws -> Void) rethrows {
        try withContiguousUTF8(text) { try forEachSentence(inUTF8: $0, body) }
    }

    /// Calls `body` with each sentence of a UTF-8 buffer (invalid bytes are tokens like any other).
    public func forEachSentence(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (Sentence) throws -> Void) rethrows {
        var stream = makeStream()
        try stream.feed(bytes, body)
        try stream.finish(body)
    }

    /// Calls `body` with each sentence of a UTF-8 buffer.
    @available(*, deprecated, renamed: "forEachSentence(inUTF8:_:)")
    public func forEachSentence(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Sentence) throws -> Void) rethrows {
        try forEachSentence(inUTF8: bytes, body)
    }

    /// All sentences of UTF-8 bytes (invalid bytes are tokens like any other), with ranges into
    /// `bytes`.
    public func sentences(inUTF8 bytes: some Collection<UInt8>) -> [Sentence] {
        var result: [Sentence] = []
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            forEachSentence(inUTF8: buffer) { result.append($0) }
        }
        if done == nil {
            Array(bytes).withUnsafeBufferPointer { buffer in forEachSentence(inUTF8: buffer) { result.append($0) } }
        }
        return result
    }

    /// All sentences of `text`.
    public func sentences(in text: some StringProtocol) -> [Sentence] {
        var result: [Sentence] = []
        forEachSentence(in: text) { result.append($0) }
        return result
    }

    /// The sentences of `derived`, a text made from `original` (by cleanup, say), with their ranges
    /// in `original`: `map` goes from `original` (source) to `derived` (target).
    public func sentences(in derived: some StringProtocol, original: some StringProtocol, map: OffsetMap) -> [Sentence] {
        let originalBytes = Array(original.utf8)
        var scalarCursor = (utf8: 0, scalars: 0)
        func scalarOffset(_ utf8: Int) -> Int {
            // Sentences come in order, so counting continues from the previous answer.
            if utf8 < scalarCursor.utf8 { scalarCursor = (0, 0) }
            var i = scalarCursor.utf8, s = scalarCursor.scalars
            while i < utf8, i < originalBytes.count {
                if originalBytes[i] & 0xC0 != 0x80 { s += 1 }
                i += 1
            }
            scalarCursor = (i, s)
            return s
        }
        return sentences(in: derived).map { sentence in
            let range = map.sourceRange(forTargetRange: sentence.utf8Range)
            let start = scalarOffset(range.lowerBound)
            let end = scalarOffset(range.upperBound)
            return Sentence(kind: sentence.kind, utf8Range: range, scalarRange: start..<end,
                            clauses: sentence.clauses.map { map.sourceRange(forTargetRange: $0) })
        }
    }

    /// A segmenter for text that arrives in pieces (any split at character boundaries).
    public func makeStream() -> SentenceStream {
        SentenceStream(options: options)
    }
}

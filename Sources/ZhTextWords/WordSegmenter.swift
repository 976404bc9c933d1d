import ZhTextCore

/// Chinese word segmentation with jieba 0.42.1's dictionary and algorithm, giving jieba's words
/// with their ranges in the caller's text.
///
/// Like jieba, the text is first split into blocks of Han characters, ASCII letters and digits
/// and `+#&._%-`; whitespace and other characters between blocks are words of their own. A
/// block is segmented along the most probable route through the DAG of dictionary words
/// (log-frequencies, ties to the longer word as jieba breaks them), and runs of characters
/// that form no word go to jieba's character HMM (B/M/E/S Viterbi) when ``usesHMM`` is on.
///
/// ```swift
/// let segmenter = try WordSegmenter()
/// let text = "我来到北京清华大学"
/// print(segmenter.words(in: text).map { $0.text(in: text) })
/// // ["我", "来到", "北京", "清华大学"]
/// ```
///
/// The dictionary is a core `DictionaryAutomaton` embedded in the binary and used in place;
/// it is loaded on first use. A segmenter is immutable and can be shared between threads.
public struct WordSegmenter: Sendable {
    /// jieba's three ways of cutting.
    public enum Mode: String, Sendable, Hashable, CaseIterable, Codable {
        /// `jieba.cut(text)`: the most probable segmentation; words tile the text.
        case accurate
        /// `jieba.cut_for_search(text)`: accurate mode, and before each word of more than two
        /// characters the dictionary's 2- and 3-character words inside it.
        case search
        /// `jieba.cut(text, cut_all=True)`: every dictionary word in the text, overlapping.
        case full
    }

    /// Everything a segmenter is built from, for components that build one (such as a pipeline).
    public struct Options: Sendable, Hashable {
        /// How the text is cut.
        public var mode: Mode
        /// Whether unknown runs go to the HMM.
        public var usesHMM: Bool
        /// User words, added after jieba's dictionary.
        public var dictionary: WordDictionary
        /// Whether the built-in slogan lexicon's terms are added as words.
        public var keepsSlogans: Bool
        /// Further terms added as words (a user's slogan lexicon, say).
        public var extraTerms: [String]

        /// Creates options; by default jieba's accurate mode with the HMM.
        public init(mode: Mode = .accurate, usesHMM: Bool = true, dictionary: WordDictionary = WordDictionary(),
                    keepsSlogans: Bool = false, extraTerms: [String] = []) {
            self.mode = mode
            self.usesHMM = usesHMM
            self.dictionary = dictionary
            self.keepsSlogans = keepsSlogans
            self.extraTerms = extraTerms
        }
    }

    /// How the text is cut.
    public var mode: Mode
    /// Whether runs of characters that are no dictionary word go to the HMM (jieba's `HMM=True`).
    /// Full mode does not use it.
    public var usesHMM: Bool
    let frequencies: CompiledWordFrequencies
    let model: HiddenMarkovModel

    /// A segmenter with jieba's dictionary and, in order after it, `dictionary`'s user words;
    /// with `keepsSlogans`, also the terms of ZhText's built-in slogan lexicon (`中国式现代化`,
    /// `绿水青山就是金山银山`, …) and `extraTerms` (a user's slogan terms, say), each added as
    /// a word without a frequency, so that they stay whole.
    ///
    /// - Throws: `ZhTextError` (kind `.corruptAutomatonData`) if the embedded data is damaged.
    public init(mode: Mode = .accurate, usesHMM: Bool = true, dictionary: WordDictionary = WordDictionary(),
                keepsSlogans: Bool = false, extraTerms: [String] = []) throws(ZhTextError) {
        let data = try JiebaData.shared.get()
        var entries = dictionary.entries
        if keepsSlogans {
            entries += BuiltInSloganTerms.terms.map { WordDictionary.Entry(word: $0) }
        }
        entries += extraTerms.filter { !$0.isEmpty }.map { WordDictionary.Entry(word: $0) }
        self.mode = mode
        self.usesHMM = usesHMM
        self.model = data.model
        self.frequencies = try UserWordCompiler(data: data).compile(entries)
    }

    /// A segmenter built from `options`.
    public init(options: Options) throws(ZhTextError) {
        try self.init(mode: options.mode, usesHMM: options.usesHMM, dictionary: options.dictionary,
                      keepsSlogans: options.keepsSlogans, extraTerms: options.extraTerms)
    }

    /// The number of user words after duplicates (0 without a user dictionary).
    public var userWordCount: Int { frequencies.user?.keyCount ?? 0 }

    /// Heap and table memory of the dictionaries, in bytes (the built-in one counted whole,
    /// although it is read-only data of the binary, shared by every segmenter).
    public var memoryFootprint: Int {
        frequencies.base.memoryFootprint + (frequencies.user?.memoryFootprint ?? 0) + (1 << 16) * 8
    }

    func makeSegmentation() -> TextSegmentation<CompiledWordFrequencies> {
        TextSegmentation(frequencies: frequencies, model: model, mode: mode, usesHMM: usesHMM)
    }

    // MARK: Segmenting

    /// Calls `body` with each word of `text`, in jieba's order. Allocates nothing per word.
    public func forEachWord(in text: some StringProtocol, _ body: (Word) throws -> Void) rethrows {
        var segmentation = makeSegmentation()
        if let done = try text.utf8.withContiguousStorageIfAvailable({ buffer in
            try segment(buffer, &segmentation, body)
        }) {
            return done
        }
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { try segment($0, &segmentation, body) }
    }

    /// Calls `body` with each word of UTF-8 `bytes`. An invalid byte sequence comes out as a
    /// word of its own (what one U+FFFD would be), so the words still tile the bytes.
    public func forEachWord(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (Word) throws -> Void) rethrows {
        var segmentation = makeSegmentation()
        try segment(bytes, &segmentation, body)
    }

    func segment(
        _ bytes: UnsafeBufferPointer<UInt8>, _ segmentation: inout TextSegmentation<CompiledWordFrequencies>,
        origin: TextPosition = .zero, _ body: (Word) throws -> Void
    ) rethrows {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        try withExtendedLifetime(frequencies) {
            try segmentation.segment(base, bytes.count, origin: origin, body)
        }
    }

    /// The words of `text`.
    public func words(in text: some StringProtocol) -> [Word] {
        var result: [Word] = []
        forEachWord(in: text) { result.append($0) }
        return result
    }

    /// The words of `text` as strings: `jieba.lcut(text)` (or `lcut_for_search`, or
    /// `lcut(text, cut_all=True)`).
    public func strings(in text: some StringProtocol) -> [String] {
        let string = String(text)
        return words(in: string).map { $0.text(in: string) }
    }

    /// The words of UTF-8 `bytes`; see ``forEachWord(inUTF8:_:)``.
    public func words(inUTF8 bytes: some Collection<UInt8>) -> [Word] {
        let array = Array(bytes)
        var result: [Word] = []
        array.withUnsafeBufferPointer { buffer in forEachWord(inUTF8: buffer) { result.append($0) } }
        return result
    }

    /// The words of `derived`, a text made from `original` (by cleanup, say), with their ranges
    /// in `original`: `map` goes from `original` (source) to `derived` (target). A word inside
    /// an edit maps to the whole edit.
    public func words(in derived: some StringProtocol, original: some StringProtocol, map: OffsetMap) -> [Word] {
        var scalarStarts: [Int] = []  // scalar index of each byte of original (lead bytes only used)
        scalarStarts.reserveCapacity(original.utf8.count + 1)
        var scalars = 0
        for byte in original.utf8 {
            scalarStarts.append(scalars)
            if byte & 0xC0 != 0x80 { scalars += 1 }
        }
        scalarStarts.append(scalars)
        func scalarOffset(_ utf8: Int) -> Int {
            guard utf8 < scalarStarts.count - 1 else { return scalars }
            // A continuation byte's entry already counts its lead; a boundary's is exact.
            return scalarStarts[utf8]
        }
        return words(in: derived).map { word in
            let range = map.sourceRange(forTargetRange: word.utf8Range)
            return Word(utf8Range: range, scalarRange: scalarOffset(range.lowerBound)..<scalarOffset(range.upperBound))
        }
    }

    /// A segmenter for text that arrives in pieces; see ``WordStream``.
    public func makeStream() -> WordStream {
        WordStream(segmenter: self)
    }
}

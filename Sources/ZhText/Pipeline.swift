/// The whole job in one value: clean → convert → split into sentences → find slogans → split
/// into words, each step optional, with every range of the result mapped back to the raw input.
///
/// ```swift
/// let pipeline = try Pipeline(.init(conversion: .t2s))
/// let result = pipeline.run(bytes: scrapedBytes)
/// for sentence in result.sentences {
///     print(sentence.value.text(in: result.text), sentence.inputRange)
/// }
/// for slogan in result.slogans { print(slogan.value.canonical, slogan.inputRange) }
/// ```
///
/// A pipeline is immutable and `Sendable`: build one and share it across threads. Its
/// dictionaries load once, on first use. Cost: linear in the input; the steps run one after
/// another over the whole text (see each component for its own cost).
public struct Pipeline: Sendable {
    /// Which steps run, and how.
    public struct Configuration: Sendable {
        /// Cleanup options, or `nil` to skip cleanup (the input must then be UTF-8; invalid
        /// bytes become U+FFFD without a report).
        public var cleanup: Cleaner.Options?
        /// The script conversion, or `nil` to keep the script.
        public var conversion: ScriptConverter.Configuration?
        /// Sentence segmentation options, or `nil` to skip segmentation.
        public var sentences: SentenceSegmenter.Options?
        /// The slogan lexicon, or `nil` to skip slogan matching.
        public var slogans: SloganLexicon?
        /// Word segmentation options, or `nil` (the default) to skip word segmentation.
        public var words: WordSegmenter.Options?
        /// Structural slogan matches scoring below this are left out (see
        /// `SloganMatcher.defaultMinimumConfidence`); 0 keeps every candidate with its score.
        public var sloganMinimumConfidence = SloganMatcher.defaultMinimumConfidence

        /// Creates a configuration; by default every step runs except conversion.
        public init(cleanup: Cleaner.Options? = Cleaner.Options(), conversion: ScriptConverter.Configuration? = nil,
                    sentences: SentenceSegmenter.Options? = SentenceSegmenter.Options(),
                    slogans: SloganLexicon? = .builtIn, words: WordSegmenter.Options? = nil) {
            self.cleanup = cleanup
            self.conversion = conversion
            self.sentences = sentences
            self.slogans = slogans
            self.words = words
        }
    }

    /// The configuration the pipeline was built with.
    public let configuration: Configuration
    let cleaner: Cleaner?
    let converter: ScriptConverter?
    let segmenter: SentenceSegmenter?
    let matcher: SloganMatcher?
    let wordSegmenter: WordSegmenter?

    /// Builds the pipeline's components (conversion tables and the slogan automaton).
    ///
    /// - Throws: `ZhTextError` when a component cannot be built (a corrupt embedded table, a
    ///   user lexicon the automaton rejects).
    public init(_ configuration: Configuration = Configuration()) throws(ZhTextError) {
        self.configuration = configuration
        cleaner = configuration.cleanup.map { Cleaner(options: $0) }
        converter = try configuration.conversion.map { (c) throws(ZhTextError) in try ScriptConverter(c) }
        segmenter = configuration.sentences.map { SentenceSegmenter(options: $0) }
        matcher = try configuration.slogans.map { (lexicon) throws(ZhTextError) in
            try SloganMatcher(lexicon: lexicon, minimumConfidence: configuration.sloganMinimumConfidence)
        }
        wordSegmenter = try configuration.words.map { (options) throws(ZhTextError) in try WordSegmenter(options: options) }
    }

    /// Runs the pipeline over `text` (a `String` or a `Substring`).
    public func run(_ text: some StringProtocol) -> PipelineResult {
        run(utf8: Array(text.utf8))
    }

    /// Runs the pipeline over bytes that should be UTF-8 but may not be. With cleanup, lines in
    /// GB 18030 or Big5 are decoded and other invalid bytes are reported as findings (see
    /// `Cleaner.clean(utf8:)`).
    public func run(utf8 bytes: some Collection<UInt8>) -> PipelineResult {
        var state = CleanupDocumentState()
        return run(piece: Array(bytes), state: &state, isLast: true)
    }

    /// Runs the pipeline over bytes that should be UTF-8 but may not be.
    @available(*, deprecated, renamed: "run(utf8:)")
    public func run(bytes: some Collection<UInt8>) -> PipelineResult {
        run(utf8: bytes)
    }

    /// Runs the pipeline over one piece of a document too large to hold at once: pieces cut by
    /// ``DocumentPieceCutter``, in order, with one `state` carried from each to the next. The
    /// result's ranges are relative to the piece. Every step gives what it gives on the whole
    /// document: conversion, sentences and slogans never cross the line break a piece ends at.
    package func run(piece raw: [UInt8], state: inout CleanupDocumentState, isLast: Bool) -> PipelineResult {
        run(piece: raw, isValidUTF8: false, state: &state, isLast: isLast)
    }

    /// ``run(utf8:)`` over bytes the caller has validated as UTF-8: cleanup does not scan them
    /// again.
    package func run(validUTF8 bytes: [UInt8]) -> PipelineResult {
        var state = CleanupDocumentState()
        return run(piece: bytes, isValidUTF8: true, state: &state, isLast: true)
    }

    private func run(piece raw: [UInt8], isValidUTF8: Bool, state: inout CleanupDocumentState, isLast: Bool) -> PipelineResult {
        var text: String
        var offsets: OffsetMap
        var cleanup: CleanupResult? = nil
        if let cleaner {
            let cleaned = isValidUTF8 ? cleaner.clean(validPiece: raw, state: &state, isLast: isLast)
                : cleaner.clean(piece: raw, state: &state, isLast: isLast)
            text = cleaned.text
            offsets = cleaned.offsets
            cleanup = cleaned
        } else {
            text = String(decoding: raw, as: UTF8.self)
            // Without cleanup an invalid sequence became U+FFFD, so lengths may differ; map
            // the whole input to the whole text unless they match byte for byte.
            if text.utf8.count == raw.count {
                offsets = .identity(utf8Count: raw.count)
            } else {
                offsets = OffsetMap()
                offsets.append(sourceLength: raw.count, targetLength: text.utf8.count, linear: false)
            }
        }
        if let converter {
            let converted = converter.convertWithOffsets(text)
            offsets = offsets.composed(with: converted.offsets)
            text = converted.text
        }
        var sentences: [PipelineResult.Mapped<Sentence>] = []
        if let segmenter {
            segmenter.forEachSentence(in: text) { sentence in
                sentences.append(.init(value: sentence, inputRange: offsets.sourceRange(forTargetRange: sentence.utf8Range)))
            }
        }
        var slogans: [PipelineResult.Mapped<SloganMatch>] = []
        if let matcher {
            var copy = text
            copy.withUTF8 { buffer in
                matcher.forEachMatch(inUTF8: buffer) { match in
                    slogans.append(.init(value: match, inputRange: offsets.sourceRange(forTargetRange: match.utf8Range)))
                }
            }
        }
        var words: [PipelineResult.Mapped<Word>] = []
        if let wordSegmenter {
            wordSegmenter.forEachWord(in: text) { word in
                words.append(.init(value: word, inputRange: offsets.sourceRange(forTargetRange: word.utf8Range)))
            }
        }
        return PipelineResult(text: text, inputByteCount: raw.count, offsets: offsets, cleanup: cleanup,
                              sentences: sentences, slogans: slogans, words: words)
    }
}

/// What a ``Pipeline`` produced from one input.
public struct PipelineResult: Sendable, Hashable {
    /// A result paired with the raw input bytes it came from.
    public struct Mapped<Value: Sendable & Hashable>: Sendable, Hashable {
        /// The value, with ranges into ``PipelineResult/text``.
        public var value: Value
        /// The byte range of the raw input that produced it.
        public var inputRange: Range<Int>
    }

    /// The output text: cleaned and converted.
    public var text: String
    /// The size of the raw input in bytes.
    public var inputByteCount: Int
    /// Maps output byte ranges to raw input byte ranges (cleanup and conversion composed).
    public var offsets: OffsetMap
    /// The cleanup's edits and findings (ranges into the raw input), when cleanup ran.
    public var cleanup: CleanupResult?
    /// The sentences of ``text``, when segmentation ran.
    public var sentences: [Mapped<Sentence>]
    /// The slogans of ``text`` (canonical forms in Simplified), when matching ran.
    public var slogans: [Mapped<SloganMatch>]
    /// The words of ``text``, when word segmentation ran.
    public var words: [Mapped<Word>] = []

    /// The raw input byte range that produced `range` of ``text``.
    public func inputRange(forOutputRange range: Range<Int>) -> Range<Int> {
        offsets.sourceRange(forTargetRange: range)
    }
}

/// `Codable` with the keys the CLI writes: a mapped value is the value's own keys plus `"input"`,
/// its range in the raw input (`{"canonical":…,"kind":…,"input":[40,52],…}`).
extension PipelineResult.Mapped: Codable where Value: Codable {
    enum CodingKeys: String, CodingKey { case inputRange = "input" }

    /// Decodes the value and its `"input"` range from the same object.
    public init(from decoder: any Decoder) throws {
        value = try Value(from: decoder)
        inputRange = try decoder.container(keyedBy: CodingKeys.self).decode(Range<Int>.self, forKey: .inputRange)
    }

    /// Encodes the value's keys and `"input"` into one object.
    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inputRange, forKey: .inputRange)
    }
}

extension PipelineResult: Codable {
    enum CodingKeys: String, CodingKey {
        case text, inputByteCount = "inputBytes", offsets, cleanup, sentences, slogans, words
    }

    /// Decodes a result; `cleanup` and the word list may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(text: try container.decode(String.self, forKey: .text),
                  inputByteCount: try container.decode(Int.self, forKey: .inputByteCount),
                  offsets: try container.decode(OffsetMap.self, forKey: .offsets),
                  cleanup: try container.decodeIfPresent(CleanupResult.self, forKey: .cleanup),
                  sentences: try container.decode([Mapped<Sentence>].self, forKey: .sentences),
                  slogans: try container.decode([Mapped<SloganMatch>].self, forKey: .slogans),
                  words: try container.decodeIfPresent([Mapped<Word>].self, forKey: .words) ?? [])
    }

    /// Encodes every part of the result (`words` only when segmentation ran).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(inputByteCount, forKey: .inputByteCount)
        try container.encode(offsets, forKey: .offsets)
        try container.encodeIfPresent(cleanup, forKey: .cleanup)
        try container.encode(sentences, forKey: .sentences)
        try container.encode(slogans, forKey: .slogans)
        if !words.isEmpty { try container.encode(words, forKey: .words) }
    }
}

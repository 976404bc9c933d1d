import ZhTextCore

/// User words for a ``WordSegmenter``, with jieba's `load_userdict` and `add_word` semantics.
///
/// Entries take effect in order, as jieba adds them: a word's frequency replaces the built-in
/// one and is added to the total; a word given without a frequency gets jieba's
/// `suggest_freq(word)`, computed with the words added before it, which is just enough for the
/// word to be cut whole; a word of frequency 0 is never reported and the HMM splits it.
public struct WordDictionary: Sendable, Hashable {
    /// One user word.
    public struct Entry: Sendable, Hashable {
        /// The word.
        public var word: String
        /// Its frequency, or nil for jieba's suggested frequency.
        public var frequency: Int?
        /// Its part-of-speech tag (kept; not used by the segmentation).
        public var tag: String?

        /// Creates an entry.
        public init(word: String, frequency: Int? = nil, tag: String? = nil) {
            self.word = word
            self.frequency = frequency
            self.tag = tag
        }
    }

    /// The entries, in the order they take effect.
    public private(set) var entries: [Entry] = []

    /// The largest frequency an entry may have.
    public static let maximumFrequency = Int(Int32.max)

    /// An empty dictionary.
    public init() {}

    /// A dictionary of these entries.
    public init(entries: [Entry]) throws(ZhTextError) {
        for (index, entry) in entries.enumerated() {
            try Self.check(entry, line: 0, index: index)
        }
        self.entries = entries
    }

    /// Adds a word; `frequency` nil asks for jieba's suggested frequency.
    public mutating func add(_ word: String, frequency: Int? = nil, tag: String? = nil) throws(ZhTextError) {
        let entry = Entry(word: word, frequency: frequency, tag: tag)
        try Self.check(entry, line: 0, index: entries.count)
        entries.append(entry)
    }

    /// Adds the entries of `other` after these.
    public mutating func append(contentsOf other: WordDictionary) {
        entries += other.entries
    }

    /// Reads jieba's user dictionary format: one `word [frequency] [tag]` per line, as
    /// `load_userdict` reads it (`^(.+?)( [0-9]+)?( [a-z]+)?$` on the stripped line, a leading
    /// byte-order marks dropped, empty lines skipped). A line that is not UTF-8 or whose
    /// frequency exceeds ``maximumFrequency`` throws `ZhTextError` (kind `.invalidDictionaryEntry`)
    /// with its line number.
    public init(jiebaFormat bytes: some Sequence<UInt8>) throws(ZhTextError) {
        var lineNumber = 0
        for line in Array(bytes).split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var slice = line[...]
            while let first = slice.first, Self.isASCIIWhitespace(first) { slice = slice.dropFirst() }
            while let last = slice.last, Self.isASCIIWhitespace(last) { slice = slice.dropLast() }
            guard var text = String(validating: slice, as: UTF8.self) else {
                throw .invalidDictionaryEntry(line: lineNumber, reason: "not UTF-8")
            }
            // jieba strips the bytes, decodes, then drops leading byte-order marks (on every line).
            while text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
            guard !text.isEmpty else { continue }
            let entry = try Self.parse(text, line: lineNumber)
            try Self.check(entry, line: lineNumber, index: entries.count)
            entries.append(entry)
        }
    }

    /// Reads jieba's user dictionary format from text (see the UTF-8 form).
    public init(jiebaFormat text: some StringProtocol) throws(ZhTextError) {
        try self.init(jiebaFormat: Array(text.utf8))
    }

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// `re_userdict` without a regex: the word is the shortest prefix after which the rest is
    /// ` digits`, ` letters`, both in that order, or nothing.
    static func parse(_ line: String, line lineNumber: Int) throws(ZhTextError) -> Entry {
        let scalars = Array(line.unicodeScalars)
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
        func isLower(_ s: Unicode.Scalar) -> Bool { s.value >= 0x61 && s.value <= 0x7A }
        /// Start of a trailing ` run` whose characters pass `test`, before `end`; nil if none.
        func trailing(_ end: Int, _ test: (Unicode.Scalar) -> Bool) -> Int? {
            var i = end
            while i > 0, test(scalars[i - 1]) { i -= 1 }
            guard i < end, i > 0, scalars[i - 1] == " " else { return nil }
            return i - 1
        }
        var wordEnd = scalars.count
        var frequency: Int? = nil
        var tag: String? = nil
        var frequencyRun: Range<Int>? = nil
        var tagRun: Range<Int>? = nil
        // Candidates, earliest first: before ` digits letters`, before ` letters` or ` digits`.
        if let tagStart = trailing(scalars.count, isLower), tagStart >= 1 {
            if let frequencyStart = trailing(tagStart, isDigit), frequencyStart >= 1 {
                wordEnd = frequencyStart
                frequencyRun = (frequencyStart + 1)..<tagStart
            } else {
                wordEnd = tagStart
            }
            tagRun = (tagStart + 1)..<scalars.count
        } else if let frequencyStart = trailing(scalars.count, isDigit), frequencyStart >= 1 {
            wordEnd = frequencyStart
            frequencyRun = (frequencyStart + 1)..<scalars.count
        }
        func string(_ range: Range<Int>) -> String {
            var result = String.UnicodeScalarView()
            result.append(contentsOf: scalars[range])
            return String(result)
        }
        if let frequencyRun {
            let digits = string(frequencyRun)
            guard let value = Int(digits), value <= maximumFrequency else {
                throw .invalidDictionaryEntry(line: lineNumber, reason: "frequency \(digits) exceeds \(maximumFrequency)")
            }
            frequency = value
        }
        if let tagRun { tag = string(tagRun) }
        return Entry(word: string(0..<wordEnd), frequency: frequency, tag: tag)
    }

    static func check(_ entry: Entry, line: Int, index: Int) throws(ZhTextError) {
        guard !entry.word.isEmpty else { throw .invalidDictionaryEntry(line: line, reason: "empty word (entry \(index + 1))") }
        if let frequency = entry.frequency, !(0...maximumFrequency).contains(frequency) {
            throw .invalidDictionaryEntry(line: line, reason: "frequency \(frequency) of '\(entry.word)' is not in 0...\(maximumFrequency)")
        }
    }
}

import ZhTextCore

/// A sentence found by ``SentenceSegmenter``, as ranges into the caller's text.
///
/// Sentences never include the white space and line breaks around them; sentences and the gaps
/// between them tile the input.
public struct Sentence: Sendable, Hashable {
    /// How a sentence ends.
    public enum Kind: String, Sendable, Hashable {
        /// Ends with a terminator (`。！？!?`, `.` before a space or Han, or a closing `……`),
        /// with the closing quotes and brackets that follow it.
        case terminated
        /// Ends at a line break (or the end of the text) without a terminator.
        case unterminatedLine
        /// A short unterminated line with no clause punctuation: a title or heading.
        case heading
    }

    /// How the sentence ends.
    public var kind: Kind
    /// The sentence's range in UTF-8 bytes of the text.
    public var utf8Range: Range<Int>
    /// The sentence's range in Unicode scalars of the text.
    public var scalarRange: Range<Int>
    /// UTF-8 ranges of its clauses, split after `；` and `;` (empty unless
    /// ``SentenceSegmenter/Options/splitsClauses`` is set).
    public var clauses: [Range<Int>]

    /// Creates a sentence.
    public init(kind: Kind, utf8Range: Range<Int>, scalarRange: Range<Int>, clauses: [Range<Int>] = []) {
        self.kind = kind
        self.utf8Range = utf8Range
        self.scalarRange = scalarRange
        self.clauses = clauses
    }

    /// The sentence's text in `text`, which must be the string it was found in.
    public func text(in text: some StringProtocol) -> String {
        String(decoding: text.utf8[stringRange(utf8: utf8Range, in: text)], as: UTF8.self)
    }
}

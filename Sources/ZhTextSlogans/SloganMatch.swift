/// One slogan found in a text.
public struct SloganMatch: Sendable, Hashable, Codable {
    /// The UTF-8 byte range of the slogan in the caller's input. For a quoted series the
    /// range includes the inner quotation marks; otherwise quotation marks around the
    /// slogan are outside the range (see ``isQuoted``).
    public var utf8Range: Range<Int>
    /// The input's text in ``utf8Range``, unchanged (inline pinyin annotations included).
    public var text: String
    /// How the slogan was recognised.
    public var kind: SloganKind
    /// The slogan in Simplified characters without inline annotations or quotation marks;
    /// for a lexicon term, the lexicon's canonical form.
    public var canonical: String
    /// The lexicon category when the span is a lexicon term, else `nil`.
    public var category: String?
    /// Whether the slogan stands in quotation marks (“…”, 「…」, 『…』).
    public var isQuoted: Bool
    /// How likely the match is a slogan, from 0 to 1 (three decimals). A lexicon term, or a
    /// structural match that is exactly one, is curated and scores 1. A structural match is
    /// scored on its kind, quotation, its recurrence in a reference corpus
    /// (``SloganRecurrence``) and a few signs of names and lists; the score is fitted so that
    /// it reads as the share of such matches that a judge would call slogans. See
    /// ``SloganMatcher/defaultMinimumConfidence``.
    public var confidence: Double
    /// For a slogan inside another reported one (a matcher made with `nested: true`), the
    /// UTF-8 range of that outer match; `nil` for a top-level match. 新时代 inside
    /// 习近平新时代中国特色社会主义思想 has the outer slogan's range here.
    public var parentUTF8Range: Range<Int>?

    /// The CLI's keys (see SloganMatchCoding.swift); `category` and `parent` are left out when nil.
    enum CodingKeys: String, CodingKey {
        case utf8Range = "utf8", text, canonical, kind, category, isQuoted = "quoted", confidence, parentUTF8Range = "parent"
    }

    /// Creates a match.
    public init(utf8Range: Range<Int>, text: String, kind: SloganKind, canonical: String,
                category: String?, isQuoted: Bool, confidence: Double = 1, parentUTF8Range: Range<Int>? = nil) {
        self.confidence = confidence
        self.parentUTF8Range = parentUTF8Range
        self.utf8Range = utf8Range
        self.text = text
        self.kind = kind
        self.canonical = canonical
        self.category = category
        self.isQuoted = isQuoted
    }
}

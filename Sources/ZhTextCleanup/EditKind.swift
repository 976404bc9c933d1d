/// What kind of change an ``Edit`` is within its step (``EditReason/kind``).
///
/// A string-backed, open set: the kinds listed in ``allCases`` are what this version reports,
/// and a later version may add kinds without breaking code that switches over a few of them
/// (compare with the static members; a `default` branch covers the rest). The raw value is
/// what the CLI's JSON writes (`"kind"`), and a string literal is a kind, so
/// `edit.reason.kind == "reading"` reads as before.
public struct EditKind: RawRepresentable, Hashable, Sendable, Codable, CaseIterable, ExpressibleByStringLiteral,
    CustomStringConvertible {
    /// The kind's name, as the JSON output writes it.
    public let rawValue: String

    /// A kind by its name (one of ``allCases``, or one a later version added).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A kind by its name, written as a string literal.
    public init(stringLiteral value: String) { rawValue = value }

    /// The name.
    public var description: String { rawValue }

    /// UTF-8 read as GBK or GB 18030 (`鍙戝睍` → `发展`), read back.
    public static let utf8AsGBK = EditKind(rawValue: "utf8-as-gbk")
    /// UTF-8 read as Big5, read back.
    public static let utf8AsBig5 = EditKind(rawValue: "utf8-as-big5")
    /// UTF-8 read as Latin-1 or windows-1252 (`å‘å±•` → `发展`), read back.
    public static let utf8AsLatin1 = EditKind(rawValue: "utf8-as-latin1")
    /// UTF-8 read as Latin-1 twice or more, read back.
    public static let utf8DoubleEncoded = EditKind(rawValue: "utf8-double-encoded")
    /// GBK text read as Big5, read back.
    public static let gbkAsBig5 = EditKind(rawValue: "gbk-as-big5")
    /// Big5 text read as GBK or GB 18030, read back.
    public static let big5AsGBK = EditKind(rawValue: "big5-as-gbk")
    /// GBK text read as Latin-1 (`·¢Õ¹` → `发展`), read back.
    public static let gbkAsLatin1 = EditKind(rawValue: "gbk-as-latin1")
    /// Big5 text read as Latin-1, read back.
    public static let big5AsLatin1 = EditKind(rawValue: "big5-as-latin1")
    /// A line in GB 18030 inside UTF-8 bytes, decoded (``Cleaner/clean(utf8:)``).
    public static let gbkBytes = EditKind(rawValue: "gbk-bytes")
    /// A line in Big5 inside UTF-8 bytes, decoded (``Cleaner/clean(utf8:)``).
    public static let big5Bytes = EditKind(rawValue: "big5-bytes")
    /// An invalid UTF-8 sequence written as U+FFFD (also reported as a finding).
    public static let invalidUTF8 = EditKind(rawValue: "invalid-utf8")
    /// A character a lossy decoder lost, restored from the bytes it kept and its neighbours.
    public static let restoredCharacter = EditKind(rawValue: "restored-character")
    /// HTML character references decoded (`&#21457;` → `发`).
    public static let htmlEntities = EditKind(rawValue: "html-entities")
    /// Doubly escaped HTML character references decoded (`&amp;#21457;` → `发`).
    public static let htmlDoubleEscaped = EditKind(rawValue: "html-double-escaped")
    /// Percent-encoded UTF-8 decoded (`%E5%8F%91` → `发`).
    public static let percentUTF8 = EditKind(rawValue: "percent-utf8")
    /// Percent-encoded GBK decoded.
    public static let percentGBK = EditKind(rawValue: "percent-gbk")
    /// `\\u` escapes decoded (`\\u53d1` → `发`).
    public static let unicodeEscapes = EditKind(rawValue: "unicode-escapes")
    /// A run of `烫烫烫` or `屯屯屯` (uninitialised memory printed as text) removed.
    public static let garbageRun = EditKind(rawValue: "garbage-run")
    /// A pinyin reading after a Han character removed (`會(hui)議` → `會議`).
    public static let reading = EditKind(rawValue: "reading")
    /// A gloss removed in a densely annotated document where every character carries one.
    public static let denseGloss = EditKind(rawValue: "dense-gloss")
    /// An evident pinyin reading removed in a line that holds few (`減(jiǎn)排` → `減排`).
    public static let sparseReading = EditKind(rawValue: "sparse-reading")
    /// A site chrome line before the first or after the last body line removed.
    public static let chromeLine = EditKind(rawValue: "chrome-line")
    /// A document-site page-split marker joined back (`建\n\n2、设` → `建设`).
    public static let pageMarker = EditKind(rawValue: "page-marker")
    /// A spinning site's artifact word replaced (`原那么` → `原则`).
    public static let ruleWord = EditKind(rawValue: "rule-word")
    /// A spun synonym replaced where its neighbours say so (`开展` → `发展`).
    public static let contextSynonym = EditKind(rawValue: "context-synonym")
    /// A rare spun synonym replaced in a spun document (`根底` → `基础`).
    public static let rareSynonym = EditKind(rawValue: "rare-synonym")
    /// A closing quotation mark put back after a quoted term (an insertion: the input range is empty).
    public static let restoredClosingQuote = EditKind(rawValue: "restored-closing-quote")

    /// Every kind this version reports, in step order.
    public static let allCases: [EditKind] = [
        .utf8AsGBK, .utf8AsBig5, .utf8AsLatin1, .utf8DoubleEncoded,
        .gbkAsBig5, .big5AsGBK, .gbkAsLatin1, .big5AsLatin1,
        .gbkBytes, .big5Bytes, .invalidUTF8, .restoredCharacter,
        .htmlEntities, .htmlDoubleEscaped, .percentUTF8, .percentGBK,
        .unicodeEscapes, .garbageRun, .reading, .denseGloss,
        .sparseReading, .chromeLine, .pageMarker, .ruleWord,
        .contextSynonym, .rareSynonym, .restoredClosingQuote,
    ]
}

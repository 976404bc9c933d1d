/// What a ``Finding`` is: something cleanup noticed and could not repair.
///
/// A string-backed, open set: the kinds listed in ``allCases`` are what this version reports,
/// and a later version may add kinds without breaking code that switches over a few of them
/// (compare with the static members; a `default` branch covers the rest). The raw value is
/// what the CLI's JSON writes (`"kind"`), and a string literal is a kind, so
/// `finding.kind == "unclosed-quote"` reads as before.
public struct FindingKind: RawRepresentable, Hashable, Sendable, Codable, CaseIterable, ExpressibleByStringLiteral,
    CustomStringConvertible {
    /// The kind's name, as the JSON output writes it.
    public let rawValue: String

    /// A kind by its name (one of ``allCases``, or one a later version added).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A kind by its name, written as a string literal.
    public init(stringLiteral value: String) { rawValue = value }

    /// The name.
    public var description: String { rawValue }

    /// An invalid UTF-8 sequence, written as U+FFFD.
    public static let invalidUTF8 = FindingKind(rawValue: "invalid-utf8")
    /// A U+FFFD already in the input: a character lost before the text reached the cleaner.
    public static let replacementCharacter = FindingKind(rawValue: "replacement-character")
    /// `锟斤拷`: U+FFFD written as UTF-8 and read as GBK; the characters behind it are lost.
    public static let kunJinKao = FindingKind(rawValue: "kun-jin-kao")
    /// Characters that look garbled but no reading recovers them (`環?;A`).
    public static let garbledBytes = FindingKind(rawValue: "garbled-bytes")
    /// A repaired span with characters a lossy decoder lost for good, left as U+FFFD.
    public static let unrecoveredCharacters = FindingKind(rawValue: "unrecovered-characters")
    /// U+FFFD inside garbled text: lost before the text was garbled (`锟斤拷` read as GBK again).
    public static let lostBeforeMojibake = FindingKind(rawValue: "lost-before-mojibake")
    /// An opening quotation mark `“` with no `”` after it on its line.
    public static let unclosedQuote = FindingKind(rawValue: "unclosed-quote")

    /// Every kind this version reports, in step order.
    public static let allCases: [FindingKind] = [
        .invalidUTF8, .replacementCharacter, .kunJinKao, .garbledBytes,
        .unrecoveredCharacters, .lostBeforeMojibake, .unclosedQuote,
    ]
}

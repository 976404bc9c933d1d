import CZhTextData
import ZhTextCore

/// How many documents of a reference corpus each structural slogan appeared in: the
/// recurrence evidence behind ``SloganMatch/confidence``.
///
/// A 提法 recurs: the same formula comes back across documents, sources and years, while a
/// rhetorical parallel or a list is made up for one text. The built-in table counts, for every
/// structural candidate the recognisers find in the 2023–24 transcripts of the CCTV evening
/// news (727 broadcasts), the broadcasts it appears in (`Scripts/build-slogan-recurrence`).
/// A researcher with another corpus (local government pages, say) builds a table from it with
/// the same script and passes it to ``SloganMatcher/init(lexicon:kinds:recurrence:minimumConfidence:)``.
///
/// Keys are compared after folding to Simplified and without quotation marks and enumeration
/// commas, so `蓝天、碧水、净土` and `“藍天碧水淨土”` are one formula.
///
/// The text form: one key per line, `key<TAB>documents`; `#` starts a comment line.
public struct SloganRecurrence: Sendable {
    let counts: [String: Int32]

    /// A table that knows no slogan: every candidate is scored on its shape alone.
    public static let empty = SloganRecurrence(counts: [:])

    /// The built-in table, counted on the 2023–24 news corpus and embedded in the binary.
    public static let builtIn: SloganRecurrence = {
        // The file is built by a script and checked by the tests: a malformed edit shows up as
        // a failing test, not here.
        (try? SloganRecurrence(tsv: builtInText)) ?? .empty
    }()

    /// The embedded table's text (Sources/CZhTextData/tables/slogan-recurrence.tsv).
    static var builtInText: String {
        var count = 0
        let base = zh_text_data_slogan_recurrence(&count)!
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    init(counts: [String: Int32]) {
        self.counts = counts
    }

    /// Reads a table in its text form.
    ///
    /// - Throws: `ZhTextError/invalidDictionaryEntry(line:reason:)` for a line that is not
    ///   `key<TAB>documents` with a non-empty key and a count from 0 to 2,147,483,647.
    public init(tsv text: some StringProtocol) throws(ZhTextError) {
        var counts: [String: Int32] = [:]
        var number = 0
        for line in textLines(text) {
            number += 1
            if line.isEmpty || line.first == "#" { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else {
                throw .invalidDictionaryEntry(line: number, reason: "\(fields.count) tab-separated fields (need 2: key, documents)")
            }
            let key = Self.key(fields[0])
            guard !key.isEmpty else { throw .invalidDictionaryEntry(line: number, reason: "empty key") }
            guard let documents = Int32(fields[1]), documents >= 0 else {
                throw .invalidDictionaryEntry(line: number, reason: "document count '\(fields[1])' is not a number from 0 to 2147483647")
            }
            counts[key] = max(counts[key] ?? 0, documents)
        }
        self.counts = counts
    }

    /// The number of keys.
    public var count: Int { counts.count }

    /// The number of documents `slogan` appeared in (0 when the table does not have it),
    /// compared in either script, with or without quotation marks and enumeration commas.
    public func documentCount(of slogan: some StringProtocol) -> Int {
        Int(counts[Self.key(slogan)] ?? 0)
    }

    /// The table key of a text: folded to Simplified, without quotation marks and enumeration
    /// commas.
    static func key(_ text: some StringProtocol) -> String {
        let folded = ScriptFold.shared.fold(String(text))
        var key = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars where !isKeySeparator(scalar.value) { key.append(scalar) }
        return String(key)
    }

    /// Marks left out of a key: quotation marks and the commas that separate enumerated items.
    static func isKeySeparator(_ v: UInt32) -> Bool {
        CharacterClass.isOpenQuote(v) || CharacterClass.isCloseQuote(v) || v == 0x3001 || v == 0xFF0C || v == 0x2C
    }
}

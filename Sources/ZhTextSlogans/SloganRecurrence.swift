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
/// the same script and passes it to ``SloganMatcher/init(lexicon:kinds:recurrence:minimumConfidence:nested:)``.
///
/// Keys are compared after folding to Simplified and without quotation marks and enumeration
/// commas, so `蓝天、碧水、净土` and `“藍天碧水淨土”` are one formula.
///
/// The text form (``init(tsv:)``): one key per line, `key<TAB>documents`; `#` starts a comment
/// line.
public struct SloganRecurrence: Sendable {
    /// Keys over Unicode scalars, each valued with its document count (nil: the empty table).
    /// The matcher looks a candidate up in the folded line it already has, without building a
    /// String per candidate.
    let automaton: DictionaryAutomaton?

    /// A table that knows no slogan: every candidate is scored on its shape alone.
    public static let empty = SloganRecurrence(automaton: nil)

    /// The built-in table, counted on the 2023–24 news corpus and embedded in the binary as an
    /// automaton read in place: nothing is parsed at start.
    public static let builtIn: SloganRecurrence = {
        // The file is built by a script and checked by the tests: a corrupt one shows up as a
        // failing test, not here.
        let blob = zh_text_data_slogan_recurrence()
        let bytes = UnsafeRawBufferPointer(start: blob.bytes, count: blob.count)
        guard let automaton = try? DictionaryAutomaton(prefixWalkBytes: bytes, validating: false),
              automaton.alphabet == .unicodeScalars else { return .empty }
        return SloganRecurrence(automaton: automaton)
    }()

    init(automaton: DictionaryAutomaton?) {
        self.automaton = automaton
    }

    /// A table of already-normalised keys (tests).
    init(counts: [String: Int32]) {
        automaton = try? Self.compile(counts)
    }

    private static func compile(_ counts: [String: Int32]) throws(ZhTextError) -> DictionaryAutomaton? {
        guard !counts.isEmpty else { return nil }
        var builder = AutomatonBuilder(duplicateKeys: .keepFirst, alphabet: .unicodeScalars)
        for (key, documents) in counts { builder.add(key, value: documents) }
        return try builder.build()
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
        automaton = try Self.compile(counts)
    }

    /// The number of keys.
    public var count: Int { automaton?.keyCount ?? 0 }

    /// The number of documents `slogan` appeared in (0 when the table does not have it),
    /// compared in either script, with or without quotation marks and enumeration commas.
    public func documentCount(of slogan: some StringProtocol) -> Int {
        let scalars = Self.key(slogan).unicodeScalars.map(\.value)
        return scalars.withUnsafeBufferPointer { documentCount($0, 0, $0.count) }
    }

    /// The documents of the folded scalars `s[lower..<upper]`, compared without quotation marks
    /// and enumeration commas: a walk of the automaton, no allocation.
    func documentCount(_ s: UnsafeBufferPointer<UInt32>, _ lower: Int, _ upper: Int) -> Int {
        guard let automaton else { return 0 }
        let view = automaton.unsafeView
        var state = DictionaryAutomaton.UnsafeView.rootState
        var any = false
        for k in lower..<upper where !Self.isKeySeparator(s[k]) {
            state = view.child(of: state, scalar: s[k])
            if state < 0 { return 0 }
            any = true
        }
        let documents = any && view.isKey(at: state) ? Int(view.value(at: state)) : 0
        withExtendedLifetime(automaton) {}
        return documents
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

import CZhTextData
import ZhTextCore

/// Spans quoted with `“”` in at least three broadcasts of the news corpus, built by
/// `Scripts/build-quoted-terms` from the 2023 transcripts and embedded as an automaton read in
/// place.
struct QuotedTerms: Sendable {
    /// Keys over Unicode scalars valued with their document counts (nil: no table).
    let automaton: DictionaryAutomaton?

    /// The built-in table. It is built by a script and checked by a test that reads every line
    /// of its TSV back from the automaton: a corrupt file shows up there, not here.
    static let builtIn: QuotedTerms = {
        let blob = zh_text_data_quoted_terms()
        let bytes = UnsafeRawBufferPointer(start: blob.bytes, count: blob.count)
        guard let automaton = try? DictionaryAutomaton(prefixWalkBytes: bytes, validating: false),
              automaton.alphabet == .unicodeScalars else { return QuotedTerms(automaton: nil) }
        return QuotedTerms(automaton: automaton)
    }()

    /// The document count of `term` (0: not in the table).
    func documentCount(of term: String) -> Int {
        automaton?.value(forKey: term).map(Int.init) ?? 0
    }
}

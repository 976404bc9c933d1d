import ZhTextCore

/// Puts back the closing quotation marks of a document that has lost every one of them (some
/// scrapers and converters drop `”` throughout: seed 003 has 40 `“` and no `”`), where the quoted
/// span is one the news corpus quotes again and again: `建设“美丽中国的目标` keeps its `“` and
/// nothing says where the quote ends, but `“一带一路倡议` reads `“一带一路”倡议`.
///
/// Evidence, in this order:
/// - The document holds `“` and no `”` at all. A document that closes some quotes leaves the
///   others open on purpose (a quotation running over several paragraphs opens each of them and
///   closes only the last), so nothing is restored there.
/// - After an unclosed `“` (no `”` before the next `“` or the line's end), the longest quoted term
///   of the built-in table (``QuotedTerms``) that the text starts with: a span quoted in at least
///   three broadcasts of the 2023 news corpus.
/// - The character after the term: punctuation, a space or the line's end; a function character
///   (`的`, `等`, `和` …); or another Han character. After anything else (a digit, a Latin letter,
///   a dash) the quote goes on too often (`“联合利剑—2024A”`), and it is left open.
///
/// The confidence of each restoration is the precision measured for its kind of following
/// character on the 2024 half of the corpus, which the table has not seen (`Scripts/eval-closing-quotes`):
/// 0.99 before punctuation, 0.997 before a function character, 0.978 before another Han
/// character. A quote left open is reported as a finding (`unclosed-quote`), as the page-noise
/// step does.
struct ClosingQuoteRestorer {
    /// Where a `”` goes (a byte offset of the text) and how sure the restorer is.
    struct Restoration: Equatable {
        var offset: Int
        var confidence: Double
    }

    /// Punctuation after which, on held-out news, a quoted term was closed 99% of the time.
    static let confidenceBeforePunctuation = 0.99
    /// The same before a function character (`的`, `等`, `和`, `为`, `是` …).
    static let confidenceBeforeFunctionCharacter = 0.997
    /// The same before any other Han character (`“一带一路”倡议`).
    static let confidenceBeforeHan = 0.978

    let terms: QuotedTerms

    init(terms: QuotedTerms = .builtIn) {
        self.terms = terms
    }

    /// The closing quotes to put back in `bytes` (valid UTF-8) as insertions, and the opening
    /// quotes left open. `closingQuoteSeen` carries, from piece to piece of a document, whether
    /// one held a `”`: only a document that has lost every closing quote gets them back.
    func changes(in bytes: [UInt8], closingQuoteSeen: inout Bool) -> (changes: [CleanupChange], findings: [StepFinding]) {
        let (opens, holdsClosing) = PageNoiseRemover().quotes(in: bytes, lines: PageNoiseRemover.lines(bytes))
        closingQuoteSeen = closingQuoteSeen || holdsClosing
        guard !opens.isEmpty else { return ([], []) }
        let found = closingQuoteSeen ? opens.map { _ in nil } : restorations(in: bytes, opens: opens)
        var changes: [CleanupChange] = []
        var findings: [StepFinding] = []
        for (quote, restoration) in zip(opens, found) {
            if let restoration {
                changes.append(CleanupChange(range: restoration.offset..<restoration.offset, replacement: "\u{201D}",
                                             kind: .restoredClosingQuote, confidence: restoration.confidence))
            } else {
                findings.append(StepFinding(range: quote, kind: .unclosedQuote))
            }
        }
        return (changes, findings)
    }

    /// For each unclosed opening quote (`opens`: the byte ranges of `“` that no `”` follows on its
    /// line before the next `“`, as ``PageNoiseRemover/quotes(in:lines:)`` finds them),
    /// where its `”` goes, or nil where the evidence is not clear.
    func restorations(in bytes: [UInt8], opens: [Range<Int>]) -> [Restoration?] {
        guard let automaton = terms.automaton else { return opens.map { _ in nil } }
        let view = automaton.unsafeView
        let result = bytes.withUnsafeBufferPointer { buffer -> [Restoration?] in
            let p = buffer.baseAddress!
            let n = buffer.count
            return opens.map { open -> Restoration? in
                // The longest key the text after the quote starts with, within the line and before
                // the next opening quote.
                var state = DictionaryAutomaton.UnsafeView.rootState
                var i = open.upperBound
                var end = -1
                while i < n, p[i] != 0x0A {
                    let (scalar, width) = decodeValidScalar(p, i)
                    if scalar == 0x201C { break }
                    state = view.child(of: state, scalar: Self.fullWidth(scalar))
                    if state < 0 { break }
                    i += width
                    if view.isKey(at: state) { end = i }
                }
                guard end >= 0 else { return nil }
                let confidence: Double
                if end >= n || p[end] == 0x0A {
                    confidence = Self.confidenceBeforePunctuation
                } else {
                    let next = decodeValidScalar(p, end).scalar
                    if Self.isPunctuationOrSpace(next) {
                        confidence = Self.confidenceBeforePunctuation
                    } else if Self.functionCharacters.contains(next) {
                        confidence = Self.confidenceBeforeFunctionCharacter
                    } else if (0x4E00...0x9FFF).contains(next) {
                        confidence = Self.confidenceBeforeHan
                    } else {
                        return nil
                    }
                }
                return Restoration(offset: end, confidence: confidence)
            }
        }
        withExtendedLifetime(automaton) {}
        return result
    }

    /// Characters that, after a quoted term, follow its closing quote far more often than they
    /// continue it (counted on the 2023 news).
    static let functionCharacters: Set<UInt32> = Set("的等和为是在与及或中里上下时后前".unicodeScalars.map(\.value))

    /// ASCII `, ; : ! ?` as their full-width forms, which the table's keys use: scraped pages
    /// mix the two (seed 003 writes `“绿水青山就是金山银山,突出`).
    static func fullWidth(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case 0x2C, 0x3B, 0x3A, 0x21, 0x3F: return scalar + 0xFEE0
        default: return scalar
        }
    }

    /// Full-width and ASCII punctuation that ends a quoted span, and spaces.
    static func isPunctuationOrSpace(_ scalar: UInt32) -> Bool {
        switch fullWidth(scalar) {
        case 0x20, 0x09, 0x0D, 0x3000: return true
        case 0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF09, 0x29, 0x2026, 0x300B, 0x300D: return true  // ，。、；：！？）)…》」
        default: return false
        }
    }
}

import CZhTextData
import ZhTextCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the evidence for a structural candidate into ``SloganMatch/confidence``: a logistic
/// model over a few features, with weights fitted on the hand-judged corpus matches in
/// `Fixtures/gold/slogans-corpus` and the seed gold files by `Scripts/fit-slogan-confidence`,
/// which writes `Lexicon/confidence-model.tsv` (embedded in the binary).
///
/// The features, all read from the folded line:
/// - the recogniser kind (one weight each, which also serves as the intercept);
/// - whether the candidate stands in quotation marks;
/// - recurrence: log2(1 + documents) from the ``SloganRecurrence`` table, capped, and whether
///   the table has the candidate at all;
/// - a numbered formula made of place characters (三省一市, 两江一河) is a region count;
/// - a name head right after the candidate (“鹊桥二号”号, “挑战杯”杯赛, 四大版块) marks a name
///   or a section, not a formula;
/// - a parallel structure whose items all end in 性 or 化 is a stock triad more often than a
///   formula;
/// - a parallel structure the line's list carries on past (、 or 和 after it, 、 before it) is
///   part of a longer list, or a plain list closed by 等;
/// - a parallel structure whose last item is longer than every other ran on into the next word.
///
/// Script and Swift read the same file: the weights and the character lists are data, so a
/// refit never needs a code change.
struct SloganConfidenceModel: Sendable {
    /// Weight per ``SloganKind``, indexed by its position in `SloganKind.allCases`.
    var kindWeights: [Double]
    var quoted = 0.0, recurrence = 0.0, unseen = 0.0, place = 0.0, nameHead = 0.0, suffixTriad = 0.0, listContinues = 0.0, longerLastItem = 0.0
    /// The recurrence feature's cap, in log2 documents.
    var recurrenceCap = 6.0
    var placeCharacters: Set<UInt32> = []
    var suffixTriadCharacters: Set<UInt32> = []
    /// Characters that, right after a parallel structure, carry its list on (、和及与等或).
    var listContinuesCharacters: Set<UInt32> = []
    /// Words that, right after a candidate, make it a name or a section (scalars).
    var nameHeads: [[UInt32]] = []

    /// The built-in model. A missing or malformed file leaves every weight at 0, which scores
    /// every candidate 0.5; the tests read the file strictly.
    static let builtIn: SloganConfidenceModel = {
        (try? SloganConfidenceModel(tsv: builtInText)) ?? SloganConfidenceModel(kindWeights: [])
    }()

    /// The embedded model file's text (Lexicon/confidence-model.tsv).
    static var builtInText: String {
        var count = 0
        let base = zh_text_data_slogan_confidence_model(&count)!
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    init(kindWeights: [Double]) {
        self.kindWeights = kindWeights.count == SloganKind.allCases.count
            ? kindWeights : [Double](repeating: 0, count: SloganKind.allCases.count)
    }

    /// Reads the model file: `weight<TAB>feature<TAB>value` and `list<TAB>name<TAB>characters
    /// or space-separated words` lines; `#` starts a comment.
    init(tsv text: some StringProtocol) throws(ZhTextError) {
        self.init(kindWeights: [])
        var number = 0
        for line in textLines(text) {
            number += 1
            if line.isEmpty || line.first == "#" { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { throw .invalidDictionaryEntry(line: number, reason: "\(fields.count) fields (need 3)") }
            switch fields[0] {
            case "weight":
                guard let value = Double(fields[2]), value.isFinite else {
                    throw .invalidDictionaryEntry(line: number, reason: "weight '\(fields[2])' is not a number")
                }
                if fields[1].hasPrefix("kind:") {
                    guard let kind = SloganKind(rawValue: String(fields[1].dropFirst(5))),
                          let index = SloganKind.allCases.firstIndex(of: kind) else {
                        throw .invalidDictionaryEntry(line: number, reason: "unknown kind '\(fields[1])'")
                    }
                    kindWeights[index] = value
                    continue
                }
                switch fields[1] {
                case "quoted": quoted = value
                case "recurrence": recurrence = value
                case "recurrence-cap": recurrenceCap = value
                case "unseen": unseen = value
                case "place": place = value
                case "name-head": nameHead = value
                case "suffix-triad": suffixTriad = value
                case "list-continues": listContinues = value
                case "longer-last-item": longerLastItem = value
                default: throw .invalidDictionaryEntry(line: number, reason: "unknown feature '\(fields[1])'")
                }
            case "list":
                switch fields[1] {
                case "place": placeCharacters = Set(fields[2].unicodeScalars.map(\.value))
                case "suffix-triad": suffixTriadCharacters = Set(fields[2].unicodeScalars.map(\.value))
                case "list-continues": listContinuesCharacters = Set(fields[2].unicodeScalars.map(\.value))
                case "name-head": nameHeads = fields[2].split(separator: " ").map { $0.unicodeScalars.map(\.value) }
                default: throw .invalidDictionaryEntry(line: number, reason: "unknown list '\(fields[1])'")
                }
            default:
                throw .invalidDictionaryEntry(line: number, reason: "unknown line type '\(fields[0])'")
            }
        }
    }

    /// The confidence of the candidate `s[lower..<upper]` of `kind`, rounded to three decimals
    /// (so that a threshold and the printed figure agree).
    func confidence(kind: SloganKind, quoted: Bool, documents: Int, _ s: UnsafeBufferPointer<UInt32>, _ lower: Int, _ upper: Int) -> Double {
        var z = kindWeights[SloganKind.allCases.firstIndex(of: kind)!]
        if quoted { z += self.quoted }
        z += recurrence * min(log2(1 + Double(documents)), recurrenceCap)
        if documents == 0 { z += unseen }
        if kind == .numberedFormula, (lower..<upper).contains(where: { placeCharacters.contains(s[$0]) }) { z += place }
        if hasNameHead(s, after: upper) { z += nameHead }
        if kind == .parallelStructure, isSuffixTriad(s, lower, upper) { z += suffixTriad }
        if kind == .parallelStructure, continuesList(s, lower, upper) { z += listContinues }
        if kind == .parallelStructure, hasLongerLastItem(s, lower, upper) { z += longerLastItem }
        let p = 1 / (1 + exp(-z))
        return (p * 1000).rounded() / 1000
    }

    /// Whether a name head follows position `end` (after one closing quotation mark).
    func hasNameHead(_ s: UnsafeBufferPointer<UInt32>, after end: Int) -> Bool {
        var start = end
        if start < s.count, CharacterClass.isCloseQuote(s[start]) { start += 1 }
        return nameHeads.contains { head in
            start + head.count <= s.count && head.indices.allSatisfy { s[start + $0] == head[$0] }
        }
    }

    /// Whether the list goes on past `s[lower..<upper]`: a listed character right after it, or
    /// an enumeration comma right before it. Such a span is part of a longer list (or a plain
    /// list closed by 等), not a formula of its own.
    func continuesList(_ s: UnsafeBufferPointer<UInt32>, _ lower: Int, _ upper: Int) -> Bool {
        (upper < s.count && listContinuesCharacters.contains(s[upper]))
            || (lower > 0 && s[lower - 1] == CharacterClass.enumerationComma)
    }

    /// Whether the last `、`-separated item of `s[lower..<upper]` is longer than every other:
    /// the recognisers guess where the last item ends, and such a span ran on into the next
    /// word (地理相邻、文化相通、经济相融优势).
    func hasLongerLastItem(_ s: UnsafeBufferPointer<UInt32>, _ lower: Int, _ upper: Int) -> Bool {
        var longest = 0, start = lower, items = 0
        for k in lower..<upper where s[k] == CharacterClass.enumerationComma {
            longest = max(longest, k - start)
            start = k + 1
            items += 1
        }
        return items > 0 && upper - start > longest
    }

    /// Whether every `、`-separated item of `s[lower..<upper]` ends in the same listed suffix.
    func isSuffixTriad(_ s: UnsafeBufferPointer<UInt32>, _ lower: Int, _ upper: Int) -> Bool {
        guard upper > lower, suffixTriadCharacters.contains(s[upper - 1]) else { return false }
        let suffix = s[upper - 1]
        for k in lower..<upper where s[k] == CharacterClass.enumerationComma {
            if k == lower || s[k - 1] != suffix { return false }
        }
        return true
    }
}

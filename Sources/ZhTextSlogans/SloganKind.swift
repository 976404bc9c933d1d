/// How a slogan was recognised.
///
/// Structural kinds come from recognisers that need no lexicon; ``lexicon`` means the span is a
/// term of the ``SloganLexicon`` and no recogniser claimed exactly the same span. When both
/// agree on a span, the match carries the structural kind and the lexicon's category.
public enum SloganKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A term of the lexicon (built-in or user), matched after script folding.
    case lexicon = "lexicon"
    /// `NUM H NUM H{1,2}` such as 四减四增, 两高一低, 一岗双责, 三管三必须; when quoted also
    /// `H NUM H` (清四乱) and `NUM H H` (四挂钩).
    case numberedFormula = "numbered-formula"
    /// A numeral, a measure word or 大, and a head noun: 四个全面, 三大战役, 十二场硬仗,
    /// 六项重要原则; when quoted also the postfix form 治水十条.
    case numeralNoun = "numeral-noun"
    /// Digits joined by `+` (ASCII or full-width): 1+1+10, 2+26.
    case arithmeticFormula = "arithmetic-formula"
    /// A short quoted term of 3–8 Han characters (or two starting with a numeral, “三农”):
    /// “回头看”, “厕所革命”, “散乱污”.
    case quotedTerm = "quoted-term"
    /// Quoted terms followed by their count: “蓝天”“碧水”“净土”三大战役.
    case quotedSeries = "quoted-series"
    /// Three or more `、`-separated items of equal length that share a character at one
    /// position: 天更蓝、水更清、土更净; 控排、控油、控烧.
    case parallelStructure = "parallel-structure"
    /// `X就是Y` / `X也是Y`, chained by 、 or ，: 绿水青山就是金山银山.
    case aphorism = "aphorism"
}

/// What a ``Token`` is.
///
/// Classification is by code point alone: half-width `,;:!?()` inside Chinese text are
/// classified exactly like their ASCII selves, and later stages decide by context.
public enum TokenKind: Sendable, Hashable {
    /// A run of Han characters: CJK Unified Ideographs and Extensions A–I, Compatibility
    /// Ideographs (and Supplement), CJK and Kangxi radicals, strokes, 〇 and 々.
    case han
    /// A run of Latin-script letters (ASCII, accented, full-width), with their combining marks.
    case latin
    /// A run of letters of another script (kana, Hangul, Cyrillic, Greek, …).
    case otherLetters
    /// A run of decimal digits, ASCII `0-9`, full-width `０-９` or any other `Nd` digit.
    case digits
    /// A run of horizontal white space (space, tab, U+3000 IDEOGRAPHIC SPACE, NBSP, …).
    case whitespace
    /// One line break: `\n`, `\r\n`, `\r`, U+0085, U+2028 or U+2029.
    case lineBreak
    /// A punctuation mark (runs of terminators, ellipses and dashes form one token).
    case punctuation(Punctuation)
    /// A symbol (`+`, `%`, `¥`, `℃`, `©`, …), one per token.
    case symbol
    /// An emoji with its modifiers, variation selector, ZWJ sequence or flag pair.
    case emoji
    /// Control, format, private-use and unassigned code points.
    case other
    /// Bytes that are not valid UTF-8 (a maximal run of them).
    case invalid

    /// A stable, machine-readable name: `han`, `latin`, `punctuation.sentence-terminator`, ….
    public var name: String {
        switch self {
        case .han: return "han"
        case .latin: return "latin"
        case .otherLetters: return "other-letters"
        case .digits: return "digits"
        case .whitespace: return "whitespace"
        case .lineBreak: return "line-break"
        case .punctuation(let p): return "punctuation." + p.name
        case .symbol: return "symbol"
        case .emoji: return "emoji"
        case .other: return "other"
        case .invalid: return "invalid"
        }
    }

    /// The kind's position in ``allKinds`` (for counting into an array).
    public var ordinal: Int {
        switch self {
        case .han: return 0
        case .latin: return 1
        case .otherLetters: return 2
        case .digits: return 3
        case .whitespace: return 4
        case .lineBreak: return 5
        case .punctuation(let p): return 6 + Int(p.rawValue)
        case .symbol: return 6 + Punctuation.allCases.count
        case .emoji: return 7 + Punctuation.allCases.count
        case .other: return 8 + Punctuation.allCases.count
        case .invalid: return 9 + Punctuation.allCases.count
        }
    }

    /// Every kind, in a fixed order (useful for counting).
    public static let allKinds: [TokenKind] =
        [.han, .latin, .otherLetters, .digits, .whitespace, .lineBreak]
        + Punctuation.allCases.map { .punctuation($0) }
        + [.symbol, .emoji, .other, .invalid]
}

/// The role of a punctuation mark, decided by its code point.
public enum Punctuation: UInt8, Sendable, Hashable, CaseIterable {
    /// `。！？!?．.｡‼⁇⁈⁉`.
    case sentenceTerminator
    /// `，,；;：:` and their small and vertical forms.
    case clauseSeparator
    /// The enumeration comma `、` (and `､ ﹑`).
    case enumerationComma
    /// `“ ‘ 「 『 〝 « ‹` and vertical forms.
    case openingQuote
    /// `” ’ 」 』 〞 〟 » ›` and vertical forms.
    case closingQuote
    /// Quotes that do not say which side they are on: `" ' ＂ ＇`.
    case ambiguousQuote
    /// `( [ { （ ［ ｛ 【 〔 〖 〘 〚 ｟ ⦅` and small forms.
    case openingBracket
    /// `) ] } ） ］ ｝ 】 〕 〗 〙 〛 ｠ ⦆` and small forms.
    case closingBracket
    /// `《` and `〈`.
    case openingBookTitle
    /// `》` and `〉`.
    case closingBookTitle
    /// `…`, `⋯`, `‥` (runs of them), and three or more `.`, `．`, `。` in a row.
    case ellipsis
    /// `— ― – ‒ - ～ 〜 ﹘` and runs of them.
    case dash
    /// Any other punctuation: `· • ＆ ＃ ＊ ＠ ＼ ／ ％ ¿ ¡ …`.
    case other

    /// A stable, machine-readable name: `sentence-terminator`, `clause-separator`, ….
    public var name: String {
        switch self {
        case .sentenceTerminator: return "sentence-terminator"
        case .clauseSeparator: return "clause-separator"
        case .enumerationComma: return "enumeration-comma"
        case .openingQuote: return "opening-quote"
        case .closingQuote: return "closing-quote"
        case .ambiguousQuote: return "ambiguous-quote"
        case .openingBracket: return "opening-bracket"
        case .closingBracket: return "closing-bracket"
        case .openingBookTitle: return "opening-book-title"
        case .closingBookTitle: return "closing-book-title"
        case .ellipsis: return "ellipsis"
        case .dash: return "dash"
        case .other: return "other"
        }
    }
}

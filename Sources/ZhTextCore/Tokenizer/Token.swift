/// One token of a text, with its position in the caller's input.
///
/// Tokens tile their input: the ranges of consecutive tokens meet with no gap or overlap.
public struct Token: Sendable, Hashable, Codable {
    /// What the token is.
    public var kind: TokenKind
    /// Its range in UTF-8 bytes of the input.
    public var utf8Range: Range<Int>
    /// Its range in Unicode scalars of the input (an invalid subsequence counts as one).
    public var scalarRange: Range<Int>

    /// The CLI's keys (see ResultCoding.swift).
    enum CodingKeys: String, CodingKey {
        case kind, utf8Range = "utf8", scalarRange = "scalars"
    }

    /// Creates a token.
    public init(kind: TokenKind, utf8Range: Range<Int>, scalarRange: Range<Int>) {
        self.kind = kind
        self.utf8Range = utf8Range
        self.scalarRange = scalarRange
    }

    /// The token's text in `input`, which must be the string it was read from.
    ///
    /// Invalid bytes come back as U+FFFD, as `String(decoding:as:)` gives them.
    public func text(in input: String) -> String {
        let utf8 = input.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
        let upper = utf8.index(lower, offsetBy: utf8Range.count)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}

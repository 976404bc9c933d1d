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
    public func text(in input: some StringProtocol) -> String {
        String(decoding: input.utf8[stringRange(utf8: utf8Range, in: input)], as: UTF8.self)
    }
}

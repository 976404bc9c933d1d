import ZhTextCore

/// A word found by ``WordSegmenter``: where it is in the caller's text. Encoded as
/// `{"utf8":[0,6],"scalars":[0,2]}`, the keys the CLI uses for ranges.
///
/// Words in accurate mode tile the text: each starts where the previous one ended, whitespace
/// and punctuation included. Search and full mode also report words inside words, so their
/// ranges overlap, and full mode reports the empty strings jieba's `cut_all` yields around
/// whitespace, as empty ranges.
public struct Word: Sendable, Hashable, Codable {
    /// The word's range in UTF-8 bytes of the text.
    public var utf8Range: Range<Int>
    /// The word's range in Unicode scalars of the text (Python `str` indices).
    public var scalarRange: Range<Int>

    enum CodingKeys: String, CodingKey {
        case utf8Range = "utf8", scalarRange = "scalars"
    }

    /// Creates a word from its ranges.
    public init(utf8Range: Range<Int>, scalarRange: Range<Int>) {
        self.utf8Range = utf8Range
        self.scalarRange = scalarRange
    }

    /// The word's characters in `text`, the text it was found in.
    public func text(in text: some StringProtocol) -> String {
        String(decoding: text.utf8[stringRange(utf8: utf8Range, in: text)], as: UTF8.self)
    }

    /// The word's range as string indices of `text`, the text it was found in.
    public func range(in text: some StringProtocol) -> Range<String.Index> { stringRange(utf8: utf8Range, in: text) }
}

extension Word: CustomStringConvertible {
    /// The word's byte range, as `12..<18`.
    public var description: String { "\(utf8Range.lowerBound)..<\(utf8Range.upperBound)" }
}

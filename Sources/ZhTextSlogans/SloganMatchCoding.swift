import ZhTextCore

// SloganMatch is `Codable` (declared with the type, keys and all) with the keys `zhtext slogans`
// writes: `{"utf8":[12,60],"text":"…","canonical":"…","kind":"quoted-series",
// "category":"ecology","quoted":true}` (`category` only when there is one).
extension SloganMatch: CustomStringConvertible {
    /// The canonical form, kind and byte range, as `四减四增 (numbered-formula) 12..<24`.
    public var description: String { "\(canonical) (\(kind.rawValue)) \(utf8Range.lowerBound)..<\(utf8Range.upperBound)" }

    /// The match's range as string indices of `text`, the text it was found in.
    public func range(in text: some StringProtocol) -> Range<String.Index> { stringRange(utf8: utf8Range, in: text) }
}

extension SloganKind: CustomStringConvertible {
    /// The raw name (`numbered-formula`, …), as the CLI prints it.
    public var description: String { rawValue }
}

extension SloganMatch {
    /// Decodes a match; `confidence` may be missing (output of ZhText before it had scores)
    /// and is then 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        utf8Range = try container.decode(Range<Int>.self, forKey: .utf8Range)
        text = try container.decode(String.self, forKey: .text)
        kind = try container.decode(SloganKind.self, forKey: .kind)
        canonical = try container.decode(String.self, forKey: .canonical)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        isQuoted = try container.decode(Bool.self, forKey: .isQuoted)
        confidence = try container.decodeIfPresent(Double.self, forKey: .confidence) ?? 1
        parentUTF8Range = try container.decodeIfPresent(Range<Int>.self, forKey: .parentUTF8Range)
    }
}

import ZhTextCore

/// `Codable` with the keys `zhtext slogans` writes: `{"utf8":[12,60],"text":"…","canonical":"…",
/// "kind":"quoted-series","category":"ecology","quoted":true}` (`category` only when there is one).
extension SloganMatch: Codable, CustomStringConvertible {
    enum CodingKeys: String, CodingKey {
        case utf8Range = "utf8", text, canonical, kind, category, isQuoted = "quoted"
    }

    /// Decodes a match; `category` may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(utf8Range: try container.decode(Range<Int>.self, forKey: .utf8Range),
                  text: try container.decode(String.self, forKey: .text),
                  kind: try container.decode(SloganKind.self, forKey: .kind),
                  canonical: try container.decode(String.self, forKey: .canonical),
                  category: try container.decodeIfPresent(String.self, forKey: .category),
                  isQuoted: try container.decode(Bool.self, forKey: .isQuoted))
    }

    /// Encodes the match as the CLI writes it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(utf8Range, forKey: .utf8Range)
        try container.encode(text, forKey: .text)
        try container.encode(canonical, forKey: .canonical)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(category, forKey: .category)
        try container.encode(isQuoted, forKey: .isQuoted)
    }

    /// The canonical form, kind and byte range, as `四减四增 (numbered-formula) 12..<24`.
    public var description: String { "\(canonical) (\(kind.rawValue)) \(utf8Range.lowerBound)..<\(utf8Range.upperBound)" }

    /// The match's range as string indices of `text`, the text it was found in.
    public func range(in text: String) -> Range<String.Index> { stringRange(utf8: utf8Range, in: text) }
}

extension SloganKind: CustomStringConvertible {
    /// The raw name (`numbered-formula`, …), as the CLI prints it.
    public var description: String { rawValue }
}

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

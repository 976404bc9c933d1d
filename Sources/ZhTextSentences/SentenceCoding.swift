import ZhTextCore

/// `Codable` with the keys `zhtext sentences --json` writes (without its `text`, which the value
/// does not hold): `{"kind":"sentence","utf8":[0,36],"scalars":[0,12],"clauses":[[0,18]]}`.
extension Sentence: Codable, CustomStringConvertible {
    enum CodingKeys: String, CodingKey {
        case kind, utf8Range = "utf8", scalarRange = "scalars", clauses
    }

    /// Decodes a sentence; `clauses` may be missing (none).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try container.decode(Kind.self, forKey: .kind),
                  utf8Range: try container.decode(Range<Int>.self, forKey: .utf8Range),
                  scalarRange: try container.decode(Range<Int>.self, forKey: .scalarRange),
                  clauses: try container.decodeIfPresent([Range<Int>].self, forKey: .clauses) ?? [])
    }

    /// Encodes the sentence; `clauses` only when there are some, as the CLI writes it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(utf8Range, forKey: .utf8Range)
        try container.encode(scalarRange, forKey: .scalarRange)
        if !clauses.isEmpty { try container.encode(clauses, forKey: .clauses) }
    }

    /// The kind and byte range, as `sentence 0..<36`.
    public var description: String { "\(kind) \(utf8Range.lowerBound)..<\(utf8Range.upperBound)" }

    /// The sentence's range as string indices of `text`, the text it was found in.
    public func range(in text: some StringProtocol) -> Range<String.Index> { stringRange(utf8: utf8Range, in: text) }
}

extension Sentence.Kind: Codable, CustomStringConvertible {
    /// The raw name (`sentence`, `heading`, …).
    public var description: String { rawValue }
}

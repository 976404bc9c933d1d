/// `Codable` for the core's result types, with the JSON keys `zhtext` writes: a token is
/// `{"kind":"han","utf8":[12,18],"scalars":[4,6]}` (ranges as `[start, end]`, kinds by their
/// ``TokenKind/name``), so `JSONEncoder` and the CLI agree.

extension TokenKind: Codable, CustomStringConvertible {
    /// The kind's ``name``.
    public var description: String { name }

    private static let byName: [String: TokenKind] = Dictionary(uniqueKeysWithValues: allKinds.map { ($0.name, $0) })

    /// Decodes a kind from its ``name``.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let kind = Self.byName[name] else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown token kind '\(name)'"))
        }
        self = kind
    }

    /// Encodes the kind as its ``name``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

extension Punctuation: CustomStringConvertible {
    /// The mark's ``name``.
    public var description: String { name }
}

extension Token: CustomStringConvertible {
    /// The kind and byte range, as `han 12..<18`.
    public var description: String { "\(kind.name) \(utf8Range.lowerBound)..<\(utf8Range.upperBound)" }

    /// The token's range as string indices of `text`, the text it was read from.
    public func range(in text: some StringProtocol) -> Range<String.Index> { stringRange(utf8: utf8Range, in: text) }
}

extension OffsetMap: Codable {
    enum CodingKeys: String, CodingKey { case pieces }

    /// Decodes the `{"pieces":[[sourceLength, targetLength, linear], …]}` that ``encode(to:)``
    /// writes; lengths must not be negative and a linear piece's lengths must be equal.
    public init(from decoder: any Decoder) throws {
        self.init()
        var pieces = try decoder.container(keyedBy: CodingKeys.self).nestedUnkeyedContainer(forKey: .pieces)
        while !pieces.isAtEnd {
            var piece = try pieces.nestedUnkeyedContainer()
            let source = try piece.decode(Int.self), target = try piece.decode(Int.self), isLinear = try piece.decode(Bool.self)
            guard source >= 0, target >= 0, !isLinear || source == target,
                  sourceLength <= Int.max - source, targetLength <= Int.max - target else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "bad offset map piece [\(source), \(target), \(isLinear)]"))
            }
            append(sourceLength: source, targetLength: target, linear: isLinear)
        }
    }

    /// Encodes the map as its pieces: `[sourceLength, targetLength, linear]` each.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var pieces = container.nestedUnkeyedContainer(forKey: .pieces)
        for piece in self.pieces {
            var entry = pieces.nestedUnkeyedContainer()
            try entry.encode(piece.sourceRange.count)
            try entry.encode(piece.targetRange.count)
            try entry.encode(piece.isLinear)
        }
    }
}

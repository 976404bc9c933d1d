import ZhTextCore

/// `Codable` for cleanup results with the keys `zhtext clean --explain` writes: an edit is
/// `{"step","kind","confidence","input":[start,end],"output":[start,end],"original",
/// "replacement"}`, plus `"originalBytes"` (hex) only when the replaced bytes were not UTF-8,
/// so that a decoded log still rebuilds the input exactly.

extension CleanupStep: Codable, CustomStringConvertible {
    /// The raw name (`pinyin-annotations`, …).
    public var description: String { rawValue }
}

extension EditReason: CustomStringConvertible {
    /// Step and kind, as `pinyin-annotations/reading`.
    public var description: String { "\(step.rawValue)/\(kind)" }
}

extension Edit: Codable, CustomStringConvertible {
    enum CodingKeys: String, CodingKey {
        case step, kind, confidence, inputRange = "input", outputRange = "output", original, replacement, originalBytes
    }

    /// Decodes an edit; `originalBytes` (hex) defaults to the UTF-8 of `original`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let original = try container.decode(String.self, forKey: .original)
        var bytes: [UInt8]? = nil
        if let hex = try container.decodeIfPresent(String.self, forKey: .originalBytes) {
            guard let decoded = Self.bytes(fromHex: hex) else {
                throw DecodingError.dataCorruptedError(forKey: .originalBytes, in: container, debugDescription: "not hex")
            }
            bytes = decoded
        }
        self.init(inputRange: try container.decode(Range<Int>.self, forKey: .inputRange),
                  outputRange: try container.decode(Range<Int>.self, forKey: .outputRange),
                  original: original, replacement: try container.decode(String.self, forKey: .replacement),
                  reason: EditReason(step: try container.decode(CleanupStep.self, forKey: .step),
                                     kind: try container.decode(EditKind.self, forKey: .kind),
                                     confidence: try container.decode(Double.self, forKey: .confidence)),
                  originalBytes: bytes)
    }

    /// Encodes the edit as the CLI writes it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reason.step, forKey: .step)
        try container.encode(reason.kind, forKey: .kind)
        try container.encode(reason.confidence, forKey: .confidence)
        try container.encode(inputRange, forKey: .inputRange)
        try container.encode(outputRange, forKey: .outputRange)
        try container.encode(original, forKey: .original)
        try container.encode(replacement, forKey: .replacement)
        if originalBytes != Array(original.utf8) {
            let hex = Array("0123456789abcdef".utf8)
            let text = String(decoding: originalBytes.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0xF)]] }, as: UTF8.self)
            try container.encode(text, forKey: .originalBytes)
        }
    }

    static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let high = UInt8(String(UnicodeScalar(digits[i])), radix: 16),
                  let low = UInt8(String(UnicodeScalar(digits[i + 1])), radix: 16) else { return nil }
            result.append(high << 4 | low)
            i += 2
        }
        return result
    }

    /// Reason, range and change, as `pinyin-annotations/reading 3..<8 "(hui)" → ""`.
    public var description: String {
        "\(reason) \(inputRange.lowerBound)..<\(inputRange.upperBound) \"\(original)\" → \"\(replacement)\""
    }

    /// The replacement's range as string indices of the cleaned text (``CleanupResult/text``).
    public func outputRange(in cleanedText: some StringProtocol) -> Range<String.Index> { stringRange(utf8: outputRange, in: cleanedText) }

    /// The replaced bytes' range as string indices of `input`, when the input was a string.
    public func inputRange(in input: some StringProtocol) -> Range<String.Index> { stringRange(utf8: inputRange, in: input) }
}

extension Finding: CustomStringConvertible {
    /// Step, kind and range, as `mojibake/replacement-character 40..<43`.
    public var description: String { "\(step.rawValue)/\(kind) \(inputRange.lowerBound)..<\(inputRange.upperBound)" }
}

extension CleanupResult: Codable {
    enum CodingKeys: String, CodingKey {
        case text, edits, offsets, findings, omittedFindingCount = "omittedFindings"
    }

    /// Decodes a result; `findings` and `omittedFindings` may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(text: try container.decode(String.self, forKey: .text),
                  edits: try container.decode([Edit].self, forKey: .edits),
                  offsets: try container.decode(OffsetMap.self, forKey: .offsets),
                  findings: try container.decodeIfPresent([Finding].self, forKey: .findings) ?? [])
        omittedFindingCount = try container.decodeIfPresent(Int.self, forKey: .omittedFindingCount) ?? 0
    }

    /// Encodes the text, the edit log, the offset map and the findings.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(edits, forKey: .edits)
        try container.encode(offsets, forKey: .offsets)
        try container.encode(findings, forKey: .findings)
        if omittedFindingCount > 0 { try container.encode(omittedFindingCount, forKey: .omittedFindingCount) }
    }
}

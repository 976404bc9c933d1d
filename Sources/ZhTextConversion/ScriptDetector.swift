import ZhTextCore

/// Tells whether a text is written in Simplified or Traditional characters.
///
/// It counts the Han characters that only one script uses: those OpenCC's s2t changes and t2s
/// leaves alone (simplified, such as 发 这 们), and the reverse (traditional, such as 發 這 們).
/// Characters shared by both scripts (中 国 vs 國: 国 is simplified-only) do not vote.
public struct ScriptDetector: Sendable {
    /// The verdict of a detection.
    public enum Script: String, Sendable, Hashable {
        /// Only (or overwhelmingly) simplified-only characters.
        case simplified
        /// Only (or overwhelmingly) traditional-only characters.
        case traditional
        /// Both kinds, the minority above ``ScriptDetector/mixedThreshold``.
        case mixed
        /// No character that tells the scripts apart (no Han text, or only shared characters).
        case none
    }

    /// A verdict with the counts behind it.
    public struct Detection: Sendable, Hashable {
        /// The verdict.
        public var script: Script
        /// Characters used only in Simplified Chinese.
        public var simplifiedCount: Int
        /// Characters used only in Traditional Chinese.
        public var traditionalCount: Int
        /// All Han characters seen.
        public var hanCount: Int
    }

    /// The share of the minority script above which a text is called mixed (default 10%).
    public var mixedThreshold: Double

    static let sets: (simplified: Set<UInt32>, traditional: Set<UInt32>) = (
        Set(OpenCCData.simplifiedOnlyCharacters.unicodeScalars.map(\.value)),
        Set(OpenCCData.traditionalOnlyCharacters.unicodeScalars.map(\.value))
    )

    /// Creates a detector.
    public init(mixedThreshold: Double = 0.1) {
        self.mixedThreshold = mixedThreshold
    }

    /// Detects the script of `text`.
    public func detect(_ text: some StringProtocol) -> Detection {
        let (simplifiedSet, traditionalSet) = Self.sets
        var simplified = 0, traditional = 0, han = 0
        for scalar in text.unicodeScalars where Tokenizer.kind(of: scalar) == .han {
            han += 1
            if simplifiedSet.contains(scalar.value) { simplified += 1 }
            else if traditionalSet.contains(scalar.value) { traditional += 1 }
        }
        let total = simplified + traditional
        let script: Script
        if total == 0 {
            script = .none
        } else if Double(min(simplified, traditional)) / Double(total) > mixedThreshold {
            script = .mixed
        } else {
            script = simplified > traditional ? .simplified : .traditional
        }
        return Detection(script: script, simplifiedCount: simplified, traditionalCount: traditional, hanCount: han)
    }
}

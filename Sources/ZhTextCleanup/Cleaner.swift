import ZhTextCore

/// Cleans scraped Chinese text and says exactly what it changed.
///
/// ```swift
/// let result = Cleaner().clean("全區(qū)生態(tài)環境保護大會召開")
/// result.text                  // "全區生態環境保護大會召開"
/// result.edits.first?.original // "(qū)"
/// result.reconstructedInput()  // the input, byte for byte
/// ```
///
/// Every step reports its edits (input range, original, replacement, reason with confidence);
/// the result's ``CleanupResult/offsets`` map cleaned offsets back to the input. Clean text
/// comes back unchanged with no edits.
public struct Cleaner: Sendable {
    /// Which steps run.
    public struct Options: Sendable, Hashable {
        /// The steps to run (all by default).
        public var steps: Set<CleanupStep>

        /// Creates options.
        public init(steps: Set<CleanupStep> = Set(CleanupStep.allCases)) {
            self.steps = steps
        }
    }

    /// The cleaner's options.
    public var options: Options

    /// Creates a cleaner.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Cleans `text`.
    public func clean(_ text: String) -> CleanupResult {
        guard options.steps.contains(.pinyinAnnotations) else {
            return CleanupResult(text: text, edits: [], offsets: .identity(utf8Count: text.utf8.count))
        }
        let scalars = Array(text.unicodeScalars)
        let removals = PinyinAnnotationRemover().removals(in: scalars)
        guard !removals.isEmpty else {
            return CleanupResult(text: text, edits: [], offsets: .identity(utf8Count: text.utf8.count))
        }
        // UTF-8 offset of every scalar boundary the removals touch, in one pass.
        var utf8Offsets: [Int] = []
        utf8Offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            utf8Offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        utf8Offsets.append(offset)
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var edits: [Edit] = []
        var map = OffsetMap()
        var position = 0
        for removal in removals {
            let start = utf8Offsets[removal.range.lowerBound], end = utf8Offsets[removal.range.upperBound]
            output += input[position..<start]
            map.append(sourceLength: start - position, targetLength: start - position, linear: true)
            map.append(sourceLength: end - start, targetLength: 0, linear: false)
            edits.append(Edit(
                inputRange: start..<end, outputRange: output.count..<output.count,
                original: String(decoding: input[start..<end], as: UTF8.self), replacement: "",
                reason: EditReason(step: .pinyinAnnotations, kind: removal.kind, confidence: removal.confidence)))
            position = end
        }
        output += input[position...]
        map.append(sourceLength: input.count - position, targetLength: input.count - position, linear: true)
        return CleanupResult(text: String(decoding: output, as: UTF8.self), edits: edits, offsets: map)
    }
}

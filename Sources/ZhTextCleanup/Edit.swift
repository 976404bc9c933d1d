import ZhTextCore

/// The cleanup steps, in the order they run.
public enum CleanupStep: String, Sendable, Hashable, CaseIterable {
    /// Text garbled by a wrong decoding or escaped: `鍙戝睍`, `å‘å±•`, `·¢Õ¹`, `&#21457;`, `%E5%8F%91`,
    /// `\u53d1` → `发展`; `烫烫烫` runs removed.
    case mojibake
    /// Parenthesised pinyin readings after Han characters: `會(hui)議` → `會議`.
    case pinyinAnnotations = "pinyin-annotations"
    /// Site chrome lines around the document and document-site page-split markers; reports
    /// opening quotes never closed on their line (unless ``closingQuotes`` runs, which reports
    /// those it leaves open).
    case pageNoise = "page-noise"
    /// Synonyms swapped in by document-spinning sites (`原那么` → `原则`, `开展` → `发展` where the
    /// context says so). Opt-in: not among the default steps.
    case spinning
    /// Closing quotation marks put back in a document that has lost all of them, where the quoted
    /// span is a term the news corpus quotes again and again: `“一带一路倡议` → `“一带一路”倡议`.
    /// Each restoration is an insertion with its confidence; a quote left open is reported.
    /// Opt-in: not among the default steps.
    case closingQuotes = "closing-quotes"
}

/// Why an edit was made.
public struct EditReason: Sendable, Hashable {
    /// The step that made it.
    public var step: CleanupStep
    /// What kind of change it is within the step (for example ``EditKind/reading`` or
    /// ``EditKind/denseGloss``).
    public var kind: EditKind
    /// How sure the step is, from 0 to 1.
    public var confidence: Double

    /// Creates a reason.
    public init(step: CleanupStep, kind: EditKind, confidence: Double) {
        self.step = step
        self.kind = kind
        self.confidence = confidence
    }
}

/// One change made by cleanup: its range in the input, the original text, the replacement and
/// the reason. Applying a result's edits in reverse rebuilds the input byte for byte.
public struct Edit: Sendable, Hashable {
    /// The changed bytes in the input.
    public var inputRange: Range<Int>
    /// The bytes that replaced them in the cleaned text.
    public var outputRange: Range<Int>
    /// The input text that was replaced (invalid UTF-8 in it shown as U+FFFD; see ``originalBytes``).
    public var original: String
    /// The input bytes that were replaced, exactly.
    public var originalBytes: [UInt8]
    /// The text put in its place (empty for a deletion).
    public var replacement: String
    /// Why.
    public var reason: EditReason

    /// Creates an edit.
    public init(inputRange: Range<Int>, outputRange: Range<Int>, original: String, replacement: String, reason: EditReason,
                originalBytes: [UInt8]? = nil) {
        self.inputRange = inputRange
        self.outputRange = outputRange
        self.original = original
        self.originalBytes = originalBytes ?? Array(original.utf8)
        self.replacement = replacement
        self.reason = reason
    }
}

/// Something cleanup noticed and could not repair (it is reported, never guessed).
public struct Finding: Sendable, Hashable, Codable {
    /// The bytes of the input concerned.
    public var inputRange: Range<Int>
    /// The step that noticed it.
    public var step: CleanupStep
    /// What it is: ``FindingKind/replacementCharacter``, ``FindingKind/kunJinKao``,
    /// ``FindingKind/garbledBytes`` …
    public var kind: FindingKind

    /// The CLI's keys (see CleanupCoding.swift).
    enum CodingKeys: String, CodingKey {
        case step, kind, inputRange = "input"
    }

    /// Creates a finding.
    public init(inputRange: Range<Int>, step: CleanupStep, kind: FindingKind) {
        self.inputRange = inputRange
        self.step = step
        self.kind = kind
    }
}

/// A cleaned text with everything needed to explain and undo the cleaning.
public struct CleanupResult: Sendable, Hashable {
    /// The cleaned text.
    public var text: String
    /// The edits, in input order, with non-overlapping ranges.
    public var edits: [Edit]
    /// UTF-8 offsets: source = the input, target = ``text``.
    public var offsets: OffsetMap
    /// What could not be repaired, with its range in the input (at most ``Cleaner/maxFindings``
    /// per document).
    public var findings: [Finding]
    /// How many findings were left out of ``findings`` past ``Cleaner/maxFindings``.
    public var omittedFindingCount = 0

    /// Creates a result.
    public init(text: String, edits: [Edit], offsets: OffsetMap, findings: [Finding] = []) {
        self.text = text
        self.edits = edits
        self.offsets = offsets
        self.findings = findings
    }

    /// The input bytes, rebuilt from the cleaned text and the edits (exact even for invalid UTF-8).
    public func reconstructedInputBytes() -> [UInt8] {
        let cleaned = Array(text.utf8)
        var input: [UInt8] = []
        var position = 0
        for edit in edits {
            input += cleaned[position..<edit.outputRange.lowerBound]
            input += edit.originalBytes
            position = edit.outputRange.upperBound
        }
        input += cleaned[position...]
        return input
    }

    /// The input, rebuilt from the cleaned text and the edits.
    public func reconstructedInput() -> String {
        let cleaned = Array(text.utf8)
        var input: [UInt8] = []
        input.reserveCapacity(cleaned.count + edits.reduce(0) { $0 + $1.original.utf8.count })
        var position = 0
        for edit in edits {
            input += cleaned[position..<edit.outputRange.lowerBound]
            input += Array(edit.original.utf8)
            position = edit.outputRange.upperBound
        }
        input += cleaned[position...]
        return String(decoding: input, as: UTF8.self)
    }
}

/// The UTF-8 offset of every scalar of `scalars`, and of their end (one more entry than scalars).
func utf8Offsets(of scalars: [Unicode.Scalar]) -> [Int] {
    var offsets: [Int] = []
    offsets.reserveCapacity(scalars.count + 1)
    var offset = 0
    for scalar in scalars {
        offsets.append(offset)
        offset += UTF8.width(scalar)
    }
    offsets.append(offset)
    return offsets
}

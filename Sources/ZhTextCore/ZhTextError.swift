#if canImport(Foundation)
import Foundation
#endif

/// The errors ZhText reports instead of crashing or silently changing data.
///
/// An opaque value with a ``kind`` and the context that kind has (byte offsets, a line, a name,
/// the valid alternatives), so that its ``description`` is a one-line message that tells the
/// user what to fix. New kinds can be added without breaking code that switches on `kind`
/// (as with aho-corasick's `BuildError`), because ``Kind`` is a struct, not an enum: match
/// the kinds you handle and treat the rest alike.
///
/// ```swift
/// do {
///     _ = try ScriptConverter(configurationNamed: "s2x")
/// } catch where error.kind == .unknownConfiguration {
///     print(error.validNames)        // ["hk2s", "hk2t", …]
/// }
/// ```
public struct ZhTextError: Error, Sendable, Hashable {
    /// What went wrong.
    public struct Kind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// A stable, machine-readable name such as `invalid-utf8`.
        public let rawValue: String

        /// A kind by its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The input is not valid UTF-8 (``ZhTextError/byteOffset``: the first offending byte).
        public static let invalidUTF8 = Kind(rawValue: "invalid-utf8")
        /// Bytes that are not valid in a charset (``ZhTextError/name``: the charset;
        /// ``ZhTextError/byteOffsets``: where).
        public static let undecodableBytes = Kind(rawValue: "undecodable-bytes")
        /// Characters a charset cannot represent (``ZhTextError/name``: the charset;
        /// ``ZhTextError/byteOffsets``: their UTF-8 offsets).
        public static let unencodableCharacters = Kind(rawValue: "unencodable-characters")
        /// ICU reported a failure (``ZhTextError/name``: ICU's error name; ``ZhTextError/reason``:
        /// the operation).
        public static let icuFailure = Kind(rawValue: "icu-failure")
        /// ICU could not open a transform (``ZhTextError/name``: its id).
        public static let invalidTransform = Kind(rawValue: "invalid-transform")
        /// The input is larger than an operation can take in one piece.
        public static let inputTooLarge = Kind(rawValue: "input-too-large")
        /// A dictionary key given to ``AutomatonBuilder`` is unusable (``ZhTextError/index``).
        public static let invalidKey = Kind(rawValue: "invalid-key")
        /// Serialised automaton bytes are truncated, of another version, or inconsistent.
        public static let corruptAutomatonData = Kind(rawValue: "corrupt-automaton-data")
        /// No configuration of this ``ZhTextError/name`` exists (``ZhTextError/validNames``).
        public static let unknownConfiguration = Kind(rawValue: "unknown-configuration")
        /// An entry of a user dictionary or lexicon is unusable (``ZhTextError/line``, from 1;
        /// 0 when not from a file).
        public static let invalidDictionaryEntry = Kind(rawValue: "invalid-dictionary-entry")

        /// The kind's name.
        public var description: String { rawValue }
    }

    /// What went wrong.
    public let kind: Kind
    /// Byte offsets of the input concerned (one for invalid UTF-8; every offending one for
    /// charset errors); empty when the kind has none.
    public let byteOffsets: [Int]
    /// The line of a dictionary or lexicon, counted from 1 (0: not from a file), or the index
    /// of an automaton key.
    public let line: Int?
    /// A name the error is about: a charset, a configuration, a transform id, ICU's error name.
    public let name: String?
    /// The names that would have been valid (for ``Kind/unknownConfiguration``).
    public let validNames: [String]
    /// Why, in words.
    public let reason: String?
    /// ICU's numeric error code, or the byte count and limit of an input that is too large.
    let numbers: [Int]

    /// The first offending byte, when the kind has byte offsets.
    public var byteOffset: Int? { byteOffsets.first }
    /// The index of the offending key (``Kind/invalidKey``).
    public var index: Int? { kind == .invalidKey ? line : nil }

    init(_ kind: Kind, byteOffsets: [Int] = [], line: Int? = nil, name: String? = nil,
         validNames: [String] = [], reason: String? = nil, numbers: [Int] = []) {
        self.kind = kind
        self.byteOffsets = byteOffsets
        self.line = line
        self.name = name
        self.validNames = validNames
        self.reason = reason
        self.numbers = numbers
    }

    // MARK: Making errors (the names of the former enum cases, so `throw .invalidUTF8(byteOffset:)` reads the same)

    /// The input is not valid UTF-8; `byteOffset` is the first offending byte.
    public static func invalidUTF8(byteOffset: Int) -> ZhTextError {
        ZhTextError(.invalidUTF8, byteOffsets: [byteOffset])
    }

    /// Bytes that are not valid in `charset`, at these byte offsets of the input.
    public static func undecodableBytes(charset: String, byteOffsets: [Int]) -> ZhTextError {
        ZhTextError(.undecodableBytes, byteOffsets: byteOffsets, name: charset)
    }

    /// Characters that `charset` cannot represent, at these UTF-8 byte offsets of the input.
    public static func unencodableCharacters(charset: String, byteOffsets: [Int]) -> ZhTextError {
        ZhTextError(.unencodableCharacters, byteOffsets: byteOffsets, name: charset)
    }

    /// ICU reported a failure; `name` is ICU's error name (for example `U_ILLEGAL_ARGUMENT_ERROR`).
    public static func icuFailure(operation: String, code: Int32, name: String) -> ZhTextError {
        ZhTextError(.icuFailure, name: name, reason: operation, numbers: [Int(code)])
    }

    /// ICU could not open the transform `id`.
    public static func invalidTransform(id: String, reason: String) -> ZhTextError {
        ZhTextError(.invalidTransform, name: id, reason: reason)
    }

    /// The input is larger than an operation can take in one piece.
    public static func inputTooLarge(byteCount: Int, limit: Int) -> ZhTextError {
        ZhTextError(.inputTooLarge, numbers: [byteCount, limit])
    }

    /// A dictionary key given to ``AutomatonBuilder`` is unusable (empty, or repeated with another value).
    public static func invalidKey(index: Int, reason: String) -> ZhTextError {
        ZhTextError(.invalidKey, line: index, reason: reason)
    }

    /// Serialised automaton bytes are truncated, of another version, or inconsistent.
    public static func corruptAutomatonData(reason: String) -> ZhTextError {
        ZhTextError(.corruptAutomatonData, reason: reason)
    }

    /// A configuration (for example an OpenCC conversion) of this name does not exist.
    public static func unknownConfiguration(name: String, validNames: [String]) -> ZhTextError {
        ZhTextError(.unknownConfiguration, name: name, validNames: validNames)
    }

    /// An entry of a user dictionary is unusable; `line` counts from 1 (0 when not from a file).
    public static func invalidDictionaryEntry(line: Int, reason: String) -> ZhTextError {
        ZhTextError(.invalidDictionaryEntry, line: line, reason: reason)
    }
}

extension ZhTextError: CustomStringConvertible {
    /// A one-line, human-readable message.
    public var description: String {
        switch kind {
        case .invalidUTF8:
            return "invalid UTF-8 at byte offset \(byteOffset ?? 0)"
        case .undecodableBytes:
            return "\(byteOffsets.count) byte sequence(s) not valid in \(name ?? "?"), first at byte offset \(byteOffset ?? 0)"
        case .unencodableCharacters:
            return "\(byteOffsets.count) character(s) not representable in \(name ?? "?"), first at byte offset \(byteOffset ?? 0)"
        case .icuFailure:
            return "ICU \(reason ?? "operation") failed: \(name ?? "?") (\(numbers.first ?? 0))"
        case .invalidTransform:
            return "invalid ICU transform '\(name ?? "")': \(reason ?? "")"
        case .inputTooLarge:
            return "input of \(numbers.first ?? 0) bytes exceeds the limit of \(numbers.last ?? 0) bytes"
        case .invalidKey:
            return "dictionary key #\(line ?? 0): \(reason ?? "")"
        case .corruptAutomatonData:
            return "corrupt automaton data: \(reason ?? "")"
        case .unknownConfiguration:
            return "unknown configuration '\(name ?? "")'; valid names: \(validNames.joined(separator: ", "))"
        case .invalidDictionaryEntry:
            let line = self.line ?? 0
            return line > 0 ? "dictionary line \(line): \(reason ?? "")" : "dictionary entry: \(reason ?? "")"
        default:
            return "\(kind)\(reason.map { ": \($0)" } ?? "")"
        }
    }
}

#if canImport(Foundation)
extension ZhTextError: LocalizedError {
    /// The one-line ``description``, so that `localizedDescription` reads as it does.
    public var errorDescription: String? { description }
}
#endif

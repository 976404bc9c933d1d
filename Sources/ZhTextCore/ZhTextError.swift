/// The errors ZhText reports instead of crashing or silently changing data.
///
/// Every case carries enough context (byte offsets, names, the valid alternatives) to
/// produce a one-line message that tells the user what to fix.
public enum ZhTextError: Error, Sendable, Hashable {
    /// The input is not valid UTF-8; `byteOffset` is the first offending byte.
    case invalidUTF8(byteOffset: Int)
    /// Bytes that are not valid in `charset`, at these byte offsets of the input.
    case undecodableBytes(charset: String, byteOffsets: [Int])
    /// Characters that `charset` cannot represent, at these UTF-8 byte offsets of the input.
    case unencodableCharacters(charset: String, byteOffsets: [Int])
    /// ICU reported a failure; `name` is ICU's error name (for example `U_ILLEGAL_ARGUMENT_ERROR`).
    case icuFailure(operation: String, code: Int32, name: String)
    /// ICU could not open the transform `id`.
    case invalidTransform(id: String, reason: String)
    /// The input is larger than an operation can take in one piece.
    case inputTooLarge(byteCount: Int, limit: Int)
    /// A dictionary key given to ``AutomatonBuilder`` is unusable (empty, or repeated with another value).
    case invalidKey(index: Int, reason: String)
    /// Serialised automaton bytes are truncated, of another version, or inconsistent.
    case corruptAutomatonData(reason: String)
    /// A configuration (for example an OpenCC conversion) of this name does not exist.
    case unknownConfiguration(name: String, validNames: [String])
    /// An entry of a user dictionary is unusable; `line` counts from 1 (0 when not from a file).
    case invalidDictionaryEntry(line: Int, reason: String)
}

extension ZhTextError: CustomStringConvertible {
    /// A one-line, human-readable message.
    public var description: String {
        switch self {
        case .invalidUTF8(let offset):
            return "invalid UTF-8 at byte offset \(offset)"
        case .undecodableBytes(let charset, let offsets):
            return "\(offsets.count) byte sequence(s) not valid in \(charset), first at byte offset \(offsets.first ?? 0)"
        case .unencodableCharacters(let charset, let offsets):
            return "\(offsets.count) character(s) not representable in \(charset), first at byte offset \(offsets.first ?? 0)"
        case .icuFailure(let operation, let code, let name):
            return "ICU \(operation) failed: \(name) (\(code))"
        case .invalidTransform(let id, let reason):
            return "invalid ICU transform '\(id)': \(reason)"
        case .inputTooLarge(let count, let limit):
            return "input of \(count) bytes exceeds the limit of \(limit) bytes"
        case .invalidKey(let index, let reason):
            return "dictionary key #\(index): \(reason)"
        case .corruptAutomatonData(let reason):
            return "corrupt automaton data: \(reason)"
        case .unknownConfiguration(let name, let valid):
            return "unknown configuration '\(name)'; valid names: \(valid.joined(separator: ", "))"
        case .invalidDictionaryEntry(let line, let reason):
            return line > 0 ? "dictionary line \(line): \(reason)" : "dictionary entry: \(reason)"
        }
    }
}

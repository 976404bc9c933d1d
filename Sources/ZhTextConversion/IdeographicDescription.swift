/// Ideographic description sequences (IDS) such as `⿰木发` describe a character that has no
/// code point; OpenCC copies a complete IDS unchanged in every pass, and so do we.
enum IdeographicDescription {
    /// OpenCC accepts 15 levels of nested description characters; a deeper sequence is not an IDS
    /// at its first character (the search then resumes at the next one).
    static let maximumDepth = 15

    /// The number of operands of the description character U+2FF0–U+2FFF, or 0 for any other scalar.
    @inline(__always)
    static func arity(_ scalar: UInt32) -> Int {
        guard scalar & ~0xF == 0x2FF0 else { return 0 }
        switch scalar {
        case 0x2FF2, 0x2FF3: return 3
        case 0x2FFE, 0x2FFF: return 1
        default: return 2
        }
    }

    /// Whether the bytes at `i` start U+2FF0–U+2FFF (E2 BF B0…BF).
    @inline(__always)
    static func startsDescription(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        p[i] == 0xE2 && i + 2 < end && p[i + 1] == 0xBF && p[i + 2] & 0xF0 == 0xB0
    }

    /// The end of the complete IDS that starts at `i`, or nil when it is incomplete before `end`
    /// or nested too deeply. Any character is an operand.
    static func end(of p: UnsafePointer<UInt8>, at i: Int, limit end: Int, depth: Int = 0) -> Int? {
        guard i < end else { return nil }
        let length = utf8Length(p[i])
        guard i + length <= end else { return nil }
        guard length == 3, startsDescription(p, i, end) else { return i + length }
        guard depth < maximumDepth else { return nil }
        let scalar = 0x2FF0 | UInt32(p[i + 2] & 0x0F)
        var next = i + 3
        for _ in 0..<arity(scalar) {
            guard let operandEnd = self.end(of: p, at: next, limit: end, depth: depth + 1) else { return nil }
            next = operandEnd
        }
        return next
    }
}

/// The byte length of the UTF-8 sequence that starts with `lead` (1 for stray bytes).
@inline(__always)
func utf8Length(_ lead: UInt8) -> Int {
    if lead < 0xC0 { return 1 }
    if lead < 0xE0 { return 2 }
    if lead < 0xF0 { return 3 }
    return 4
}

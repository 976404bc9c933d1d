/// The character classes of jieba 0.42.1's regular expressions, which decide how a text is
/// split before any dictionary is consulted:
///
/// - `re_han_default = [\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+`: a *block*, segmented with the
///   dictionary (and the HMM);
/// - `re_skip_default = (\r\n|\s)`: whitespace between blocks, each a word of its own;
/// - `re_eng = [a-zA-Z0-9]`: the ASCII letters and digits that the no-HMM and full modes join;
/// - `finalseg.re_han = [\u4E00-\u9FD5]+`: what the HMM itself labels.
enum JiebaCharacterClass {
    /// Whether `scalar` belongs to jieba's block class.
    @inline(__always)
    static func isBlock(_ scalar: UInt32) -> Bool {
        if scalar >= 0x4E00 { return scalar <= 0x9FD5 }
        guard scalar < 0x80 else { return false }
        let bits = scalar < 64 ? asciiBlockLow : asciiBlockHigh
        return bits & (1 << UInt64(scalar & 63)) != 0
    }

    /// The ASCII block characters as bits: `0-9 + # & . _ % -` below 64, letters and `_` above.
    private static let asciiBlockLow: UInt64 = 0x03FF_6868_0000_0000
    private static let asciiBlockHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE

    /// `[\u4E00-\u9FD5]`: the characters `jieba.finalseg` labels with its HMM.
    @inline(__always)
    static func isHan(_ scalar: UInt32) -> Bool { scalar >= 0x4E00 && scalar <= 0x9FD5 }

    /// `[a-zA-Z0-9]`.
    @inline(__always)
    static func isAlphanumeric(_ scalar: UInt32) -> Bool {
        (scalar >= 0x30 && scalar <= 0x39) || ((scalar | 0x20) >= 0x61 && (scalar | 0x20) <= 0x7A)
    }

    /// Python's `\s` on `str` (`Py_UNICODE_ISSPACE`).
    @inline(__always)
    static func isWhitespace(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return (scalar >= 0x09 && scalar <= 0x0D) || (scalar >= 0x1C && scalar <= 0x20) }
        switch scalar {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}

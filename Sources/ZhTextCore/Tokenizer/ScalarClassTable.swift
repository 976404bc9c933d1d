import CZhICU
import CZhTextData
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Scalar classes as stored in the table; punctuation classes follow `punctuationBase`.
@usableFromInline enum ScalarClass {
    @inlinable static var other: UInt8 { 0 }
    @inlinable static var han: UInt8 { 1 }
    @inlinable static var latin: UInt8 { 2 }
    @inlinable static var otherLetter: UInt8 { 3 }
    @inlinable static var digit: UInt8 { 4 }
    @inlinable static var space: UInt8 { 5 }
    @inlinable static var lineBreak: UInt8 { 6 }
    /// Combining marks and variation selectors: they extend the token before them.
    @inlinable static var mark: UInt8 { 7 }
    @inlinable static var symbol: UInt8 { 8 }
    @inlinable static var emoji: UInt8 { 9 }
    /// U+FE0F, skin-tone modifiers, U+20E3, tag characters, ZWJ: extend an emoji, else act as marks.
    @inlinable static var emojiExtender: UInt8 { 10 }
    @inlinable static var regionalIndicator: UInt8 { 11 }
    @inlinable static var punctuationBase: UInt8 { 16 }

    @inlinable @inline(__always) static func punctuation(_ p: Punctuation) -> UInt8 { punctuationBase + p.rawValue }
}

/// A two-stage lookup table from scalar to ``ScalarClass``: one shift, two loads.
///
/// Computed from ICU's character properties plus the explicit tables below (Han blocks and the
/// roles of Chinese punctuation, which Unicode's general categories do not say), and embedded
/// (`CZhTextData`, `tables/scalar-classes.bin`, written by `Scripts/make-derived-tables`):
/// computing it was a fifth of the start-up of `zhtext pipeline`. Blocks of 256 scalars that
/// classify alike are stored once (about 30 KB), read in place; the flat 64 KB copy of the BMP
/// for the hot path is made once, lazily, and never freed. `ScalarClassTableTests` checks the
/// embedded table against the system's ICU, scalar by scalar and byte for byte.
@usableFromInline
struct ScalarClassTable: @unchecked Sendable {
    @usableFromInline let stage1: UnsafePointer<UInt16>
    @usableFromInline let stage2: UnsafePointer<UInt8>
    /// The block of U+0000–U+00FF, for a single load on ASCII.
    @usableFromInline let latin1: UnsafePointer<UInt8>
    /// The whole Basic Multilingual Plane flattened (64 KB), for a single load on 3-byte UTF-8.
    @usableFromInline let bmp: UnsafePointer<UInt8>
    /// The number of distinct 256-scalar blocks in `stage2`.
    let stage2Blocks: Int

    @inlinable @inline(__always)
    func classOf(_ scalar: UInt32) -> UInt8 {
        stage2[Int(stage1[Int(scalar &>> 8)]) &<< 8 | Int(scalar & 0xFF)]
    }

    @usableFromInline static let shared = embedded() ?? computedWithICU()

    /// The embedded table, or nil when its bytes are not a table (then it is computed).
    static func embedded() -> ScalarClassTable? {
        let blob = zh_text_data_scalar_classes()
        guard let bytes = blob.bytes else { return nil }
        return decoded(UnsafeRawBufferPointer(start: bytes, count: blob.count))
    }

    /// The serialized form's layout: "ZSC1", then little-endian UInt32s for the number of
    /// stage-1 entries (0x1100 blocks of 256 scalars) and of stage-2 blocks, a UInt32 of zero
    /// padding, the stage-1 UInt16s, then the stage-2 blocks of 256 classes each.
    static let magic: [UInt8] = Array("ZSC1".utf8)
    static let blockCount = 0x1100

    /// The table in `bytes` (16-byte aligned, kept alive by the caller for the process), or nil
    /// when they are not one: a wrong header, a size that does not add up, a block index out of range.
    static func decoded(_ bytes: UnsafeRawBufferPointer) -> ScalarClassTable? {
        guard bytes.count >= 16, Array(bytes[0..<4]) == magic,
              Int(bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian) == blockCount else { return nil }
        let stage2Blocks = Int(bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian)
        let stage2Offset = 16 + 2 * blockCount
        guard stage2Blocks > 0, stage2Blocks <= blockCount, bytes.count == stage2Offset + stage2Blocks * 256,
              Int(bitPattern: bytes.baseAddress!) % 2 == 0 else { return nil }
        let stage1 = (bytes.baseAddress! + 16).assumingMemoryBound(to: UInt16.self)
        for block in 0..<blockCount where Int(UInt16(littleEndian: stage1[block])) >= stage2Blocks { return nil }
        guard UInt16(littleEndian: 1) == 1 else { return nil }  // read in place: little-endian only
        let stage2 = (bytes.baseAddress! + stage2Offset).assumingMemoryBound(to: UInt8.self)
        let bmp = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        for block in 0..<0x100 {
            (bmp + (block << 8)).initialize(from: stage2 + Int(stage1[block]) << 8, count: 256)
        }
        return ScalarClassTable(stage1: stage1, stage2: stage2, latin1: stage2 + Int(stage1[0]) << 8, bmp: UnsafePointer(bmp),
                                stage2Blocks: stage2Blocks)
    }

    /// The table's bytes in the layout ``decoded(_:)`` reads.
    func serialized() -> [UInt8] {
        var out = Self.magic
        for value in [UInt32(Self.blockCount), UInt32(stage2Blocks), 0] { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        for block in 0..<Self.blockCount { withUnsafeBytes(of: stage1[block].littleEndian) { out += $0 } }
        out += UnsafeBufferPointer(start: stage2, count: stage2Blocks * 256)
        return out
    }

    /// Blocks computed from ICU. The rest of the code space classifies as `other` or `han`
    /// without asking: planes 2 and 3 hold only Han ideographs (`hanRanges`) and unassigned
    /// code points, planes 4–13, 15 and 16 are unassigned or private use, and the BMP's blocks
    /// 34–4C (Extension A; 4D also holds the Yijing hexagrams) and 4E–9F (Unified Ideographs)
    /// are `hanRanges` too. Asking ICU about all of planes 0–3 took a sixth of the start-up of
    /// `zhtext pipeline` (`ScalarClassTableTests` checks every scalar against ICU).
    /// Hangul syllables (AC00–D6FF of them, all letters since Unicode 2.0), surrogates and the
    /// private-use area (E000–F8FF) are not asked either: a fifth of the BMP's blocks left.
    private static func computesBlock(_ block: Int) -> Bool {
        (block < 0x200 && !(0x34..<0x4D).contains(block) && !(0x4E..<0xA0).contains(block)
            && !hangulBlocks.contains(block) && !(0xD8..<0xF9).contains(block))
            || (block >= 0xE00 && block < 0xE02)
    }

    private static let hangulBlocks = 0xAC..<0xD7

    /// The table computed from the system's ICU (what `Scripts/make-derived-tables` embeds).
    static func computedWithICU() -> ScalarClassTable {
        // Classify every computed scalar from ICU, then lay the explicit tables over it.
        var flat = [UInt8](repeating: ScalarClass.other, count: blockCount * 256)
        for block in 0..<blockCount where computesBlock(block) {
            for scalar in (block << 8)..<((block + 1) << 8) {
                flat[scalar] = classifyWithICU(UInt32(scalar))
            }
        }
        for block in hangulBlocks {
            for scalar in (block << 8)..<((block + 1) << 8) { flat[scalar] = ScalarClass.otherLetter }
        }
        for range in hanRanges {
            for scalar in range { flat[Int(scalar)] = ScalarClass.han }
        }
        for (scalar, cls) in explicitClasses { flat[Int(scalar)] = cls }

        var stage1 = [UInt16](repeating: 0, count: blockCount)
        var blocks: [ArraySlice<UInt8>] = []
        var index: [ArraySlice<UInt8>: UInt16] = [:]
        // Most of the code space is runs of like blocks (unassigned planes, Han): each block is
        // compared with the one before (memcmp) before 256 bytes are hashed.
        let sameAsPrevious = flat.withUnsafeBytes { bytes in
            (0..<blockCount).map { block in block > 0 && memcmp(bytes.baseAddress! + (block << 8), bytes.baseAddress! + ((block - 1) << 8), 256) == 0 }
        }
        for block in 0..<blockCount {
            let slice = flat[(block << 8)..<((block + 1) << 8)]
            if sameAsPrevious[block] {
                stage1[block] = stage1[block - 1]
            } else if let existing = index[slice] {
                stage1[block] = existing
            } else {
                let id = UInt16(blocks.count)
                blocks.append(slice)
                index[slice] = id
                stage1[block] = id
            }
        }
        let s1 = UnsafeMutablePointer<UInt16>.allocate(capacity: blockCount)
        s1.initialize(from: stage1, count: blockCount)
        let s2 = UnsafeMutablePointer<UInt8>.allocate(capacity: blocks.count * 256)
        for (i, block) in blocks.enumerated() {
            block.withUnsafeBufferPointer { (s2 + i * 256).initialize(from: $0.baseAddress!, count: 256) }
        }
        let bmp = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        bmp.initialize(from: flat, count: 0x10000)
        return ScalarClassTable(stage1: UnsafePointer(s1), stage2: UnsafePointer(s2),
                                latin1: UnsafePointer(s2 + Int(stage1[0]) * 256), bmp: UnsafePointer(bmp), stage2Blocks: blocks.count)
    }

    /// Han ideographs and the signs that behave as them, by block.
    static let hanRanges: [ClosedRange<UInt32>] = [
        0x2E80...0x2EFF,    // CJK Radicals Supplement
        0x2F00...0x2FDF,    // Kangxi Radicals
        0x3005...0x3005,    // 々 iteration mark
        0x3007...0x3007,    // 〇 ideographic number zero
        0x31C0...0x31EF,    // CJK Strokes
        0x3400...0x4DBF,    // Extension A
        0x4E00...0x9FFF,    // Unified Ideographs
        0xF900...0xFAFF,    // Compatibility Ideographs
        0x20000...0x2A6DF,  // Extension B
        0x2A700...0x2B73F,  // Extension C
        0x2B740...0x2B81F,  // Extension D
        0x2B820...0x2CEAF,  // Extension E
        0x2CEB0...0x2EBEF,  // Extension F
        0x2EBF0...0x2EE5F,  // Extension I
        0x2F800...0x2FA1F,  // Compatibility Ideographs Supplement
        0x30000...0x3134F,  // Extension G
        0x31350...0x323AF,  // Extension H
    ]

    /// The roles of punctuation that general categories leave ambiguous or wrong for Chinese.
    static let punctuationRoles: [Punctuation: [UInt32]] = [
        .sentenceTerminator: [0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0xFF0E, 0x2E, 0xFF61, 0x203C, 0x2047, 0x2048,
                              0x2049, 0xFE52, 0xFE56, 0xFE57, 0xFE12, 0xFE15, 0xFE16],
        .clauseSeparator: [0xFF0C, 0x2C, 0xFF1B, 0x3B, 0xFF1A, 0x3A, 0xFE50, 0xFE54, 0xFE55, 0xFE10, 0xFE13, 0xFE14],
        .enumerationComma: [0x3001, 0xFF64, 0xFE51, 0xFE11],
        .openingQuote: [0x201C, 0x2018, 0x300C, 0x300E, 0x301D, 0xAB, 0x2039, 0xFE41, 0xFE43, 0xFF62, 0x201E,
                        0x201F, 0x201B],
        .closingQuote: [0x201D, 0x2019, 0x300D, 0x300F, 0x301E, 0x301F, 0xBB, 0x203A, 0xFE42, 0xFE44, 0xFF63],
        .ambiguousQuote: [0x22, 0x27, 0xFF02, 0xFF07],
        .openingBookTitle: [0x300A, 0x3008, 0xFE3D, 0xFE3F],
        .closingBookTitle: [0x300B, 0x3009, 0xFE3E, 0xFE40],
        .ellipsis: [0x2026, 0x22EF, 0x2025, 0xFE19, 0xFE30],
        .dash: [0x2014, 0x2015, 0x2013, 0x2012, 0x2D, 0xFF5E, 0x301C, 0xFE58, 0x2010, 0x2011, 0x2E3A, 0x2E3B,
                0xFE63, 0xFF0D, 0xFE31, 0x7E],
    ]

    static let explicitClasses: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (role, scalars) in punctuationRoles {
            for s in scalars { map[s] = ScalarClass.punctuation(role) }
        }
        for s: UInt32 in [0x0A, 0x0D, 0x85, 0x2028, 0x2029] { map[s] = ScalarClass.lineBreak }
        for s: UInt32 in [0x09, 0x0B, 0x0C] { map[s] = ScalarClass.space }
        for s: UInt32 in [0xFE0F, 0x200D, 0x20E3] { map[s] = ScalarClass.emojiExtender }
        for s: UInt32 in 0x1F3FB...0x1F3FF { map[s] = ScalarClass.emojiExtender }
        for s: UInt32 in 0xE0020...0xE007F { map[s] = ScalarClass.emojiExtender }
        for s: UInt32 in 0xFE00...0xFE0E { map[s] = ScalarClass.mark }
        for s: UInt32 in 0xE0100...0xE01EF { map[s] = ScalarClass.mark }
        for s: UInt32 in 0x1F1E6...0x1F1FF { map[s] = ScalarClass.regionalIndicator }
        return map
    }()

    // ICU's UCharCategory values (uchar.h); stable since ICU 2.0.
    private enum Category {
        static let letters: ClosedRange<Int32> = 1...5
        static let marks: ClosedRange<Int32> = 6...8
        static let decimalDigit: Int32 = 9
        static let letterNumber: Int32 = 10
        static let spaceSeparator: Int32 = 12
        static let dash: Int32 = 19, open: Int32 = 20, close: Int32 = 21
        static let initialQuote: Int32 = 28, finalQuote: Int32 = 29
        /// Categories 19–23, 28 and 29 as bits (a Set here hashed each of 262,144 scalars).
        static let punctuationBits: UInt64 = (1 << 19) | (1 << 20) | (1 << 21) | (1 << 22) | (1 << 23) | (1 << 28) | (1 << 29)
        static let symbols: ClosedRange<Int32> = 24...27
    }

    /// The class ICU's properties give a scalar (before the explicit tables are applied).
    static func classifyWithICU(_ scalar: UInt32) -> UInt8 {
        let s = Int32(bitPattern: scalar)
        let category = zh_icu_char_type(s)
        if category == Category.spaceSeparator || (zh_icu_is_white_space(s) != 0 && category != 15) {
            return ScalarClass.space
        }
        if Category.letters.contains(category) {
            return zh_icu_script(s) == zh_icu_script_latin() ? ScalarClass.latin : ScalarClass.otherLetter
        }
        if Category.marks.contains(category) { return ScalarClass.mark }
        if category == Category.decimalDigit { return ScalarClass.digit }
        if (0..<64).contains(category), Category.punctuationBits & (1 << UInt64(category)) != 0 {
            switch category {
            case Category.dash: return ScalarClass.punctuation(.dash)
            case Category.open: return ScalarClass.punctuation(.openingBracket)
            case Category.close: return ScalarClass.punctuation(.closingBracket)
            case Category.initialQuote: return ScalarClass.punctuation(.openingQuote)
            case Category.finalQuote: return ScalarClass.punctuation(.closingQuote)
            default: return ScalarClass.punctuation(.other)
            }
        }
        if Category.symbols.contains(category) || category == Category.letterNumber || category == 11 {
            return zh_icu_is_emoji_presentation(s) != 0 ? ScalarClass.emoji : ScalarClass.symbol
        }
        return ScalarClass.other
    }
}

import CZhTextData

/// Folds a character to the form slogans are matched in: Traditional and regional variants to
/// Simplified (OpenCC's character tables), full-width digits, letters, `+` and parentheses to ASCII.
///
/// Only character pairs of equal UTF-8 length are in the table (see Scripts/import-script-fold),
/// and phrase-level conversion is deliberately absent: matching needs a stable key per
/// character, not the best Simplified rendering of a sentence.
struct ScriptFold: Sendable {
    /// BMP scalar → folded scalar, 0 where the character folds to itself.
    let bmp: [UInt16]
    /// One bit per BMP scalar: set where `bmp` is not 0. A line is folded by asking these 8 KB
    /// first: the 128 KB table, read for every character, missed the cache on most of them.
    let bmpFolds: [UInt64]
    let supplementary: [UInt32: UInt32]

    static let shared = ScriptFold()

    private init() {
        var count = 0
        let base = zh_text_data_script_fold(&count)!
        var bmp = [UInt16](repeating: 0, count: 0x10000)
        var supplementary: [UInt32: UInt32] = [:]
        for line in UnsafeBufferPointer(start: base, count: count).split(separator: 0x0A) {
            guard line.first != 0x23 else { continue }
            let scalars = Array(String(decoding: line, as: UTF8.self).unicodeScalars)
            guard scalars.count == 3, scalars[1] == "\t" else { continue }
            let from = scalars[0].value, to = scalars[2].value
            if from < 0x10000, to < 0x10000 { bmp[Int(from)] = UInt16(to) } else { supplementary[from] = to }
        }
        // Full-width digits, letters, + and parentheses fold to ASCII (１＋１＋１０, 河（湖）长制);
        // full-width punctuation such as ，。： stays, as it marks clause edges.
        for c in [0xFF08, 0xFF09, 0xFF0B] + Array(0xFF10...0xFF19) + Array(0xFF21...0xFF3A) + Array(0xFF41...0xFF5A) {
            bmp[c] = UInt16(c - 0xFEE0)
        }
        self.bmp = bmp
        var folds = [UInt64](repeating: 0, count: 0x10000 / 64)
        for c in 0..<0x10000 where bmp[c] != 0 { folds[c >> 6] |= 1 << UInt64(c & 63) }
        self.bmpFolds = folds
        self.supplementary = supplementary
    }

    @inline(__always)
    func fold(_ scalar: UInt32) -> UInt32 {
        if scalar < 0x10000 {
            let folded = bmp[Int(scalar)]
            return folded == 0 ? scalar : UInt32(folded)
        }
        return supplementary[scalar] ?? scalar
    }

    /// `text` folded character by character.
    func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(Unicode.Scalar(fold(scalar.value)) ?? scalar)
        }
        return String(result)
    }
}

import CZhTextData
import Foundation
import ZhTextCore

/// Which characters count as frequent Chinese, and how often each occurs: the evidence every
/// mojibake repair weighs a reading with.
extension MojibakeRepairer {
    /// The 3,755 characters of GB 2312 level 1, decoded once with ICU.
    static let gb2312Level1: Set<UInt32> = {
        var bytes: [UInt8] = []
        for lead in UInt8(0xB0)...0xD7 {
            for trail in UInt8(0xA1)...0xFE where !(lead == 0xD7 && trail > 0xF9) { bytes.append(lead); bytes.append(trail) }
        }
        var result = Set(ICU.decodeScalars(bytes, from: .gbk) ?? [])
        result.remove(0xFFFD)
        return result
    }()

    /// The 5,401 frequent characters of Big5 (level 1), decoded once with ICU.
    static let big5Level1: Set<UInt32> = {
        var bytes: [UInt8] = []
        for lead in UInt8(0xA4)...0xC6 {
            for trail in Array(UInt8(0x40)...0x7E) + Array(UInt8(0xA1)...0xFE) where !(lead == 0xC6 && trail > 0x7E) {
                bytes.append(lead)
                bytes.append(trail)
            }
        }
        var result = Set(ICU.decodeScalars(bytes, from: .big5) ?? [])
        result.remove(0xFFFD)
        return result
    }()

    /// Frequent in either script.
    static let frequent = gb2312Level1.union(big5Level1)

    /// log2(1 + count) of each character in a frequency dictionary of modern Chinese (Unihan's
    /// kHanyuPinlu, 3,799 characters in both scripts), 0 for the rest.
    static let frequencyBits: [Float] = {
        var table = [Float](repeating: 0, count: 0x10000)
        var count = 0
        let base = zh_text_data_char_frequency(&count)!
        forEachHexKeyedLine(in: UnsafeBufferPointer(start: base, count: count)) { scalar, rest in
            var n = 0
            for byte in rest { n = n * 10 + Int(byte - 0x30) }
            if scalar < 0x10000 { table[Int(scalar)] = Float(log2(1 + Double(n))) }
        }
        return table
    }()

    /// A set of BMP characters as one bit each: a load and a mask where a `Set` hashes (the
    /// scores below run over every candidate span of every garbled line).
    static func bitmap(_ set: Set<UInt32>) -> FrequentCharacterBits {
        var bitmap = [UInt64](repeating: 0, count: 0x10000 / 64)
        for v in set where v < 0x10000 { bitmap[Int(v) >> 6] |= 1 << UInt64(v & 63) }
        return FrequentCharacterBits(bitmap)
    }

    static let frequentBitmap = bitmap(frequent)
    static let gb2312Level1Bitmap = bitmap(gb2312Level1)
    static let big5Level1Bitmap = bitmap(big5Level1)

    /// Share of Han scalars that are in `set` (1 when there are none).
    static func chineseScore(_ scalars: some Sequence<Unicode.Scalar>, in set: FrequentCharacterBits = frequentBitmap) -> (score: Double, han: Int) {
        var han = 0, frequentHan = 0
        for scalar in scalars where Tokenizer.kind(of: scalar) == .han {
            han += 1
            if set.contains(scalar.value) { frequentHan += 1 }
        }
        return (han == 0 ? 1 : Double(frequentHan) / Double(han), han)
    }
}

/// A set of BMP characters as one bit each, asked like a `Set<UInt32>` (false above the BMP).
struct FrequentCharacterBits: Sendable {
    let bits: [UInt64]

    init(_ bits: [UInt64]) { self.bits = bits }

    @inline(__always)
    func contains(_ scalar: UInt32) -> Bool {
        scalar < 0x10000 && bits[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0
    }
}

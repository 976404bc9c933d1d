import CZhTextData

/// Unihan's Mandarin readings (toneless, ü written v), loaded once from the embedded table.
final class PinyinReadings: Sendable {
    let syllables: [String]
    let syllableIDs: [String: UInt16]
    let readings: [UInt32: [UInt16]]
    let longestSyllable: Int

    static let shared = PinyinReadings()

    private init() {
        var count = 0
        let base = zh_text_data_pinyin_readings(&count)!
        let bytes = UnsafeBufferPointer(start: base, count: count)
        // The first line lists the syllables (no tab, so the line reader skips it).
        let header = bytes.split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: true).first ?? bytes[...]
        let syllables = header.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
        var readings: [UInt32: [UInt16]] = [:]
        forEachHexKeyedLine(in: bytes) { scalar, rest in
            var ids: [UInt16] = []
            var value: UInt16 = 0
            for byte in rest {
                if byte == 0x2C { ids.append(value); value = 0 } else { value = value * 10 + UInt16(byte - 0x30) }
            }
            ids.append(value)
            readings[scalar] = ids
        }
        self.syllables = syllables
        self.syllableIDs = Dictionary(uniqueKeysWithValues: syllables.enumerated().map { ($1, UInt16($0)) })
        self.readings = readings
        self.longestSyllable = syllables.map(\.count).max() ?? 6
    }

    /// Whether `scalar` has the toneless reading `syllable`.
    func reads(_ scalar: UInt32, as syllable: UInt16) -> Bool {
        readings[scalar]?.contains(syllable) ?? false
    }

    /// Every way of cutting `letters` (toneless, lowercase) into 1…`maximum` syllables.
    func segmentations(of letters: [UInt8], maximum: Int) -> [[UInt16]] {
        var results: [[UInt16]] = []
        var current: [UInt16] = []
        func walk(_ start: Int) {
            if start == letters.count {
                if !current.isEmpty { results.append(current) }
                return
            }
            guard current.count < maximum, results.count < 64 else { return }
            for length in 1...min(longestSyllable, letters.count - start) {
                let piece = String(decoding: letters[start..<(start + length)], as: UTF8.self)
                if let id = syllableIDs[piece] {
                    current.append(id)
                    walk(start + length)
                    current.removeLast()
                }
            }
        }
        walk(0)
        return results
    }
}

import CZhTextData

/// How often one character follows another in news text (Scripts/make-char-bigrams), read in
/// place from the embedded table: the evidence that tells a misread character from a real one
/// where single-character frequencies cannot (更新时间戳, not 更新时间期).
///
/// Lookup: the keys (first character << 16 | second) are sorted, so the pairs of one first
/// character are one run; an index of where each run starts (built once, 256 KB) leaves a
/// binary search over a few dozen keys instead of 18 probes over all of them (the search was a
/// third of the GBK↔Big5 reader's time). No allocation per lookup.
struct BigramModel: @unchecked Sendable {
    let keys: UnsafePointer<UInt32>
    let weights: UnsafePointer<UInt8>
    let count: Int
    /// Per BMP first character, the index of its first key; entry 0x10000 is `count`.
    private let runStarts: UnsafeMutablePointer<UInt32>

    static let simplified = BigramModel(traditional: false)
    static let traditional = BigramModel(traditional: true)

    private init(traditional: Bool) {
        let blob = zh_text_data_bigrams(traditional ? 1 : 0)
        let base = UnsafeRawPointer(blob.bytes!)
        let n = Int(UInt32(littleEndian: base.load(as: UInt32.self)))
        // The table is 16-byte aligned and the keys start at offset 4.
        runStarts = .allocate(capacity: 0x10001)
        guard blob.count == 4 + 5 * n else {
            (keys, weights, count) = (base.advanced(by: 4).assumingMemoryBound(to: UInt32.self),
                                      base.assumingMemoryBound(to: UInt8.self), 0)
            runStarts.initialize(repeating: 0, count: 0x10001)
            return
        }
        keys = base.advanced(by: 4).assumingMemoryBound(to: UInt32.self)
        weights = base.advanced(by: 4 + 4 * n).assumingMemoryBound(to: UInt8.self)
        count = n
        // Each first character's run starts at the first key not below it (keys out of order
        // would only make lookups miss; Scripts/make-char-bigrams writes them sorted).
        var k = 0
        for first in 0...0x10000 {
            while k < n, UInt32(littleEndian: keys[k]) >> 16 < UInt32(first) { k += 1 }
            (runStarts + first).initialize(to: UInt32(k))
        }
    }

    /// log2(1 + count) of the pair `a b`; 0 for a pair never (or once) seen. Any ASCII digit
    /// stands for all ten.
    func weight(_ a: UInt32, _ b: UInt32) -> Float {
        // ASCII digits are one class, "0" (Scripts/make-char-bigrams).
        let a = (0x30...0x39).contains(a) ? 0x30 : a, b = (0x30...0x39).contains(b) ? 0x30 : b
        guard a >= 0x80 || a == 0x30, b >= 0x80 || b == 0x30, a < 0x10000, b < 0x10000 else { return 0 }
        let key = a << 16 | b
        var lo = Int(runStarts[Int(a)]), hi = Int(runStarts[Int(a) + 1])
        while lo < hi {
            let mid = (lo + hi) >> 1
            let k = UInt32(littleEndian: keys[mid])
            if k == key { return Float(weights[mid]) / 8 }
            if k < key { lo = mid + 1 } else { hi = mid }
        }
        return 0
    }
}

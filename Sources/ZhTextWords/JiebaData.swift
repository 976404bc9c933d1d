import CZhTextData
import ZhTextCore

/// jieba 0.42.1's built-in data (Scripts/import-jieba): the dictionary as a core automaton in its
/// prefix-walk layout, used in place in the binary's read-only data, and the HMM of
/// `jieba.finalseg`. Loaded once, on first use.
struct JiebaData: Sendable {
    /// Every word of `dict.txt`; a key's value is its frequency. A trie state that is not a key
    /// is one of jieba's zero-frequency prefixes.
    let dictionary: DictionaryAutomaton
    /// The sum of `dict.txt`'s frequencies, repeated words counted each time, as jieba sums them.
    let total: Int
    let model: HiddenMarkovModel

    static let shared: Result<JiebaData, ZhTextError> = Result { () throws(ZhTextError) -> JiebaData in
        try load(validating: false)
    }

    /// The embedded data; `validating` checks every slot of the automaton (done by a test, not
    /// on every start).
    static func load(validating: Bool) throws(ZhTextError) -> JiebaData {
        let dictionaryBlob = zh_text_data_jieba_dictionary()
        let bytes = UnsafeRawBufferPointer(start: dictionaryBlob.bytes, count: dictionaryBlob.count)
        let dictionary = try DictionaryAutomaton(prefixWalkBytes: bytes, validating: validating)
        guard dictionary.alphabet == .unicodeScalars else {
            throw .corruptAutomatonData(reason: "jieba's dictionary is not over Unicode scalars")
        }
        let modelBlob = zh_text_data_jieba_model()
        let (total, model) = try HiddenMarkovModel.load(UnsafeRawBufferPointer(start: modelBlob.bytes, count: modelBlob.count))
        return JiebaData(dictionary: dictionary, total: total, model: model)
    }
}

/// `jieba.finalseg`'s character HMM: states B, E, M, S (begin, end, middle, single) in that
/// order, which is also the order of their letters, so jieba's tie rule "the larger state
/// letter wins" is "the larger index wins". Log-probabilities are jieba's doubles bit for bit.
struct HiddenMarkovModel: @unchecked Sendable {
    /// jieba's `MIN_FLOAT`, the log-probability of anything it has no entry for.
    static let minimum = -3.14e100
    static let stateCount = 4
    let start: [Double]
    /// `transition[4 * from + to]`.
    let transition: [Double]
    let scalars: UnsafePointer<UInt32>
    let scalarCount: Int
    /// Four emissions (B, E, M, S) per entry of `scalars`.
    let emissions: UnsafePointer<Double>
    /// For each scalar of jieba's Han range (U+4E00–U+9FD5, the only characters the HMM
    /// labels), its row in `emissions` plus one, 0 when it has none: one load instead of a
    /// binary search per character.
    let hanRows: [UInt16]

    /// The emission row of `scalar`, or nil when it has none (every state then emits it with
    /// ``minimum``).
    @inline(__always)
    func emissionRow(_ scalar: UInt32) -> UnsafePointer<Double>? {
        if scalar >= 0x4E00, scalar <= 0x9FD5 {
            let row = Int(hanRows[Int(scalar - 0x4E00)])
            return row == 0 ? nil : emissions + 4 * (row - 1)
        }
        var lo = 0, hi = scalarCount
        while lo < hi {
            let mid = (lo + hi) / 2
            let key = scalars[mid]
            if key == scalar { return emissions + 4 * mid }
            if key < scalar { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    static func load(_ bytes: UnsafeRawBufferPointer) throws(ZhTextError) -> (total: Int, model: HiddenMarkovModel) {
        let headerBytes = 24, tableBytes = 8 * (4 + 16)
        guard let base = bytes.baseAddress, bytes.count >= headerBytes + tableBytes, Int(bitPattern: base) % 8 == 0,
              bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self) == UInt32(littleEndian: 0x424A_485A),  // "ZHJB"
              UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) == 1
        else { throw .corruptAutomatonData(reason: "jieba's model table has a bad header") }
        let total = Int(Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: Int64.self)))
        let count = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self)))
        let scalarBytes = (4 * count + 7) / 8 * 8
        guard total > 0, headerBytes + tableBytes + scalarBytes + 32 * count == bytes.count else {
            throw .corruptAutomatonData(reason: "jieba's model table has \(bytes.count) bytes for \(count) characters")
        }
        func double(_ index: Int) -> Double {
            Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: headerBytes + 8 * index, as: UInt64.self)))
        }
        let scalars = (base + headerBytes + tableBytes).assumingMemoryBound(to: UInt32.self)
        for i in 1..<max(count, 1) where scalars[i - 1] >= scalars[i] {
            throw .corruptAutomatonData(reason: "jieba's HMM characters are not sorted at \(i)")
        }
        var hanRows = [UInt16](repeating: 0, count: 0x9FD5 - 0x4E00 + 1)
        guard count < Int(UInt16.max) else { throw .corruptAutomatonData(reason: "jieba's HMM has \(count) characters") }
        for i in 0..<count where scalars[i] >= 0x4E00 && scalars[i] <= 0x9FD5 {
            hanRows[Int(scalars[i] - 0x4E00)] = UInt16(i + 1)
        }
        let model = HiddenMarkovModel(
            start: (0..<4).map(double), transition: (4..<20).map(double),
            scalars: scalars, scalarCount: count,
            emissions: (base + headerBytes + tableBytes + scalarBytes).assumingMemoryBound(to: Double.self),
            hanRows: hanRows)
        return (total, model)
    }
}

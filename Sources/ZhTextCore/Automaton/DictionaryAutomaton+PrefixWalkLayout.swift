/// A second serialised layout for large word lists that are only walked prefix by prefix (the
/// word segmenter's DAG): per slot the base word (with its key flag) and the value, then the
/// label array the walk tests. No parent words, failure links or match info, so jieba's 730,000
/// slots take 7 MB instead of 18, are used in place without building anything at load, and a
/// walk touches only what it reads.
///
/// Layout (little-endian): magic `ZHDW`, version, slot count, key count, alphabet, code pair
/// count, label count; bases (Int32 × slots); values (Int32 × slots); labels (UInt16 × label
/// count, padded to 4 bytes); the (scalar, code) pairs of the scalar alphabet.
extension DictionaryAutomaton {
    static let prefixWalkMagic: Int32 = 0x5744_485A  // "ZHDW"
    static let prefixWalkVersion: Int32 = 1
    static let prefixWalkHeaderWords = 7

    /// The automaton in the prefix-walk layout, for an import script to commit and embed.
    @_spi(ZhTextImport)
    public func serializedForPrefixWalks() -> [UInt8] {
        precondition(supportsSearch, "already in the prefix-walk layout")
        let slots = storage.slotCount, labels = storage.labelCount
        var words: [Int32] = [Self.prefixWalkMagic, Self.prefixWalkVersion, Int32(slots), Int32(storage.keyCount),
                              storage.alphabet.rawValue, Int32(storage.codePairs.count), Int32(labels)]
        words += UnsafeBufferPointer(start: storage.bases!, count: slots)
        words += (0..<slots).map { storage.info[3 * $0] }
        var bytes = words.flatMap(Self.littleEndianBytes)
        for i in 0..<labels {
            let label = storage.labels![i]
            bytes += [UInt8(label & 0xFF), UInt8(label >> 8)]
        }
        if labels % 2 == 1 { bytes += [0, 0] }
        for (scalar, code) in storage.codePairs {
            bytes += Self.littleEndianBytes(Int32(bitPattern: scalar)) + Self.littleEndianBytes(Int32(bitPattern: code))
        }
        return bytes
    }

    static func littleEndianBytes(_ word: Int32) -> [UInt8] {
        let v = UInt32(bitPattern: word)
        return [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }

    /// Uses prefix-walk bytes in place (4-byte aligned, valid for the life of the process,
    /// little-endian host). With `validating`, every base and label is checked so that no walk
    /// can leave the arrays, whatever the bytes; without, the bytes must be an import script's
    /// output that a test has loaded with validation.
    package init(prefixWalkBytes bytes: UnsafeRawBufferPointer, validating: Bool) throws(ZhTextError) {
        guard let base = bytes.baseAddress, Int(bitPattern: base) % 4 == 0 else {
            throw .corruptAutomatonData(reason: "static bytes are not 4-byte aligned")
        }
        guard 1.littleEndian == 1 else { throw .corruptAutomatonData(reason: "big-endian host") }
        guard bytes.count >= 4 * Self.prefixWalkHeaderWords else { throw .corruptAutomatonData(reason: "shorter than the header") }
        let words = base.assumingMemoryBound(to: Int32.self)
        guard words[0] == Self.prefixWalkMagic else { throw .corruptAutomatonData(reason: "not a prefix-walk automaton (bad magic)") }
        guard words[1] == Self.prefixWalkVersion else {
            throw .corruptAutomatonData(reason: "prefix-walk version \(words[1]), expected \(Self.prefixWalkVersion)")
        }
        let slots = Int(words[2]), keys = Int(words[3]), pairCount = Int(words[5]), labelCount = Int(words[6])
        guard let alphabet = Alphabet(rawValue: words[4]) else { throw .corruptAutomatonData(reason: "unknown alphabet") }
        guard slots >= 1, keys >= 0, pairCount >= 0, pairCount < 65_535, labelCount >= slots, labelCount < 1 << 30 else {
            throw .corruptAutomatonData(reason: "bad counts")
        }
        let labelBytes = (2 * labelCount + 3) / 4 * 4
        let expected = 4 * Self.prefixWalkHeaderWords + 8 * slots + labelBytes + 8 * pairCount
        guard bytes.count == expected else {
            throw .corruptAutomatonData(reason: "\(bytes.count) bytes, expected \(expected) for \(slots) slots")
        }
        let bases = words + Self.prefixWalkHeaderWords
        let values = bases + slots
        let labels = UnsafeRawPointer(values + slots).assumingMemoryBound(to: UInt16.self)
        let pairWords = UnsafeRawPointer(labels).advanced(by: labelBytes).assumingMemoryBound(to: Int32.self)
        let pairs = (0..<pairCount).map { k in
            (scalar: UInt32(bitPattern: pairWords[2 * k]), code: UInt32(bitPattern: pairWords[2 * k + 1]))
        }
        if validating {
            let maxSymbol = alphabet == .bytes ? 255 : pairCount
            var previous: UInt32? = nil
            for (scalar, code) in pairs {
                guard scalar <= 0x10FFFF, code >= 1, code <= UInt32(pairCount), previous.map({ $0 < scalar }) ?? true else {
                    throw .corruptAutomatonData(reason: "bad scalar code pair (\(scalar), \(code))")
                }
                previous = scalar
            }
            // A walk reads labels[base + symbol] and, where the label matches, bases and values at
            // that index: so every base must leave room for every symbol, and every labelled
            // index must be a slot.
            for slot in 0..<slots where Int(bases[slot] & Self.baseMask) + maxSymbol >= labelCount {
                throw .corruptAutomatonData(reason: "slot \(slot): base beyond the labels")
            }
            for i in 0..<labelCount where labels[i] != 0 {
                guard i < slots, Int(labels[i]) <= maxSymbol + 1 else {
                    throw .corruptAutomatonData(reason: "label \(i) names no slot")
                }
            }
        }
        let storage = Storage(slotCount: slots, keyCount: keys, staticBases: bases, staticValues: values,
                              staticLabels: labels, labelCount: labelCount)
        storage.setAlphabet(alphabet, codeMap: pairs)
        self.init(storage: storage)
    }
}

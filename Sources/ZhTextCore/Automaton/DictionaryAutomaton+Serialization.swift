extension DictionaryAutomaton {
    static let magic: Int32 = 0x5A48_4441  // "ZHDA"
    /// Version 4: every inner state has its own base (what the symbol-only transition test needs).
    static let formatVersion: Int32 = 4
    static let headerWords = 6

    /// The automaton as bytes (little-endian `Int32` words), for committing or embedding.
    ///
    /// Layout: magic `ZHDA`, format version, slot count, key count, alphabet, code pair count;
    /// then per slot (base | match flag, check, fail); then per slot (value, match value, match
    /// length); then the (scalar, code) pairs of the scalar alphabet.
    public func serialized() -> [UInt8] {
        precondition(supportsSearch, "the prefix-walk layout is written by serializedForPrefixWalks()")
        let slots = storage.slotCount
        let pairs = storage.codePairs
        var words: [Int32] = [Self.magic, Self.formatVersion, Int32(slots), Int32(storage.keyCount),
                              storage.alphabet.rawValue, Int32(pairs.count)]
        words.reserveCapacity(Self.headerWords + slots * 6 + pairs.count * 2)
        words.append(contentsOf: UnsafeBufferPointer(start: storage.units, count: slots * 3))
        words.append(contentsOf: UnsafeBufferPointer(start: storage.info, count: slots * 3))
        for (scalar, code) in pairs { words += [Int32(bitPattern: scalar), Int32(bitPattern: code)] }
        return words.flatMap { word -> [UInt8] in
            let v = UInt32(bitPattern: word.littleEndian)
            return [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
        }
    }

    /// Loads an automaton from ``serialized()`` bytes, copying them. Validates every index,
    /// so corrupt or truncated bytes throw ``ZhTextError/corruptAutomatonData(reason:)``
    /// instead of crashing a later search.
    public init(serialized bytes: some Collection<UInt8>) throws(ZhTextError) {
        let array = Array(bytes)
        let header = try Self.readHeader(array.count, array.withUnsafeBytes { Array($0.prefix(4 * Self.headerWords)) })
        let slots = header.slots
        let storage = Storage(slotCount: slots, keyCount: header.keys)
        let pairs: [(scalar: UInt32, code: UInt32)] = array.withUnsafeBytes { raw in
            func word(_ index: Int) -> Int32 {
                Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * (Self.headerWords + index), as: Int32.self))
            }
            for i in 0..<(slots * 3) { storage.units[i] = word(i) }
            for i in 0..<(slots * 3) { storage.info[i] = word(slots * 3 + i) }
            return (0..<header.pairs).map { k in
                (UInt32(bitPattern: word(slots * 6 + 2 * k)), UInt32(bitPattern: word(slots * 6 + 2 * k + 1)))
            }
        }
        try Self.validate(storage, alphabet: header.alphabet, pairs: pairs)
        storage.setAlphabet(header.alphabet, codeMap: pairs)
        self.init(storage: storage)
    }

    /// Uses serialised bytes in place, without copying: for tables embedded in the binary.
    ///
    /// The bytes must be 4-byte aligned, stay valid for the life of the process, and the
    /// host must be little-endian. They are validated as in ``init(serialized:)``.
    public init(unsafeStaticBytes bytes: UnsafeRawBufferPointer) throws(ZhTextError) {
        guard let base = bytes.baseAddress, Int(bitPattern: base) % 4 == 0 else {
            throw .corruptAutomatonData(reason: "static bytes are not 4-byte aligned")
        }
        guard 1.littleEndian == 1 else { throw .corruptAutomatonData(reason: "big-endian host") }
        let header = try Self.readHeader(bytes.count, Array(bytes.prefix(4 * Self.headerWords)))
        let slots = header.slots
        let words = base.assumingMemoryBound(to: Int32.self)
        let storage = Storage(
            slotCount: slots, keyCount: header.keys,
            staticUnits: words + Self.headerWords,
            staticInfo: words + Self.headerWords + slots * 3)
        let pairWords = words + Self.headerWords + slots * 6
        let pairs = (0..<header.pairs).map { k in
            (scalar: UInt32(bitPattern: Int32(littleEndian: pairWords[2 * k])),
             code: UInt32(bitPattern: Int32(littleEndian: pairWords[2 * k + 1])))
        }
        try Self.validate(storage, alphabet: header.alphabet, pairs: pairs)
        storage.setAlphabet(header.alphabet, codeMap: pairs)
        self.init(storage: storage)
    }

    private static func readHeader(_ count: Int, _ header: [UInt8]) throws(ZhTextError)
        -> (slots: Int, keys: Int, alphabet: Alphabet, pairs: Int)
    {
        guard count >= 4 * headerWords, header.count >= 4 * headerWords else {
            throw .corruptAutomatonData(reason: "shorter than the header")
        }
        func word(_ i: Int) -> Int32 {
            Int32(bitPattern: UInt32(header[4 * i]) | UInt32(header[4 * i + 1]) << 8
                | UInt32(header[4 * i + 2]) << 16 | UInt32(header[4 * i + 3]) << 24)
        }
        guard word(0) == magic else { throw .corruptAutomatonData(reason: "not a ZhText automaton (bad magic)") }
        guard word(1) == formatVersion else {
            throw .corruptAutomatonData(reason: "format version \(word(1)), expected \(formatVersion)")
        }
        let slots = Int(word(2)), keys = Int(word(3)), pairs = Int(word(5))
        guard let alphabet = Alphabet(rawValue: word(4)) else { throw .corruptAutomatonData(reason: "unknown alphabet") }
        guard slots >= 1, keys >= 0, pairs >= 0, pairs < 65_535 else { throw .corruptAutomatonData(reason: "bad counts") }
        let expected = 4 * headerWords + slots * 24 + pairs * 8
        guard count == expected else {
            throw .corruptAutomatonData(reason: "\(count) bytes, expected \(expected) for \(slots) slots")
        }
        return (slots, keys, alphabet, pairs)
    }

    /// Checks that every transition stays in bounds and every failure link leads to a
    /// shallower state, so that no search can crash or loop.
    static func validate(
        _ storage: Storage, alphabet: Alphabet, pairs: [(scalar: UInt32, code: UInt32)]
    ) throws(ZhTextError) {
        let n = storage.slotCount
        if alphabet == .bytes, !pairs.isEmpty { throw .corruptAutomatonData(reason: "code pairs for a byte alphabet") }
        var previous: UInt32? = nil
        for (scalar, code) in pairs {
            guard scalar <= 0x10FFFF, code >= 1, code <= UInt32(pairs.count), previous.map({ $0 < scalar }) ?? true else {
                throw .corruptAutomatonData(reason: "bad scalar code pair (\(scalar), \(code))")
            }
            previous = scalar
        }
        let maxSymbol = alphabet == .bytes ? 255 : pairs.count
        let maxWidth: Int32 = alphabet == .bytes ? 1 : 4
        let unit = storage.units, info = storage.info
        func base(_ slot: Int) -> Int { Int(unit[3 * slot] & baseMask) }
        guard unit[1] == -2 else { throw .corruptAutomatonData(reason: "slot 0 is not the root") }
        var depth = [Int32](repeating: -1, count: n)
        depth[0] = 0
        var stack: [Int] = []
        for slot in 1..<n {
            let parent = unit[3 * slot + 1]
            guard parent >= -1, parent < Int32(n), parent != Int32(slot) else {
                throw .corruptAutomatonData(reason: "slot \(slot): bad parent \(parent)")
            }
            if parent >= 0 {
                let symbolValue = slot - base(Int(parent))
                guard (0...maxSymbol).contains(symbolValue) else {
                    throw .corruptAutomatonData(reason: "slot \(slot) is not a child of its parent \(parent)")
                }
            }
        }
        // Every slot's base, used or not, is bounded by the data's own size: the search arrays
        // are sized by the largest base, so one corrupt word must not ask for gigabytes.
        let baseLimit = n + maxSymbol + 2
        for slot in 0..<n where base(slot) >= baseLimit {
            throw .corruptAutomatonData(reason: "slot \(slot): base \(base(slot)) beyond \(baseLimit)")
        }
        // Inner states (those with children, base ≥ 1) must not share a base: the search tests a
        // transition by its symbol alone, which is sound only then.
        var baseTaken = [Bool](repeating: false, count: baseLimit)
        for slot in 0..<n where slot == 0 || unit[3 * slot + 1] >= 0 {
            let b = base(slot)
            guard b != 0 else { continue }
            guard b < baseTaken.count else { throw .corruptAutomatonData(reason: "slot \(slot): base \(b) out of range") }
            guard !baseTaken[b] else { throw .corruptAutomatonData(reason: "slot \(slot): base \(b) shared with another state") }
            baseTaken[b] = true
        }
        // Depths, resolving parents iteratively; a cycle shows as a chain longer than n.
        for slot in 1..<n where unit[3 * slot + 1] >= 0 && depth[slot] < 0 {
            var s = slot
            while depth[s] < 0 {
                let parent = unit[3 * s + 1]
                guard parent >= 0, stack.count <= n else { throw .corruptAutomatonData(reason: "slot \(slot): detached") }
                stack.append(s)
                s = Int(parent)
            }
            var d = depth[s]
            while let t = stack.popLast() {
                d += 1
                depth[t] = d
            }
        }
        for slot in 0..<n where depth[slot] >= 0 {
            let fail = unit[3 * slot + 2]
            if fail != dead {
                guard fail >= 0, fail < Int32(n), depth[Int(fail)] >= 0, slot == 0 || depth[Int(fail)] < depth[slot] else {
                    throw .corruptAutomatonData(reason: "slot \(slot): bad failure link \(fail)")
                }
            }
            let length = info[3 * slot + 2]
            guard length >= 0, length <= depth[slot] * maxWidth, (length > 0) == (unit[3 * slot] < 0) else {
                throw .corruptAutomatonData(reason: "slot \(slot): match length \(length) beyond depth \(depth[slot])")
            }
        }
    }
}

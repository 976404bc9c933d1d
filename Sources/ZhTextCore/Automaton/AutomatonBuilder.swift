/// Collects (key, value) pairs, validates them and builds an immutable ``DictionaryAutomaton``.
///
/// Keys are byte strings (normally UTF-8); values are non-negative `Int32` payloads that
/// the caller interprets (an index into its own table, for example).
///
/// ```swift
/// var builder = AutomatonBuilder()
/// builder.add("绿水青山", value: 0)
/// builder.add("绿水青山就是金山银山", value: 1)
/// let automaton = try builder.build()
/// ```
///
/// Build cost: O(K log K) to sort K keys plus a near-linear placement of the trie's states
/// into the double array (about 10 ms for 10,000 Chinese words on this project's CI machine).
public struct AutomatonBuilder: Sendable {
    /// What to do when the same key is added twice with different values.
    public enum DuplicateKeyPolicy: Sendable {
        /// Fail with ``ZhTextError/invalidKey(index:reason:)``.
        case reject
        /// Keep the value added first.
        case keepFirst
        /// Keep the value added last (the way later dictionaries override earlier ones).
        case keepLast
    }

    var bytes: [UInt8] = []
    var keys: [(offset: Int32, length: Int32, value: Int32)] = []
    let duplicateKeys: DuplicateKeyPolicy
    let alphabet: DictionaryAutomaton.Alphabet

    /// Creates an empty builder.
    ///
    /// - Parameter duplicateKeys: what to do with a key added twice (see ``DuplicateKeyPolicy``).
    /// - Parameter alphabet: what one transition consumes. `.bytes` accepts any keys;
    ///   `.unicodeScalars` needs UTF-8 keys and gives a smaller, faster automaton for CJK text
    ///   (one transition per character instead of three).
    public init(duplicateKeys: DuplicateKeyPolicy = .reject, alphabet: DictionaryAutomaton.Alphabet = .bytes) {
        self.duplicateKeys = duplicateKeys
        self.alphabet = alphabet
    }

    /// The number of keys added so far (duplicates included).
    public var count: Int { keys.count }

    /// Adds `key` (its UTF-8 bytes) with `value`.
    public mutating func add(_ key: String, value: Int32) {
        add(bytes: key.utf8, value: value)
    }

    /// Adds a key given as bytes with `value`.
    public mutating func add(bytes key: some Sequence<UInt8>, value: Int32) {
        let offset = bytes.count
        bytes.append(contentsOf: key)
        keys.append((Int32(truncatingIfNeeded: offset), Int32(truncatingIfNeeded: bytes.count - offset), value))
    }

    /// Validates the keys and builds the automaton.
    ///
    /// Fails on an empty key, a negative value, a key longer than 65,535 bytes, more than
    /// 2^31 bytes in all, or (with ``DuplicateKeyPolicy/reject``) a key repeated with a
    /// different value.
    public func build() throws(ZhTextError) -> DictionaryAutomaton {
        guard bytes.count < Int(Int32.max) else {
            throw .inputTooLarge(byteCount: bytes.count, limit: Int(Int32.max))
        }
        for (index, key) in keys.enumerated() {
            if key.length == 0 { throw .invalidKey(index: index, reason: "empty key") }
            if key.length > 65_535 { throw .invalidKey(index: index, reason: "key longer than 65,535 bytes") }
            if key.value < 0 { throw .invalidKey(index: index, reason: "negative value \(key.value)") }
        }
        let sorted = try sortedUniqueKeys()
        // Symbols: bytes, or scalars renumbered 1…K by frequency in the keys (0 means "in no key").
        var symbols: [UInt32] = []
        var widths: [UInt8] = []
        var symbolKeys: [(offset: Int32, length: Int32, value: Int32)] = []
        var codeMap: [(scalar: UInt32, code: UInt32)] = []
        switch alphabet {
        case .bytes:
            for key in sorted {
                let offset = Int32(symbols.count)
                for i in 0..<Int(key.length) {
                    symbols.append(UInt32(bytes[Int(key.offset) + i]))
                    widths.append(1)
                }
                symbolKeys.append((offset, key.length, key.value))
            }
        case .unicodeScalars:
            var frequency: [UInt32: Int] = [:]
            var decoded: [[Unicode.Scalar]] = []
            for (index, key) in sorted.enumerated() {
                let slice = bytes[Int(key.offset)..<Int(key.offset + key.length)]
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw .invalidKey(index: index, reason: "not valid UTF-8 (needed for the scalar alphabet)")
                }
                let scalars = Array(text.unicodeScalars)
                for scalar in scalars { frequency[scalar.value, default: 0] += 1 }
                decoded.append(scalars)
            }
            guard frequency.count < 65_535 else {
                throw .invalidKey(index: 0, reason: "more than 65,534 distinct scalars in the keys")
            }
            let ranked = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            var code: [UInt32: UInt32] = [:]
            for (rank, entry) in ranked.enumerated() { code[entry.key] = UInt32(rank + 1) }
            codeMap = code.map { ($0.key, $0.value) }.sorted { $0.scalar < $1.scalar }
            for (key, scalars) in zip(sorted, decoded) {
                let offset = Int32(symbols.count)
                for scalar in scalars {
                    symbols.append(code[scalar.value]!)
                    widths.append(UInt8(UTF8.width(scalar)))
                }
                symbolKeys.append((offset, Int32(scalars.count), key.value))
            }
        }
        var placement = DoubleArrayPlacement(
            symbols: symbols, widths: widths, keys: symbolKeys,
            alphabetSize: alphabet == .bytes ? 256 : codeMap.count + 1)
        return placement.build(alphabet: alphabet, codeMap: codeMap)
    }

    /// Key indices sorted by bytes, duplicates resolved by the policy.
    private func sortedUniqueKeys() throws(ZhTextError) -> [(offset: Int32, length: Int32, value: Int32)] {
        let order: [Int] = bytes.withUnsafeBufferPointer { pool in
            Array(keys.indices).sorted { a, b in
                let ka = keys[a], kb = keys[b]
                let common = Int(min(ka.length, kb.length))
                let c = memcompare(pool.baseAddress! + Int(ka.offset), pool.baseAddress! + Int(kb.offset), common)
                if c != 0 { return c < 0 }
                if ka.length != kb.length { return ka.length < kb.length }
                return a < b  // stable: insertion order among equal keys
            }
        }
        var result: [(offset: Int32, length: Int32, value: Int32)] = []
        result.reserveCapacity(order.count)
        var previous: Int? = nil
        for index in order {
            let key = keys[index]
            if let p = previous, equalKeys(keys[p], key) {
                switch duplicateKeys {
                case .reject:
                    if keys[p].value != key.value {
                        throw .invalidKey(index: index, reason: "duplicate key with another value (first added as #\(p))")
                    }
                case .keepFirst:
                    break
                case .keepLast:
                    result[result.count - 1] = key
                }
                continue
            }
            result.append(key)
            previous = index
        }
        return result
    }

    private func equalKeys(_ a: (offset: Int32, length: Int32, value: Int32), _ b: (offset: Int32, length: Int32, value: Int32)) -> Bool {
        guard a.length == b.length else { return false }
        return bytes.withUnsafeBufferPointer { pool in
            memcompare(pool.baseAddress! + Int(a.offset), pool.baseAddress! + Int(b.offset), Int(a.length)) == 0
        }
    }
}

@inline(__always)
func memcompare(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Int {
    var i = 0
    while i < count {
        let x = a[i], y = b[i]
        if x != y { return x < y ? -1 : 1 }
        i += 1
    }
    return 0
}

/// Places a sorted key set into base/check arrays breadth-first, then fills in the
/// leftmost-longest Aho-Corasick failure links. Keys are sequences of symbols (bytes, or
/// scalar codes); `widths` gives each symbol's UTF-8 length so that match lengths are in bytes.
struct DoubleArrayPlacement {
    let symbols: [UInt32]
    let widths: [UInt8]
    let keys: [(offset: Int32, length: Int32, value: Int32)]
    let alphabetSize: Int

    var base: [Int32] = []
    var check: [Int32] = []
    var value: [Int32] = []
    /// Length in bytes of the key prefix a slot stands for.
    var byteDepth: [Int32] = []
    /// Bases already given to a state: each inner state gets its own, which lets a search test
    /// a transition by its symbol alone (see `DictionaryAutomaton.Storage.labels`).
    var baseTaken: [Bool] = []
    /// (parent, symbol, child) in breadth-first order: a child always comes after its parent.
    var edges: [(parent: Int32, symbol: UInt32, child: Int32)] = []
    var nextCheckPosition = 1
    var maxUsed = 0
    /// Per slot, itself when free, else a slot after it that leads (through more such links) to
    /// the first free slot after it: a union-find "next free slot" with path compression, so
    /// that a base search jumps over occupied runs. Stepping over them one by one made placement
    /// quadratic in the states for long keys (64 keys of 100 random bytes: 0.1 s).
    var nextFreeLink: [Int32] = []

    init(symbols: [UInt32], widths: [UInt8], keys: [(offset: Int32, length: Int32, value: Int32)], alphabetSize: Int) {
        self.symbols = symbols
        self.widths = widths
        self.keys = keys
        self.alphabetSize = alphabetSize
    }

    mutating func grow(to size: Int) {
        guard size > base.count else { return }
        let newSize = max(size, base.count * 3 / 2, 1024)
        base.append(contentsOf: repeatElement(0, count: newSize - base.count))
        check.append(contentsOf: repeatElement(-1, count: newSize - check.count))
        value.append(contentsOf: repeatElement(-1, count: newSize - value.count))
        byteDepth.append(contentsOf: repeatElement(0, count: newSize - byteDepth.count))
        baseTaken.append(contentsOf: repeatElement(false, count: newSize - baseTaken.count))
        nextFreeLink.append(contentsOf: (nextFreeLink.count..<newSize).lazy.map { Int32($0) })
    }

    /// The first free slot at or after `slot`.
    mutating func firstFree(from slot: Int) -> Int {
        var root = slot
        while root < nextFreeLink.count, Int(nextFreeLink[root]) != root { root = Int(nextFreeLink[root]) }
        var s = slot
        while s < nextFreeLink.count, Int(nextFreeLink[s]) != s {
            let next = Int(nextFreeLink[s])
            nextFreeLink[s] = Int32(root)
            s = next
        }
        return root
    }

    /// Marks `slot` used for the next-free links.
    mutating func occupy(_ slot: Int) {
        nextFreeLink[slot] = Int32(slot + 1)
    }

    @inline(__always) func symbol(_ key: Int, _ depth: Int) -> UInt32 {
        symbols[Int(keys[key].offset) + depth]
    }

    /// The smallest base at which every child symbol lands on a free slot, searching from
    /// `nextCheckPosition`, which moves on past regions that are nearly full. Free slots are
    /// found through `nextFreeLink`, so occupied runs cost nothing.
    mutating func findBase(_ children: [UInt32]) -> Int {
        let first = Int(children[0])
        let start = max(nextCheckPosition, first + 1)
        grow(to: start + 1)
        var position = firstFree(from: start)
        // Occupied slots passed since `start`; the first free one seen becomes the next start.
        var occupied = position - start
        nextCheckPosition = position
        while true {
            grow(to: position + alphabetSize + 1)
            let candidate = position - first
            var fits = !baseTaken[candidate]
            if fits {
                for c in children.dropFirst() where check[candidate + Int(c)] != -1 {
                    fits = false
                    break
                }
            }
            if fits {
                // Skip over regions that are nearly full so later searches start further on.
                if occupied * 20 > (position - nextCheckPosition + 1) * 19 { nextCheckPosition = position }
                return candidate
            }
            let next = firstFree(from: position + 1)
            occupied += next - position - 1
            position = next
        }
    }

    mutating func build(alphabet: DictionaryAutomaton.Alphabet, codeMap: [(scalar: UInt32, code: UInt32)]) -> DictionaryAutomaton {
        grow(to: 1024)
        check[0] = -2  // the root: used, and never anyone's child
        occupy(0)
        var queue: [(slot: Int32, lo: Int32, hi: Int32, depth: Int32)] = [(0, 0, Int32(keys.count), 0)]
        var head = 0
        var children: [UInt32] = []
        var ranges: [(lo: Int32, hi: Int32)] = []
        while head < queue.count {
            let (slot, lo, hi, depth) = queue[head]
            head += 1
            var k = Int(lo)
            if k < Int(hi), keys[k].length == depth {
                value[Int(slot)] = keys[k].value
                k += 1
            }
            children.removeAll(keepingCapacity: true)
            ranges.removeAll(keepingCapacity: true)
            while k < Int(hi) {
                let c = symbol(k, Int(depth))
                let start = k
                k += 1
                while k < Int(hi), symbol(k, Int(depth)) == c { k += 1 }
                children.append(c)
                ranges.append((Int32(start), Int32(k)))
            }
            guard !children.isEmpty else { continue }
            let b = findBase(children)
            base[Int(slot)] = Int32(b)
            baseTaken[b] = true
            for (c, range) in zip(children, ranges) {
                let child = b + Int(c)
                check[child] = slot
                occupy(child)
                byteDepth[child] = byteDepth[Int(slot)] + Int32(widths[Int(keys[Int(range.lo)].offset) + Int(depth)])
                maxUsed = max(maxUsed, child)
                edges.append((slot, c, Int32(child)))
                queue.append((Int32(child), range.lo, range.hi, depth + 1))
            }
        }
        let size = max(maxUsed + 1, alphabetSize + 1)
        return makeAutomaton(slotCount: size, alphabet: alphabet, codeMap: codeMap)
    }

    /// Fills the flat arrays; see ``DictionaryAutomaton/Storage`` for the layout.
    mutating func makeAutomaton(
        slotCount: Int, alphabet: DictionaryAutomaton.Alphabet, codeMap: [(scalar: UInt32, code: UInt32)]
    ) -> DictionaryAutomaton {
        let storage = DictionaryAutomaton.Storage(slotCount: slotCount, keyCount: keys.count)
        let unit = storage.units
        let info = storage.info
        for i in 0..<slotCount {
            unit[3 * i] = i < base.count ? base[i] : 0
            unit[3 * i + 1] = i < check.count ? check[i] : -1
            unit[3 * i + 2] = 0                              // fail: root
            info[3 * i] = i < value.count ? value[i] : -1    // own value
            info[3 * i + 1] = -1                             // first match value
            info[3 * i + 2] = 0                              // first match length in bytes
        }
        let dead = DictionaryAutomaton.dead
        for edge in edges {
            let s = Int(edge.parent), t = Int(edge.child)
            let ownValue = info[3 * t]
            if ownValue >= 0 {
                // Leftmost semantics: once a match is seen, no failure may lead to a later start.
                unit[3 * t + 2] = dead
                info[3 * t + 1] = ownValue
                info[3 * t + 2] = byteDepth[t]
                continue
            }
            var fail: Int32
            if s == 0 {
                fail = 0
            } else {
                var f = unit[3 * s + 2]
                while true {
                    if f == dead { fail = dead; break }
                    let next = Int(unit[3 * Int(f)]) + Int(edge.symbol)
                    if next < slotCount, unit[3 * next + 1] == f {
                        fail = Int32(next)
                        break
                    }
                    if f == 0 { fail = 0; break }
                    f = unit[3 * Int(f) + 2]
                }
            }
            unit[3 * t + 2] = fail
            if fail > 0, info[3 * Int(fail) + 1] >= 0 {
                info[3 * t + 1] = info[3 * Int(fail) + 1]
                info[3 * t + 2] = info[3 * Int(fail) + 2]
            }
        }
        // Mark states that report a match in the base's sign bit, so the search loop learns it
        // without touching the second array.
        for i in 0..<slotCount where info[3 * i + 2] > 0 {
            unit[3 * i] |= DictionaryAutomaton.matchFlag
        }
        storage.setAlphabet(alphabet, codeMap: codeMap)
        return DictionaryAutomaton(storage: storage)
    }
}

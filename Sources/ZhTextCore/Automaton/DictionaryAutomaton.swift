/// An immutable double-array trie with leftmost-longest Aho-Corasick failure links.
///
/// One structure serves every dictionary in ZhText: conversion tables (longest prefix at a
/// position), slogan lexicons and word lists (leftmost-longest search over a whole text).
/// Build one with ``AutomatonBuilder``, or load a serialised one (for example bytes embedded
/// in a C target) with ``init(serialized:)`` or without copying via ``init(unsafeStaticBytes:)``.
///
/// Transitions consume either bytes or Unicode scalars (see ``Alphabet``); either way positions
/// and match ranges are UTF-8 byte offsets, and a UTF-8 key matches only at character boundaries.
///
/// ## Cost
/// - Memory: 34 bytes per double-array slot (slots ≈ trie states × 1.0–1.2), plus 128 KB for
///   the scalar alphabet's code table: about 2 MB for 10,000 Chinese words with bytes, or
///   0.9 MB with scalars. A search reads 10 bytes per slot, in three dense arrays.
/// - ``longestPrefix(in:at:)``: O(key length), two loads per transition.
/// - `forEachLeftmostLongestMatch(in:_:)` (bytes, strings or scalars): O(n) in the text length, allocation-free;
///   a byte (or a character) costs one transition in the common case.
public struct DictionaryAutomaton: Sendable {
    /// What one transition consumes.
    public enum Alphabet: Int32, Sendable, Hashable {
        /// One byte: any keys, 256 symbols.
        case bytes = 0
        /// One Unicode scalar of UTF-8 text, renumbered by frequency in the keys: about three
        /// times fewer transitions and states for Chinese. Invalid bytes in a searched text
        /// simply match nothing.
        case unicodeScalars = 1
    }

    /// A match found in a text.
    public struct Match: Sendable, Hashable {
        /// The matched key's range in UTF-8 bytes of the text.
        public var utf8Range: Range<Int>
        /// The value stored with the key.
        public var value: Int32

        /// Creates a match.
        public init(utf8Range: Range<Int>, value: Int32) {
            self.utf8Range = utf8Range
            self.value = value
        }
    }

    static let dead: Int32 = -1
    /// Set in a unit's base word when the state reports a match.
    static let matchFlag: Int32 = Int32(bitPattern: 0x8000_0000)
    static let baseMask: Int32 = 0x7FFF_FFFF

    /// Flat storage. `units` holds, per slot, (base | match flag, check = parent slot, failure
    /// link); `labels` repeats each slot's incoming symbol in 2 bytes for the search loops. `info` holds what a match needs:
    /// (own value, first match value, first match length in bytes). With the scalar alphabet,
    /// `bmpCodes` maps U+0000–U+FFFF to symbol codes (0: in no key) and `otherCodes` the rest.
    final class Storage: @unchecked Sendable {
        let slotCount: Int
        let keyCount: Int
        let units: UnsafeMutablePointer<Int32>
        let info: UnsafeMutablePointer<Int32>
        private let ownsMemory: Bool
        private(set) var alphabet: Alphabet = .bytes
        private(set) var bmpCodes: UnsafeMutablePointer<UInt16>? = nil
        /// One bit per U+0000–U+FFFF: set where the scalar starts a key (a child of the root).
        /// A scalar search at the root asks it first: most characters of a text start no key,
        /// and the bit answers from 8 KB without the codes, bases and labels.
        private(set) var bmpRootStarts: UnsafeMutablePointer<UInt64>? = nil
        /// Scalars above U+FFFF as sorted (scalar << 16 | code) words, for a binary search.
        private(set) var otherCodes: UnsafeMutablePointer<UInt64>? = nil
        private(set) var otherCodeCount = 0
        private(set) var symbolCount = 256
        /// The scalar → code pairs, sorted by scalar (kept for serialisation).
        private(set) var codePairs: [(scalar: UInt32, code: UInt32)] = []
        /// Per symbol, the value of the one-symbol key it forms when no longer key starts with it
        /// (a leaf below the root), else -1: the search reports those without walking the trie.
        private(set) var rootLeaves: UnsafeMutablePointer<Int32>? = nil
        /// Per slot, the symbol of the edge into it plus one (0: unused slot or the root), padded
        /// so that any base plus any symbol is in bounds. Inner states have distinct bases, so
        /// `labels[base(s) + c] == c + 1` alone proves that slot is the child of `s`: the search
        /// loops test this 2-byte array (a fraction of the slots' size, so it stays in cache)
        /// instead of the parent word in `units`.
        private(set) var labels: UnsafeMutablePointer<UInt16>? = nil
        private(set) var labelCount = 0
        /// `units`' base words and failure links again, each in its own dense array: a search
        /// reads a state's base on every symbol and its failure link only on a mismatch, and
        /// three times as many states' bases fit in a cache line as whole units.
        private(set) var bases: UnsafeMutablePointer<Int32>? = nil
        private(set) var failures: UnsafeMutablePointer<Int32>? = nil
        /// Words of `info` per slot: 3 (value, match value, match length) in the full layout; 1
        /// (the value) in the prefix-walk layout, which has no failure links and cannot search.
        private(set) var valueStride = 3
        /// Whether `bases`, `labels` and `failures` were allocated here (not static bytes).
        private var ownsSearchArrays = true

        init(slotCount: Int, keyCount: Int) {
            self.slotCount = slotCount
            self.keyCount = keyCount
            self.units = .allocate(capacity: slotCount * 3)
            self.info = .allocate(capacity: slotCount * 3)
            self.ownsMemory = true
        }

        init(slotCount: Int, keyCount: Int, staticUnits: UnsafePointer<Int32>, staticInfo: UnsafePointer<Int32>) {
            self.slotCount = slotCount
            self.keyCount = keyCount
            self.units = UnsafeMutablePointer(mutating: staticUnits)
            self.info = UnsafeMutablePointer(mutating: staticInfo)
            self.ownsMemory = false
        }

        /// The prefix-walk layout used in place: bases, dense values and labels from static
        /// bytes; `units` is only the root's unit, and there are no failure links.
        init(slotCount: Int, keyCount: Int, staticBases: UnsafePointer<Int32>, staticValues: UnsafePointer<Int32>,
             staticLabels: UnsafePointer<UInt16>, labelCount: Int) {
            self.slotCount = slotCount
            self.keyCount = keyCount
            let root = UnsafeMutablePointer<Int32>.allocate(capacity: 3)
            root.initialize(from: [staticBases[0], -2, DictionaryAutomaton.dead], count: 3)
            self.units = root
            self.info = UnsafeMutablePointer(mutating: staticValues)
            self.ownsMemory = false
            self.valueStride = 1
            self.ownsSearchArrays = false
            self.bases = UnsafeMutablePointer(mutating: staticBases)
            self.labels = UnsafeMutablePointer(mutating: staticLabels)
            self.labelCount = labelCount
            // Never followed: searching needs the full layout (checked before every search).
            self.failures = UnsafeMutablePointer(mutating: root + 2)
        }

        func setAlphabet(_ alphabet: Alphabet, codeMap: [(scalar: UInt32, code: UInt32)]) {
            symbolCount = alphabet == .bytes ? 256 : codeMap.count + 1
            if valueStride == 3 {
                buildRootLeaves(symbolCount: symbolCount)
                buildSearchArrays(symbolCount: symbolCount)
            } else {
                let leaves = UnsafeMutablePointer<Int32>.allocate(capacity: symbolCount)
                leaves.initialize(repeating: -1, count: symbolCount)
                rootLeaves = leaves
            }
            self.alphabet = alphabet
            guard alphabet == .unicodeScalars else { return }
            codePairs = codeMap
            let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 0x10000)
            table.initialize(repeating: 0, count: 0x10000)
            var others: [UInt64] = []
            for (scalar, code) in codeMap {
                if scalar < 0x10000 { table[Int(scalar)] = UInt16(code) } else { others.append(UInt64(scalar) << 16 | UInt64(code)) }
            }
            bmpCodes = table
            let starts = UnsafeMutablePointer<UInt64>.allocate(capacity: 0x10000 / 64)
            // Without failure links (the prefix-walk layout) nothing searches: every bit set.
            starts.initialize(repeating: valueStride == 3 ? 0 : ~0, count: 0x10000 / 64)
            if valueStride == 3 {
                let rootBase = Int(units[0] & DictionaryAutomaton.baseMask)
                for (scalar, code) in codeMap where scalar < 0x10000 {
                    let slot = rootBase + Int(code)
                    if slot < slotCount, units[3 * slot + 1] == 0 { starts[Int(scalar) >> 6] |= 1 << UInt64(scalar & 63) }
                }
            }
            bmpRootStarts = starts
            let otherTable = UnsafeMutablePointer<UInt64>.allocate(capacity: max(others.count, 1))
            otherTable.initialize(from: others, count: others.count)
            otherCodes = otherTable
            otherCodeCount = others.count
        }

        /// `labels`, `bases` and `failures` from `units`, in one place for built and loaded automata.
        private func buildSearchArrays(symbolCount: Int) {
            let baseWords = UnsafeMutablePointer<Int32>.allocate(capacity: slotCount)
            let failureLinks = UnsafeMutablePointer<Int32>.allocate(capacity: slotCount)
            var maxBase = 0
            for slot in 0..<slotCount {
                baseWords[slot] = units[3 * slot]
                failureLinks[slot] = units[3 * slot + 2]
                maxBase = max(maxBase, Int(units[3 * slot] & DictionaryAutomaton.baseMask))
            }
            bases = baseWords
            failures = failureLinks
            labelCount = max(slotCount, maxBase + symbolCount + 1)
            let table = UnsafeMutablePointer<UInt16>.allocate(capacity: labelCount)
            table.initialize(repeating: 0, count: labelCount)
            for slot in 1..<max(slotCount, 1) {
                let parent = Int(units[3 * slot + 1])
                guard parent >= 0 else { continue }
                table[slot] = UInt16(truncatingIfNeeded: slot - Int(units[3 * parent] & DictionaryAutomaton.baseMask) + 1)
            }
            labels = table
        }

        private func buildRootLeaves(symbolCount: Int) {
            let leaves = UnsafeMutablePointer<Int32>.allocate(capacity: symbolCount)
            leaves.initialize(repeating: -1, count: symbolCount)
            let rootBase = Int(units[0] & DictionaryAutomaton.baseMask)
            for symbol in 0..<symbolCount {
                let slot = rootBase + symbol
                guard slot < slotCount, units[3 * slot + 1] == 0 else { continue }
                // A node with children has a base of at least 1; a leaf keeps 0.
                if units[3 * slot] & DictionaryAutomaton.baseMask == 0, info[3 * slot] >= 0 {
                    leaves[symbol] = info[3 * slot]
                }
            }
            rootLeaves = leaves
        }

        deinit {
            rootLeaves?.deallocate()
            if ownsSearchArrays {
                labels?.deallocate()
                bases?.deallocate()
                failures?.deallocate()
            } else {
                units.deallocate()  // the root unit allocated for the prefix-walk layout
            }
            if ownsMemory {
                units.deallocate()
                info.deallocate()
            }
            bmpCodes?.deallocate()
            bmpRootStarts?.deallocate()
            otherCodes?.deallocate()
        }
    }

    let storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    /// The number of distinct keys.
    public var keyCount: Int { storage.keyCount }

    /// The number of double-array slots.
    public var slotCount: Int { storage.slotCount }

    /// What one transition consumes.
    public var alphabet: Alphabet { storage.alphabet }

    /// Heap memory held by the automaton, in bytes (the slots count even when they are static bytes).
    public var memoryFootprint: Int {
        let perSlot = storage.valueStride == 3 ? 32 : 8
        return storage.slotCount * perSlot + storage.labelCount * 2 + (storage.alphabet == .unicodeScalars ? 0x20000 : 0)
    }

    /// Whether the automaton can search a text (`forEachLeftmostLongestMatch(in:_:)`):
    /// false only for the prefix-walk layout of embedded word lists, which drops the failure
    /// links and answers prefix lookups and walks only.
    public var supportsSearch: Bool { storage.valueStride == 3 }

    /// A view of the automaton made of plain pointers, for hot loops that must not touch
    /// reference counts. It is valid only while the automaton it came from is alive.
    package var unsafeView: UnsafeView {
        UnsafeView(units: storage.units, info: storage.info, slotCount: storage.slotCount,
                   bmpCodes: storage.bmpCodes, bmpRootStarts: storage.bmpRootStarts, otherCodes: storage.otherCodes, otherCodeCount: storage.otherCodeCount,
                   rootLeaves: storage.rootLeaves!, labels: storage.labels!, bases: storage.bases!,
                   failures: storage.failures!, symbolCount: storage.symbolCount, valueStride: storage.valueStride)
    }

    // MARK: Lookups

    /// The first scalars of the keys (scalar alphabet), or the first bytes as scalars (byte
    /// alphabet), in no particular order.
    public func keyStartScalars() -> [UInt32] {
        let view = unsafeView
        func startsKey(_ code: Int) -> Bool {
            withExtendedLifetime(storage) { view.child(atBase: view.childBase(of: 0), symbol: code) >= 0 }
        }
        if storage.alphabet == .bytes { return (0..<256).filter { startsKey($0) }.map { UInt32($0) } }
        return storage.codePairs.filter { startsKey(Int($0.code)) }.map(\.scalar)
    }

    public func value(forKey key: String) -> Int32? {
        var key = key
        return key.withUTF8 { value(forKey: $0) }
    }

    /// The value stored for exactly the bytes `key`, or nil.
    public func value(forKey key: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let (length, value) = longestPrefix(in: key, at: 0), length == key.count else { return nil }
        return value
    }

    /// Whether some key starts with `byte`, the first byte of a character (one lookup; lets
    /// callers skip positions cheaply).
    public func canStartKey(with byte: UInt8) -> Bool {
        withExtendedLifetime(storage) { unsafeView.canStartKey(with: byte) }
    }

    /// The longest key that starts at byte `offset` of `text`: its length in bytes and value.
    public func longestPrefix(in text: UnsafeBufferPointer<UInt8>, at offset: Int) -> (length: Int, value: Int32)? {
        withExtendedLifetime(storage) { unsafeView.longestPrefix(in: text, at: offset) }
    }

    /// Calls `body` with every key that is a prefix of `text` from byte `offset`, shortest first.
    public func forEachPrefix(
        in text: UnsafeBufferPointer<UInt8>, at offset: Int, _ body: (_ length: Int, _ value: Int32) throws -> Void
    ) rethrows {
        try withExtendedLifetime(storage) { try unsafeView.forEachPrefix(in: text, at: offset, body) }
    }

    // MARK: Search

    /// Calls `body` with the leftmost-longest, non-overlapping matches in `text`, in order.
    ///
    /// At each position the search reports the match that starts earliest and, among those,
    /// the longest; it then resumes after that match (the semantics of OpenCC's maximum
    /// matching and of the aho-corasick crate's `LeftmostLongest`).
    public func forEachLeftmostLongestMatch(
        in text: UnsafeBufferPointer<UInt8>, _ body: (Match) throws -> Void
    ) rethrows {
        try withExtendedLifetime(storage) { try unsafeView.forEachLeftmostLongestMatch(in: text, body) }
    }

    /// Calls `body` with the leftmost-longest matches in a text given as decoded Unicode
    /// scalars, with ranges in scalar indices.
    ///
    /// - Precondition: the automaton uses the ``Alphabet/unicodeScalars`` alphabet.
    public func forEachLeftmostLongestMatch(
        inScalars text: UnsafeBufferPointer<UInt32>, _ body: (_ scalarRange: Range<Int>, _ value: Int32) throws -> Void
    ) rethrows {
        try withExtendedLifetime(storage) { try unsafeView.forEachLeftmostLongestMatch(inScalars: text, body) }
    }

    /// Calls `body` with the leftmost-longest matches in `text` (see the buffer form).
    public func forEachLeftmostLongestMatch(in text: some StringProtocol, _ body: (Match) throws -> Void) rethrows {
        try withContiguousUTF8(text) { try forEachLeftmostLongestMatch(in: $0, body) }
    }

    /// All leftmost-longest matches in `text`.
    public func leftmostLongestMatches(in text: some StringProtocol) -> [Match] {
        var result: [Match] = []
        forEachLeftmostLongestMatch(in: text) { result.append($0) }
        return result
    }
}

extension DictionaryAutomaton {
    /// The automaton as plain pointers (see ``DictionaryAutomaton/unsafeView``): the same lookups,
    /// with no reference counting, for use while the automaton is kept alive.
    package struct UnsafeView: @unchecked Sendable {
        @usableFromInline let units: UnsafeMutablePointer<Int32>
        @usableFromInline let info: UnsafeMutablePointer<Int32>
        @usableFromInline let slotCount: Int
        @usableFromInline let bmpCodes: UnsafeMutablePointer<UInt16>?
        @usableFromInline let bmpRootStarts: UnsafeMutablePointer<UInt64>?
        @usableFromInline let otherCodes: UnsafeMutablePointer<UInt64>?
        @usableFromInline let otherCodeCount: Int
        @usableFromInline let rootLeaves: UnsafeMutablePointer<Int32>
        @usableFromInline let labels: UnsafeMutablePointer<UInt16>
        @usableFromInline let bases: UnsafeMutablePointer<Int32>
        @usableFromInline let failures: UnsafeMutablePointer<Int32>
        /// The number of symbols: codes run from 0 to `symbolCount - 1`.
        package let symbolCount: Int
        /// Words of `info` per state: 3, or 1 in the prefix-walk layout (which cannot search).
        @usableFromInline let valueStride: Int

        @usableFromInline
        init(units: UnsafeMutablePointer<Int32>, info: UnsafeMutablePointer<Int32>, slotCount: Int,
             bmpCodes: UnsafeMutablePointer<UInt16>?, bmpRootStarts: UnsafeMutablePointer<UInt64>?,
             otherCodes: UnsafeMutablePointer<UInt64>?, otherCodeCount: Int,
             rootLeaves: UnsafeMutablePointer<Int32>, labels: UnsafeMutablePointer<UInt16>,
             bases: UnsafeMutablePointer<Int32>, failures: UnsafeMutablePointer<Int32>, symbolCount: Int,
             valueStride: Int) {
            self.symbolCount = symbolCount
            self.valueStride = valueStride
            self.rootLeaves = rootLeaves
            self.labels = labels
            self.bases = bases
            self.failures = failures
            self.units = units
            self.info = info
            self.slotCount = slotCount
            self.bmpCodes = bmpCodes
            self.bmpRootStarts = bmpRootStarts
            self.otherCodes = otherCodes
            self.otherCodeCount = otherCodeCount
        }

        @inlinable static var baseMask: Int32 { 0x7FFF_FFFF }

        /// The symbol at byte `i` of `p[..<n]` and its byte width. With the scalar alphabet,
        /// invalid UTF-8 is symbol 0 (in no key), one byte wide.
        @inlinable @inline(__always)
        func symbol(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (code: Int, width: Int) {
            let b0 = p[i]
            guard let codes = bmpCodes else { return (Int(b0), 1) }
            if b0 < 0x80 { return (Int(codes[Int(b0)]), 1) }
            if b0 & 0xF0 == 0xE0, i &+ 2 < n {
                let b1 = p[i &+ 1], b2 = p[i &+ 2]
                if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 {
                    let scalar = Int(b0 & 0x0F) &<< 12 | Int(b1 & 0x3F) &<< 6 | Int(b2 & 0x3F)
                    // Overlong forms and surrogates are invalid; they are in no key either way.
                    return (scalar >= 0x800 && (scalar < 0xD800 || scalar > 0xDFFF) ? Int(codes[scalar]) : 0, 3)
                }
            }
            return slowSymbol(p, i, n)
        }

        @usableFromInline
        func slowSymbol(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (code: Int, width: Int) {
            let (scalar, length) = decodeScalar(p, i, n)
            guard length > 0, let codes = bmpCodes else { return (0, 1) }
            if scalar < 0x10000 { return (Int(codes[Int(scalar)]), length) }
            var lo = 0, hi = otherCodeCount
            while lo < hi {
                let mid = (lo + hi) / 2
                let entry = otherCodes![mid]
                let key = UInt32(truncatingIfNeeded: entry >> 16)
                if key == scalar { return (Int(entry & 0xFFFF), length) }
                if key < scalar { lo = mid + 1 } else { hi = mid }
            }
            return (0, length)
        }

        /// Whether some key starts with `byte`, the first byte of a character.
        @inlinable @inline(__always)
        package func canStartKey(with byte: UInt8) -> Bool {
            if let codes = bmpCodes { return byte >= 0x80 || codes[Int(byte)] != 0 }
            let next = Int(units[0] & Self.baseMask) &+ Int(byte)
            return labels[next] == UInt16(byte) &+ 1
        }

        /// The longest key that starts at byte `offset` of `text`: its length in bytes and value.
        @inlinable @inline(__always)
        package func longestPrefix(in text: UnsafeBufferPointer<UInt8>, at offset: Int) -> (length: Int, value: Int32)? {
            guard let p = text.baseAddress else { return nil }
            let scalars = bmpCodes != nil
            var state = 0
            var best: (length: Int, value: Int32)? = nil
            var i = offset
            let n = text.count
            while i < n {
                let (code, width) = symbol(p, i, n)
                let next = Int(bases[state] & Self.baseMask) &+ code
                guard code != 0 || !scalars, labels[next] == UInt16(truncatingIfNeeded: code &+ 1) else { break }
                state = next
                i &+= width
                let v = info[valueStride &* state]
                if v >= 0 { best = (i &- offset, v) }
            }
            return best
        }

        /// Calls `body` with every key that is a prefix of `text` from byte `offset`, shortest first.
        @inlinable
        package func forEachPrefix(
            in text: UnsafeBufferPointer<UInt8>, at offset: Int, _ body: (_ length: Int, _ value: Int32) throws -> Void
        ) rethrows {
            guard let p = text.baseAddress else { return }
            let scalars = bmpCodes != nil
            var state = 0
            var i = offset
            while i < text.count {
                let (code, width) = symbol(p, i, text.count)
                let next = Int(bases[state] & Self.baseMask) &+ code
                guard code != 0 || !scalars, labels[next] == UInt16(truncatingIfNeeded: code &+ 1) else { return }
                state = next
                i &+= width
                let v = info[valueStride &* state]
                if v >= 0 { try body(i &- offset, v) }
            }
        }

        /// The symbol of `scalar` in an automaton over Unicode scalars (0: in no key).
        @inlinable @inline(__always)
        package func symbol(ofScalar scalar: UInt32) -> Int {
            if scalar < 0x10000 { return Int(bmpCodes![Int(scalar)]) }
            var lo = 0, hi = otherCodeCount
            while lo < hi {
                let mid = (lo + hi) / 2
                let entry = otherCodes![mid]
                let key = UInt32(truncatingIfNeeded: entry >> 16)
                if key == scalar { return Int(entry & 0xFFFF) }
                if key < scalar { lo = mid + 1 } else { hi = mid }
            }
            return 0
        }

        /// Calls `body` with the leftmost-longest, non-overlapping matches in a text given as
        /// decoded Unicode scalars, with ranges in scalar indices. Same matches as the UTF-8
        /// search over the same text, without decoding; for callers that already hold scalars
        /// (after folding or filtering a text, say).
        ///
        /// - Precondition: the automaton uses the ``DictionaryAutomaton/Alphabet/unicodeScalars``
        ///   alphabet.
        @inlinable
        package func forEachLeftmostLongestMatch(
            inScalars text: UnsafeBufferPointer<UInt32>, _ body: (_ scalarRange: Range<Int>, _ value: Int32) throws -> Void
        ) rethrows {
            precondition(valueStride == 3, "the prefix-walk layout has no failure links to search with")
            guard let codes = bmpCodes, let starts = bmpRootStarts else {
                preconditionFailure("a scalar search needs an automaton built with the unicodeScalars alphabet")
            }
            guard let p = text.baseAddress else { return }
            let n = text.count
            var position = 0
            while position < n {
                var state: Int32 = 0
                var matchEnd = -1
                var matchLength: Int32 = 0
                var matchValue: Int32 = -1
                var i = position
                while i < n {
                    let scalar = p[i]
                    // At the root with nothing pending, a character that starts no key leaves
                    // everything as it is.
                    if state == 0, matchEnd < 0, scalar < 0x10000,
                       starts[Int(scalar &>> 6)] & (1 &<< UInt64(scalar & 63)) == 0 {
                        i &+= 1
                        continue
                    }
                    let code = scalar < 0x10000 ? Int(codes[Int(scalar)]) : symbol(ofScalar: scalar)
                    if code == 0 {
                        if matchEnd >= 0 { break }
                        state = 0
                        i &+= 1
                        continue
                    }
                    if state == 0 {
                        let leaf = rootLeaves[code]
                        if leaf >= 0 {
                            try body(i..<(i &+ 1), leaf)
                            i &+= 1
                            continue
                        }
                    }
                    var word: Int32
                    while true {
                        word = bases[Int(state)]
                        let next = Int(word & Self.baseMask) &+ code
                        if labels[next] == UInt16(truncatingIfNeeded: code &+ 1) {
                            state = Int32(truncatingIfNeeded: next)
                            word = bases[next]
                            break
                        }
                        if state == 0 { break }
                        state = failures[Int(state)]
                        if state == -1 { break }
                    }
                    if state == -1 { break }
                    i &+= 1
                    if word < 0 {
                        matchEnd = i
                        matchLength = info[3 &* Int(state) &+ 2]
                        matchValue = info[3 &* Int(state) &+ 1]
                    }
                }
                guard matchEnd >= 0 else { return }
                // The stored length is in UTF-8 bytes: walk back over the scalars' widths.
                var start = matchEnd
                var bytes = Int(matchLength)
                while bytes > 0, start > 0 {
                    start &-= 1
                    let scalar = p[start]
                    bytes &-= scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4
                }
                try body(start..<matchEnd, matchValue)
                position = matchEnd
            }
        }

        /// Calls `body` with the leftmost-longest, non-overlapping matches in `text`, in order
        /// (see ``DictionaryAutomaton/forEachLeftmostLongestMatch(in:_:)-(UnsafeBufferPointer<UInt8>,_)``).
        @inlinable
        package func forEachLeftmostLongestMatch(
            in text: UnsafeBufferPointer<UInt8>, _ body: (Match) throws -> Void
        ) rethrows {
            precondition(valueStride == 3, "the prefix-walk layout has no failure links to search with")
            guard let p = text.baseAddress else { return }
            let n = text.count
            let scalars = bmpCodes != nil
            var position = 0
            while position < n {
                var state: Int32 = 0
                var matchEnd = -1
                var matchLength: Int32 = 0
                var matchValue: Int32 = -1
                var i = position
                while i < n {
                    let (code, width) = symbol(p, i, n)
                    if scalars, code == 0 {
                        // A character in no key: nothing can match across it.
                        if matchEnd >= 0 { break }
                        state = 0
                        i &+= width
                        continue
                    }
                    if state == 0 {
                        // At the root no match is pending; a one-symbol key that nothing extends
                        // is reported at once, without touching the trie.
                        let leaf = rootLeaves[code]
                        if leaf >= 0 {
                            try body(Match(utf8Range: i..<(i &+ width), value: leaf))
                            i &+= width
                            continue
                        }
                    }
                    // Follow failure links until a transition exists (the root loops to itself).
                    var word: Int32
                    while true {
                        word = bases[Int(state)]
                        let next = Int(word & Self.baseMask) &+ code
                        if labels[next] == UInt16(truncatingIfNeeded: code &+ 1) {
                            state = Int32(truncatingIfNeeded: next)
                            word = bases[next]
                            break
                        }
                        if state == 0 { break }
                        state = failures[Int(state)]
                        if state == -1 { break }  // dead: a match was seen and cannot grow
                    }
                    if state == -1 { break }
                    i &+= width
                    if word < 0 {  // the match flag
                        matchEnd = i
                        matchLength = info[3 &* Int(state) &+ 2]
                        matchValue = info[3 &* Int(state) &+ 1]
                    }
                }
                guard matchEnd >= 0 else { return }
                let start = max(matchEnd &- Int(matchLength), 0)
                try body(Match(utf8Range: start..<matchEnd, value: matchValue))
                position = matchEnd
            }
        }
    }
}

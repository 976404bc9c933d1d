/// An immutable double-array trie with leftmost-longest Aho-Corasick failure links.
///
/// One structure serves every dictionary in ZhText: conversion tables (longest prefix at a
/// position), slogan lexicons and word lists (leftmost-longest search over a whole text).
/// Build one with ``AutomatonBuilder``, or load a serialised one (for example bytes embedded
/// in a C target) with ``init(serialized:)`` or without copying via ``init(unsafeStaticBytes:)``.
///
/// Keys are bytes, so a UTF-8 key matches only at character boundaries of valid UTF-8 text.
///
/// ## Cost
/// - Memory: 24 bytes per double-array slot (slots ≈ trie states × 1.0–1.1), plus nothing
///   per key: about 1.5 MB for 10,000 Chinese words.
/// - ``longestPrefix(in:at:)``: O(key length), two loads per byte.
/// - ``forEachLeftmostLongestMatch(in:_:)``: O(n) in the text length, allocation-free;
///   a byte costs one transition (two loads) in the common case.
public struct DictionaryAutomaton: Sendable {
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

    /// Flat storage. `units` holds, per slot, what every searched byte needs on one cache line:
    /// (base | match flag, check = parent slot, failure link). `info` holds what a match needs:
    /// (own value, first match value, first match length in bytes).
    final class Storage: @unchecked Sendable {
        let slotCount: Int
        let keyCount: Int
        let units: UnsafeMutablePointer<Int32>
        let info: UnsafeMutablePointer<Int32>
        private let ownsMemory: Bool

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

        deinit {
            if ownsMemory {
                units.deallocate()
                info.deallocate()
            }
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

    /// Heap memory held by the automaton, in bytes (zero extra for static bytes).
    public var memoryFootprint: Int { storage.slotCount * 24 }

    // MARK: Lookups

    /// The value stored for exactly `key`, or nil.
    public func value(forKey key: String) -> Int32? {
        var key = key
        return key.withUTF8 { value(forKey: $0) }
    }

    /// The value stored for exactly the bytes `key`, or nil.
    public func value(forKey key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let unit = storage.units
        var state = 0
        for byte in key {
            let next = Int(unit[3 * state] & Self.baseMask) &+ Int(byte)
            guard next < storage.slotCount, unit[3 * next + 1] == Int32(state) else { return nil }
            state = next
        }
        let v = storage.info[3 * state]
        return v >= 0 ? v : nil
    }

    /// Whether some key starts with `byte` (one lookup; lets callers skip positions cheaply).
    @inline(__always)
    public func canStartKey(with byte: UInt8) -> Bool {
        let next = Int(storage.units[0] & Self.baseMask) &+ Int(byte)
        return next < storage.slotCount && storage.units[3 * next + 1] == 0
    }

    /// The longest key that starts at byte `offset` of `text`: its length in bytes and value.
    @inline(__always)
    public func longestPrefix(in text: UnsafeBufferPointer<UInt8>, at offset: Int) -> (length: Int, value: Int32)? {
        guard let p = text.baseAddress else { return nil }
        let unit = storage.units
        let info = storage.info
        let slots = storage.slotCount
        var state = 0
        var best: (length: Int, value: Int32)? = nil
        var i = offset
        let n = text.count
        while i < n {
            let next = Int(unit[3 * state] & Self.baseMask) &+ Int(p[i])
            guard next < slots, unit[3 * next + 1] == Int32(state) else { break }
            state = next
            i += 1
            let v = info[3 * state]
            if v >= 0 { best = (i - offset, v) }
        }
        return best
    }

    /// Calls `body` with every key that is a prefix of `text` from byte `offset`, shortest first.
    public func forEachPrefix(
        in text: UnsafeBufferPointer<UInt8>, at offset: Int, _ body: (_ length: Int, _ value: Int32) throws -> Void
    ) rethrows {
        guard let p = text.baseAddress else { return }
        let unit = storage.units
        let info = storage.info
        var state = 0
        var i = offset
        while i < text.count {
            let next = Int(unit[3 * state] & Self.baseMask) &+ Int(p[i])
            guard next < storage.slotCount, unit[3 * next + 1] == Int32(state) else { return }
            state = next
            i += 1
            let v = info[3 * state]
            if v >= 0 { try body(i - offset, v) }
        }
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
        guard let p = text.baseAddress else { return }
        let n = text.count
        let unit = storage.units
        let info = storage.info
        let slots = storage.slotCount
        let dead = Self.dead
        var position = 0
        while position < n {
            var state: Int32 = 0
            var matchEnd = -1
            var matchLength: Int32 = 0
            var matchValue: Int32 = -1
            var i = position
            while i < n {
                let byte = Int(p[i])
                // Follow failure links until a transition exists (the root loops to itself).
                var word: Int32
                while true {
                    word = unit[3 * Int(state)]
                    let next = Int(word & Self.baseMask) &+ byte
                    if next < slots, unit[3 * next + 1] == state {
                        state = Int32(truncatingIfNeeded: next)
                        word = unit[3 * next]
                        break
                    }
                    if state == 0 { break }
                    state = unit[3 * Int(state) + 2]
                    if state == dead { break }
                }
                if state == dead { break }
                i += 1
                if word < 0 {  // the match flag
                    matchEnd = i
                    matchLength = info[3 * Int(state) + 2]
                    matchValue = info[3 * Int(state) + 1]
                }
            }
            guard matchEnd >= 0 else { return }
            try body(Match(utf8Range: (matchEnd - Int(matchLength))..<matchEnd, value: matchValue))
            position = matchEnd
        }
    }

    /// Calls `body` with the leftmost-longest matches in `text` (see the buffer form).
    public func forEachLeftmostLongestMatch(in text: String, _ body: (Match) throws -> Void) rethrows {
        var text = text
        try text.withUTF8 { try forEachLeftmostLongestMatch(in: $0, body) }
    }

    /// All leftmost-longest matches in `text`.
    public func leftmostLongestMatches(in text: String) -> [Match] {
        var result: [Match] = []
        forEachLeftmostLongestMatch(in: text) { result.append($0) }
        return result
    }
}

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
/// - Memory: 24 bytes per double-array slot (slots ≈ trie states × 1.0–1.2), plus 128 KB for
///   the scalar alphabet's code table: about 1.5 MB for 10,000 Chinese words with bytes, or
///   0.7 MB with scalars.
/// - ``longestPrefix(in:at:)``: O(key length), two loads per transition.
/// - ``forEachLeftmostLongestMatch(in:_:)``: O(n) in the text length, allocation-free;
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

    /// Flat storage. `units` holds, per slot, what every searched symbol needs on one cache line:
    /// (base | match flag, check = parent slot, failure link). `info` holds what a match needs:
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
        private(set) var otherCodes: [UInt32: UInt16] = [:]
        /// The scalar → code pairs, sorted by scalar (kept for serialisation).
        private(set) var codePairs: [(scalar: UInt32, code: UInt32)] = []

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

        func setAlphabet(_ alphabet: Alphabet, codeMap: [(scalar: UInt32, code: UInt32)]) {
            self.alphabet = alphabet
            guard alphabet == .unicodeScalars else { return }
            codePairs = codeMap
            let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 0x10000)
            table.initialize(repeating: 0, count: 0x10000)
            for (scalar, code) in codeMap {
                if scalar < 0x10000 { table[Int(scalar)] = UInt16(code) } else { otherCodes[scalar] = UInt16(code) }
            }
            bmpCodes = table
        }

        deinit {
            if ownsMemory {
                units.deallocate()
                info.deallocate()
            }
            bmpCodes?.deallocate()
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
    public var memoryFootprint: Int { storage.slotCount * 24 + (storage.alphabet == .unicodeScalars ? 0x20000 : 0) }

    /// The symbol at byte `i` of `p[..<n]` and its byte width. Invalid UTF-8 in scalar mode is
    /// symbol 0 (in no key), one byte wide.
    @inline(__always)
    func symbol(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (code: Int, width: Int) {
        let b0 = p[i]
        guard let codes = storage.bmpCodes else { return (Int(b0), 1) }
        if b0 < 0x80 { return (Int(codes[Int(b0)]), 1) }
        if b0 & 0xF0 == 0xE0, i + 2 < n {
            let b1 = p[i + 1], b2 = p[i + 2]
            if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 {
                let scalar = Int(b0 & 0x0F) << 12 | Int(b1 & 0x3F) << 6 | Int(b2 & 0x3F)
                // Overlong forms and surrogates are invalid; they are in no key either way.
                return (scalar >= 0x800 && (scalar < 0xD800 || scalar > 0xDFFF) ? Int(codes[scalar]) : 0, 3)
            }
        }
        return slowSymbol(p, i, n)
    }

    func slowSymbol(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (code: Int, width: Int) {
        let (scalar, length) = decodeScalar(p, i, n)
        guard length > 0 else { return (0, 1) }
        if scalar < 0x10000 { return (Int(storage.bmpCodes![Int(scalar)]), length) }
        return (Int(storage.otherCodes[scalar] ?? 0), length)
    }

    // MARK: Lookups

    /// The value stored for exactly `key`, or nil.
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
    @inline(__always)
    public func canStartKey(with byte: UInt8) -> Bool {
        if storage.alphabet == .unicodeScalars { return byte >= 0x80 || storage.bmpCodes![Int(byte)] != 0 }
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
            let (code, width) = symbol(p, i, n)
            let next = Int(unit[3 * state] & Self.baseMask) &+ code
            guard code != 0 || storage.alphabet == .bytes, next < slots, unit[3 * next + 1] == Int32(state) else { break }
            state = next
            i += width
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
            let (code, width) = symbol(p, i, text.count)
            let next = Int(unit[3 * state] & Self.baseMask) &+ code
            guard code != 0 || storage.alphabet == .bytes, next < storage.slotCount,
                  unit[3 * next + 1] == Int32(state) else { return }
            state = next
            i += width
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
        let scalars = storage.alphabet == .unicodeScalars
        var position = 0
        while position < n {
            var state: Int32 = 0
            var matchEnd = -1
            var matchLength: Int32 = 0
            var matchValue: Int32 = -1
            var i = position
            while i < n {
                let (code, width) = symbol(p, i, n)
                var word: Int32
                if scalars, code == 0 {
                    // A character in no key: nothing can match across it.
                    if matchEnd >= 0 { break }
                    state = 0
                    i += width
                    continue
                }
                // Follow failure links until a transition exists (the root loops to itself).
                while true {
                    word = unit[3 * Int(state)]
                    let next = Int(word & Self.baseMask) &+ code
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
                i += width
                if word < 0 {  // the match flag
                    matchEnd = i
                    matchLength = info[3 * Int(state) + 2]
                    matchValue = info[3 * Int(state) + 1]
                }
            }
            guard matchEnd >= 0 else { return }
            let start = max(matchEnd - Int(matchLength), 0)
            try body(Match(utf8Range: start..<matchEnd, value: matchValue))
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

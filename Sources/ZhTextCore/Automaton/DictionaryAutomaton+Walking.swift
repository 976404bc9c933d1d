extension DictionaryAutomaton.UnsafeView {
    /// The root state, where every walk starts.
    @inlinable package static var rootState: Int32 { 0 }

    /// The symbol of the character that starts at byte `offset` of `p[..<count]`, and its width
    /// in bytes. Symbol 0 (with the scalar alphabet) is a character that is in no key; invalid
    /// UTF-8 is symbol 0, one byte wide.
    @inlinable @inline(__always)
    package func symbol(at offset: Int, in p: UnsafePointer<UInt8>, count: Int) -> (code: Int, width: Int) {
        symbol(p, offset, count)
    }

    /// ``symbol(at:in:count:)`` for text known to be valid UTF-8, with an automaton known to use
    /// the scalar alphabet (conversion tables are all built so): no validity or alphabet tests
    /// per character, a third fewer instructions in the conversion loops.
    ///
    /// - Precondition: the automaton uses ``DictionaryAutomaton/Alphabet/unicodeScalars``, `p`
    ///   holds valid UTF-8 and `offset` is the start of a character.
    @inlinable @inline(__always)
    package func scalarSymbol(atValid offset: Int, in p: UnsafePointer<UInt8>) -> (code: Int, width: Int) {
        // Decoded here rather than with decodeValidScalar: each width's scalar goes straight to
        // its table, without testing again whether it is in the BMP (7 instructions a character
        // fewer on s2t).
        let b0 = p[offset]
        let codes = bmpCodes.unsafelyUnwrapped
        if b0 < 0x80 { return (Int(codes[Int(b0)]), 1) }
        if b0 & 0xF0 == 0xE0 {
            let scalar = Int(b0 & 0x0F) &<< 12 | Int(p[offset &+ 1] & 0x3F) &<< 6 | Int(p[offset &+ 2] & 0x3F)
            return (Int(codes[scalar]), 3)
        }
        if b0 < 0xE0 { return (Int(codes[Int(b0 & 0x1F) &<< 6 | Int(p[offset &+ 1] & 0x3F)]), 2) }
        return (symbol(ofScalar: decodeValidScalar(p, offset).scalar), 4)
    }

    /// The symbol table of U+0000–U+FFFF (scalar alphabet), for a walk in another module that
    /// decodes characters itself: the optimiser does not inline ``scalarSymbol(atValid:in:)``
    /// across the module boundary, and a call per character costs a sixth of a conversion.
    @inlinable
    package var bmpSymbols: UnsafeMutablePointer<UInt16> { bmpCodes.unsafelyUnwrapped }

    /// The label array that ``child(atBase:symbol:)`` reads, for the same reason.
    @inlinable
    package var labelArray: UnsafeMutablePointer<UInt16> { labels }

    /// The arrays that ``childBase(of:)`` and ``value(at:)`` read (`bases[state] & 0x7FFF_FFFF`
    /// and `info[valueStride * state]`), for the same reason: a call per trie step cost a
    /// tenth of the regional walks.
    @inlinable
    package var trieArrays: (bases: UnsafeMutablePointer<Int32>, info: UnsafeMutablePointer<Int32>, valueStride: Int) {
        (bases, info, valueStride)
    }

    /// Where the children of `state` are placed: a handle for ``child(atBase:symbol:)``, 0 when
    /// the state has no children.
    ///
    /// Walking a trie in a hot loop by hand (rather than with ``longestPrefix(in:at:)``) lets a
    /// caller keep per-symbol summaries of the first level of its own, such as the base of each
    /// one-character key's children next to its replacement text.
    @inlinable @inline(__always)
    package func childBase(of state: Int32) -> Int32 {
        bases[Int(state)] & Self.baseMask
    }

    /// The child reached from the state whose ``childBase(of:)`` is `base` by `symbol`, or -1.
    /// One load from a 2-byte-per-slot array.
    @inlinable @inline(__always)
    package func child(atBase base: Int32, symbol: Int) -> Int32 {
        // Every inner state has its own base ≥ 1 and a slot's label is its edge's symbol + 1,
        // so a matching label proves the parent; base 0 (no children) never matches.
        let next = Int(base) &+ symbol
        return labels[next] == UInt16(truncatingIfNeeded: symbol &+ 1) ? Int32(truncatingIfNeeded: next) : -1
    }

    /// The child of `state` by `scalar` (scalar alphabet), or -1: one step of a walk over
    /// already decoded scalars, for lookups outside the search loops.
    @inlinable @inline(__always)
    package func child(of state: Int32, scalar: UInt32) -> Int32 {
        let symbol = symbol(ofScalar: scalar)
        return symbol == 0 ? -1 : child(atBase: childBase(of: state), symbol: symbol)
    }

    /// Whether a key ends at `state`: one load from the array the walk reads anyway, so a walk
    /// that passes many prefixes reads a value only where there is one.
    @inlinable @inline(__always)
    package func isKey(at state: Int32) -> Bool {
        bases[Int(state)] < 0
    }

    /// The value of the key that ends at `state`, or -1 when no key ends there.
    @inlinable @inline(__always)
    package func value(at state: Int32) -> Int32 {
        info[valueStride &* Int(state)]
    }

    /// The first two scalars of every key of two or more characters (scalar alphabet), each
    /// pair once, in no particular order: for filters of what may follow a key's first character.
    /// One pass over the slots: a slot whose label is symbol + 1 is the child, by that symbol, of
    /// the state whose children start `symbol` slots before it (bases are unique per state).
    package func keyPrefixPairs() -> [(first: UInt32, second: UInt32)] {
        guard let bmp = bmpCodes else { return [] }
        var scalars = [UInt32](repeating: 0, count: symbolCount)
        for scalar in 0..<0x10000 where bmp[scalar] != 0 { scalars[Int(bmp[scalar])] = UInt32(scalar) }
        if let other = otherCodes {
            for k in 0..<otherCodeCount { scalars[Int(other[k] & 0xFFFF)] = UInt32(truncatingIfNeeded: other[k] >> 16) }
        }
        // The first character of the keys whose children start at each base (0: none).
        var firstByBase = [Int32](repeating: 0, count: slotCount + 1)
        let root = childBase(of: Self.rootState)
        for first in 1..<symbolCount {
            let state = child(atBase: root, symbol: first)
            guard state >= 0 else { continue }
            let base = Int(childBase(of: state))
            if base != 0, base < firstByBase.count { firstByBase[base] = Int32(first) }
        }
        var pairs: [(first: UInt32, second: UInt32)] = []
        for slot in 0..<slotCount {
            let label = Int(labels[slot])
            guard label != 0, slot - (label - 1) > 0 else { continue }
            let first = firstByBase[slot - (label - 1)]
            if first != 0 { pairs.append((scalars[Int(first)], scalars[label - 1])) }
        }
        return pairs
    }
}

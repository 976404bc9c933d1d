/// Lane tests on the masks of sixteen-byte vector compares, read as two words: a mask's lanes
/// are all ones or all zeros, so a test is one or two instructions and the first set byte is the
/// first set lane. The standard library's `any` and `all` reduce a mask through an out-of-line
/// `min`/`max` here. Shared by UTF-8 validation and the conversion's pair search.
///
/// Measured: these calls are not inlined into other modules (not with `@inlinable`, nor with
/// `@_alwaysEmitIntoClient`), so a loop that tests a mask per sixteen bytes in another module
/// (cleanup's parenthesis scan, the CLI's JSON reader and writer) writes the two-word test out.
package enum SIMDLanes {
    /// Whether any lane of `mask` is set.
    @inlinable @inline(__always)
    package static func any(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let words = unsafeBitCast(mask, to: (UInt64, UInt64).self)
        return words.0 | words.1 != 0
    }

    /// Whether any lane of `mask` is set.
    @inlinable @inline(__always)
    package static func any(_ mask: SIMDMask<SIMD8<Int16>>) -> Bool {
        let words = unsafeBitCast(mask, to: (UInt64, UInt64).self)
        return words.0 | words.1 != 0
    }

    /// Whether every lane of `mask` is set.
    @inlinable @inline(__always)
    package static func all(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let words = unsafeBitCast(mask, to: (UInt64, UInt64).self)
        return words.0 & words.1 == ~0
    }

    /// The index of the first clear lane of `mask`, or nil when all are set.
    @inlinable @inline(__always)
    package static func firstClear(_ mask: SIMDMask<SIMD16<Int8>>) -> Int? {
        let words = unsafeBitCast(mask, to: (UInt64, UInt64).self)
        if ~words.0 != 0 { return (~words.0).trailingZeroBitCount >> 3 }
        if ~words.1 != 0 { return 8 &+ (~words.1).trailingZeroBitCount >> 3 }
        return nil
    }
}

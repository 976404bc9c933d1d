/// Decodes one scalar at byte `i` of `p[..<n]` (`i < n`), validating per Unicode Table 3-7.
///
/// Returns the scalar and its byte length, or a negative length whose magnitude is the
/// size of the maximal invalid subpart starting at `i` (the unit that `String(decoding:)`
/// replaces with one U+FFFD). Complexity: O(1), no allocation.
@inlinable @inline(__always)
package func decodeScalar(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (scalar: UInt32, length: Int) {
    let b0 = p[i]
    if b0 < 0x80 { return (UInt32(b0), 1) }
    if b0 < 0xC2 { return (0, -1) }
    if b0 < 0xE0 {
        guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return (0, -1) }
        return (UInt32(b0 & 0x1F) &<< 6 | UInt32(p[i + 1] & 0x3F), 2)
    }
    if b0 < 0xF0 {
        let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
        let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
        guard i + 1 < n, p[i + 1] >= lo, p[i + 1] <= hi else { return (0, -1) }
        guard i + 2 < n, p[i + 2] & 0xC0 == 0x80 else { return (0, -2) }
        return (UInt32(b0 & 0x0F) &<< 12 | UInt32(p[i + 1] & 0x3F) &<< 6 | UInt32(p[i + 2] & 0x3F), 3)
    }
    if b0 < 0xF5 {
        let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
        let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
        guard i + 1 < n, p[i + 1] >= lo, p[i + 1] <= hi else { return (0, -1) }
        guard i + 2 < n, p[i + 2] & 0xC0 == 0x80 else { return (0, -2) }
        guard i + 3 < n, p[i + 3] & 0xC0 == 0x80 else { return (0, -3) }
        let value = UInt32(b0 & 0x07) &<< 18 | UInt32(p[i + 1] & 0x3F) &<< 12
            | UInt32(p[i + 2] & 0x3F) &<< 6 | UInt32(p[i + 3] & 0x3F)
        return (value, 4)
    }
    return (0, -1)
}

/// ``decodeScalar(_:_:_:)`` for text already known to be valid UTF-8: no checks, so a hot loop
/// over validated text (conversion, say) pays for the decoding only.
///
/// - Precondition: `p` holds valid UTF-8 and `i` is the start of a character.
@inlinable @inline(__always)
package func decodeValidScalar(_ p: UnsafePointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    // Three bytes first: all of CJK.
    if b0 & 0xF0 == 0xE0 { return ((b0 & 0x0F) &<< 12 | UInt32(p[i &+ 1] & 0x3F) &<< 6 | UInt32(p[i &+ 2] & 0x3F), 3) }
    if b0 < 0xE0 { return ((b0 & 0x1F) &<< 6 | UInt32(p[i &+ 1] & 0x3F), 2) }
    return ((b0 & 0x07) &<< 18 | UInt32(p[i &+ 1] & 0x3F) &<< 12 | UInt32(p[i &+ 2] & 0x3F) &<< 6
            | UInt32(p[i &+ 3] & 0x3F), 4)
}

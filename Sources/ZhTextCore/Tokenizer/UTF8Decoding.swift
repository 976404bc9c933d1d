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

/// The byte offset of the first invalid UTF-8 sequence in `bytes`, or nil when all is valid.
package func firstInvalidUTF8Offset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let p = bytes.baseAddress else { return nil }
    let n = bytes.count
    var i = 0
    while i < n {
        // Skip ASCII eight bytes at a time.
        while i + 8 <= n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            i += 8
        }
        // Three-byte characters (all of CJK): lead E1–EC or EE–EF (E0 and ED restrict their second
        // byte) followed by two continuation bytes; four characters per step while they last,
        // tested with one 8-byte and one 4-byte mask (a lead's low nibble is neither 0 nor D).
        while i + 12 <= n {
            let low = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            let high = UInt32(littleEndian: UnsafeRawPointer(p + i + 8).loadUnaligned(as: UInt32.self))
            guard low & 0xC0F0_C0C0_F0C0_C0F0 == 0x80E0_8080_E080_80E0, high & 0xC0C0_F0C0 == 0x8080_E080 else { break }
            let n0 = low & 0x0F, n1 = (low >> 24) & 0x0F, n2 = (low >> 48) & 0x0F, n3 = UInt64(high >> 8) & 0x0F
            guard n0 != 0, n0 != 0xD, n1 != 0, n1 != 0xD, n2 != 0, n2 != 0xD, n3 != 0, n3 != 0xD else { break }
            i += 12
        }
        while i + 4 <= n {
            let word = UInt32(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self))
            let lead = word & 0xFF
            guard word & 0x00C0_C0F0 == 0x0080_80E0, lead != 0xE0, lead != 0xED else { break }
            i += 3
        }
        guard i < n else { break }
        let (_, length) = decodeScalar(p, i, n)
        if length < 0 { return i }
        i += length
    }
    return nil
}

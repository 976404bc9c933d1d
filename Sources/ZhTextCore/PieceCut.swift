#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where to cut text that arrives in pieces so that each piece ends at a line break, or, in a
/// line too long to hold, at a place that splits no sentence where one can be found. Shared by
/// the command-line reader and the cleanup and pipeline streams.
package enum PieceCut {
    /// The offset of the first line feed in `bytes[from..<to]`, or `to` when there is none.
    /// memchr reads many bytes a step: a byte-by-byte loop cost 5 instructions a byte.
    @inline(__always)
    package static func nextLineFeed(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let base = bytes.baseAddress, let hit = memchr(base + from, 0x0A, to - from) else { return max(from, to) }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The end of the last complete line in `bytes` at or after `start`, or 0. A carriage
    /// return at the very end is not complete yet: a line feed may follow in the next read.
    package static func endOfLastLine(_ bytes: UnsafeBufferPointer<UInt8>, searchingFrom start: Int) -> Int {
        var i = bytes.count
        while i > start {
            let byte = bytes[i - 1]
            if byte == 0x0A { return i }
            if byte == 0x0D, i < bytes.count { return i }
            i -= 1
        }
        return 0
    }

    /// Where to cut a line with no break: after its last sentence terminator in the second half,
    /// else after its last clause mark or space there (no token or sentence is split at either),
    /// else before the last character. Never 0 for a non-empty buffer.
    package static func cutInLongLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if let cut = lastEnd(in: bytes, ascii: [0x21, 0x3F], wide: [(0xE3, 0x80, 0x82), (0xEF, 0xBC, 0x81), (0xEF, 0xBC, 0x9F)]) {
            return cut  // 。！？ ! ?
        }
        if let cut = lastEnd(in: bytes, ascii: [0x20, 0x2C, 0x3B],
                             wide: [(0xEF, 0xBC, 0x8C), (0xE3, 0x80, 0x81), (0xEF, 0xBC, 0x9B), (0xEF, 0xBC, 0x9A)]) {
            return cut  // ，、；： space , ;
        }
        // Neither: before the last character, which may still be incomplete (the start
        // of a character is a byte that is not a continuation byte, at most four bytes back).
        var start = bytes.count - 1
        while start > 0, start > bytes.count - 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return max(start, 1)
    }

    /// The end of the last of these marks in the second half of `bytes`.
    private static func lastEnd(in bytes: UnsafeBufferPointer<UInt8>, ascii: [UInt8], wide: [(UInt8, UInt8, UInt8)]) -> Int? {
        var i = bytes.count
        while i > bytes.count / 2, i >= 3 {
            let b = bytes[i - 1]
            if b < 0x80 {
                if ascii.contains(b) { return i }
            } else if wide.contains(where: { $0 == (bytes[i - 3], bytes[i - 2], b) }) {
                return i
            }
            i -= 1
        }
        return nil
    }
}

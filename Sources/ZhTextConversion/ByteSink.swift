#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable output buffer for the conversion loops: appending a three-byte character is a
/// few stores, where `Array.append(contentsOf:)` pays a generic call and a capacity check.
final class ByteSink {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far (valid until the next append or reset).
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Forgets the contents, keeping the memory.
    func reset() { count = 0 }

    @inline(__always)
    func append(_ source: UnsafePointer<UInt8>, _ length: Int) {
        if count &+ length > capacity { grow(to: count + length) }
        let target = UnsafeMutableRawPointer(base + count)
        let from = UnsafeRawPointer(source)
        // Most pieces are a few characters: two overlapping word moves instead of a memcpy call
        // (a byte loop here becomes one anyway).
        if length >= 4, length <= 16 {
            if length <= 8 {
                let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: length &- 4, as: UInt32.self)
                target.storeBytes(of: head, as: UInt32.self)
                target.storeBytes(of: tail, toByteOffset: length &- 4, as: UInt32.self)
            } else {
                let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: length &- 8, as: UInt64.self)
                target.storeBytes(of: head, as: UInt64.self)
                target.storeBytes(of: tail, toByteOffset: length &- 8, as: UInt64.self)
            }
        } else if length < 4 {
            if length > 0 { target.storeBytes(of: source[0], as: UInt8.self) }
            if length > 1 { target.storeBytes(of: source[1], toByteOffset: 1, as: UInt8.self) }
            if length > 2 { target.storeBytes(of: source[2], toByteOffset: 2, as: UInt8.self) }
        } else {
            memcpy(target, source, length)
        }
        count &+= length
    }

    /// Appends the low `length` (1–4) bytes of `word`, least significant first, with one store.
    @inline(__always)
    func append(packed word: UInt32, length: Int) {
        if count &+ 4 > capacity { grow(to: count + 4) }
        UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt32.self)
        count &+= length
    }

    /// Appends the unchanged input `p[copyStart..<i]` still pending, then a character's packed
    /// output `word` (UTF-8 in the low 1–3 bytes, their count in bits 24–25): the fused walks'
    /// write of a character that changes.
    @inline(__always)
    func append(pending p: UnsafePointer<UInt8>, from copyStart: Int, to i: Int, thenWord word: UInt32) {
        if copyStart < i { append(p + copyStart, i &- copyStart) }
        append(packed: word, length: Int(word >> 24 & 3))
    }

    @inline(__always)
    func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        if let start = buffer.baseAddress { append(start, buffer.count) }
    }

    private func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// The contents as a string, copied without a second validation pass.
    ///
    /// - Precondition: the contents are valid UTF-8. The conversion loops guarantee it: they
    ///   copy validated input cut at character boundaries and dictionary values that were
    ///   validated when their table was loaded (`ConversionTable`). Re-validating 17 MB of
    ///   output cost a tenth of a conversion.
    func makeString() -> String {
        String(convertedUTF8: bytes)
    }
}

extension String {
    /// A copy of conversion output, without a second validation pass.
    ///
    /// - Precondition: `bytes` came out of the conversion loops, which write valid UTF-8 only
    ///   (see ``ByteSink/makeString()``).
    init(convertedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        self.init(copying: UTF8Span(unchecked: bytes.span))
    }
}

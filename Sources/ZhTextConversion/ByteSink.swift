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
        if length <= 8 {
            var i = 0
            while i < length {
                base[count &+ i] = source[i]
                i &+= 1
            }
        } else {
            memcpy(base + count, source, length)
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

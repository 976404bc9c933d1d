/// The bytes of one output record while it is written.
///
/// An append is a bounds test and a copy through a raw pointer. Writing a record into an array
/// went through `Array.append(contentsOf:)` with its uniqueness and capacity tests for every
/// piece (a sentence, a line of text between two escapes, a comma), a sixth of the cost that
/// batch mode adds to its steps.
///
/// It exists only inside ``array(estimatedCount:_:)``, which hands it out `inout`: a copy would
/// write the same memory with a count of its own, so none is made. A struct, not a class: an
/// object per record was an allocation more per record.
package struct RecordBuffer: ByteAppending {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Whether `base` was allocated here (else it is the storage of the array being built, until
    /// the record outgrows it).
    private var ownsStorage = false
    /// The number of bytes written.
    package private(set) var count = 0

    private init(writingInto storage: UnsafeMutableBufferPointer<UInt8>) {
        base = storage.baseAddress!
        capacity = storage.count
    }

    /// The array that `write` writes, written straight into the array's storage: copied once
    /// more only when it outgrows `estimatedCount` bytes.
    package static func array(estimatedCount: Int, _ write: (inout RecordBuffer) -> Void) -> [UInt8] {
        var outgrown: [UInt8]? = nil
        let array = [UInt8](unsafeUninitializedCapacity: max(estimatedCount, 64)) { storage, initialized in
            var out = RecordBuffer(writingInto: storage)
            write(&out)
            if out.ownsStorage {
                outgrown = Array(UnsafeBufferPointer(start: out.base, count: out.count))
                out.base.deallocate()
                initialized = 0
            } else {
                initialized = out.count
            }
        }
        return outgrown ?? array
    }

    @inline(__always)
    package mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let source = bytes.baseAddress else { return }
        if n > capacity &- count { grow(toHold: n) }
        let target = base + count
        // A literal or a short run: a call to memcpy costs more than the bytes.
        if n <= 16 {
            for k in 0..<n { target[k] = source[k] }
        } else {
            target.initialize(from: source, count: n)
        }
        count &+= n
    }

    @inline(__always)
    package mutating func append(byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        base[count] = byte
        count &+= 1
    }

    package mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(bytes: $0) }
    }

    /// Doubles the capacity (at least), so that appends cost amortised constant time.
    private mutating func grow(toHold extra: Int) {
        // `count + extra` fits an Int: both are sizes of buffers that exist.
        let newCapacity = max(capacity * 2, count + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        if ownsStorage { base.deallocate() }
        base = newBase
        capacity = newCapacity
        ownsStorage = true
    }
}

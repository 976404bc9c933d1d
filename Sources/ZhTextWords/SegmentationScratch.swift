/// The per-character arrays one block needs, as raw buffers grown to the longest block seen and
/// reused: a segmentation touches them for every character, and Swift arrays would add a
/// uniqueness check to every write. The owner frees them; ``BlockText`` carries the pointers.
final class SegmentationScratch {
    private(set) var capacity = 0
    private(set) var starts: UnsafeMutablePointer<Int>
    private(set) var scalars: UnsafeMutablePointer<UInt32>
    private(set) var codes: UnsafeMutablePointer<Int32>
    private(set) var userCodes: UnsafeMutablePointer<Int32>
    private(set) var routeWeight: UnsafeMutablePointer<Double>
    private(set) var routeEnd: UnsafeMutablePointer<Int>

    init() {
        starts = .allocate(capacity: 1)
        scalars = .allocate(capacity: 1)
        codes = .allocate(capacity: 1)
        userCodes = .allocate(capacity: 1)
        routeWeight = .allocate(capacity: 1)
        routeEnd = .allocate(capacity: 1)
        grow(to: 256)
    }

    /// Room for `count` characters (and one more entry where an array needs it).
    func grow(to count: Int) {
        guard count > capacity else { return }
        let newCapacity = max(count, capacity * 2)
        // Growing happens in the middle of collecting a block: what is there is kept.
        let kept = capacity == 0 ? 0 : capacity + 1
        func move<T>(_ old: UnsafeMutablePointer<T>, _ filler: T) -> UnsafeMutablePointer<T> {
            let new = UnsafeMutablePointer<T>.allocate(capacity: newCapacity + 1)
            new.initialize(repeating: filler, count: newCapacity + 1)
            new.update(from: old, count: kept)
            old.deallocate()
            return new
        }
        starts = move(starts, 0)
        scalars = move(scalars, 0)
        codes = move(codes, 0)
        userCodes = move(userCodes, 0)
        routeWeight = move(routeWeight, 0)
        routeEnd = move(routeEnd, 0)
        capacity = newCapacity
    }

    deinit {
        starts.deallocate()
        scalars.deallocate()
        codes.deallocate()
        userCodes.deallocate()
        routeWeight.deallocate()
        routeEnd.deallocate()
    }
}

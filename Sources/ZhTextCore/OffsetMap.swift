/// Maps UTF-8 byte offsets between a source text and a text derived from it (converted,
/// cleaned), so that any range of the result can be traced back to the caller's input.
///
/// The map is a sequence of pieces that tile both texts in order. A *linear* piece maps byte
/// for byte (an unchanged run, or a replacement whose characters have the same UTF-8 lengths
/// as the original ones); any other piece is atomic: a range inside it maps to the whole piece.
/// Adjacent linear pieces are merged, so an unchanged text costs one piece.
public struct OffsetMap: Sendable, Hashable {
    @usableFromInline var sourceStarts: [Int] = [0]
    @usableFromInline var targetStarts: [Int] = [0]
    @usableFromInline var linear: [Bool] = []

    /// An empty map (both texts empty).
    public init() {}

    /// The identity map of a text of `utf8Count` bytes.
    public static func identity(utf8Count: Int) -> OffsetMap {
        var map = OffsetMap()
        map.append(sourceLength: utf8Count, targetLength: utf8Count, linear: true)
        return map
    }

    /// Length of the source text in bytes.
    public var sourceLength: Int { sourceStarts[sourceStarts.count - 1] }

    /// Length of the target text in bytes.
    public var targetLength: Int { targetStarts[targetStarts.count - 1] }

    /// One piece of the map.
    public struct Piece: Sendable, Hashable {
        /// The bytes of the source text the piece covers.
        public var sourceRange: Range<Int>
        /// The bytes of the target text the piece covers.
        public var targetRange: Range<Int>
        /// Whether the piece maps byte for byte (else a range inside it maps to the whole piece).
        public var isLinear: Bool
    }

    /// The pieces, in order.
    public var pieces: [Piece] {
        linear.indices.map {
            Piece(sourceRange: sourceStarts[$0]..<sourceStarts[$0 + 1],
                  targetRange: targetStarts[$0]..<targetStarts[$0 + 1], isLinear: linear[$0])
        }
    }

    /// The number of pieces (a measure of the map's memory: 17 bytes each).
    public var pieceCount: Int { linear.count }

    /// Appends a piece covering the next `sourceLength` source bytes and `targetLength` target
    /// bytes. `linear` pieces must have equal lengths.
    public mutating func append(sourceLength: Int, targetLength: Int, linear isLinear: Bool) {
        guard sourceLength > 0 || targetLength > 0 else { return }
        let isLinear = isLinear && sourceLength == targetLength
        if isLinear, let last = linear.last, last {
            sourceStarts[sourceStarts.count - 1] += sourceLength
            targetStarts[targetStarts.count - 1] += targetLength
            return
        }
        sourceStarts.append(sourceStarts[sourceStarts.count - 1] + sourceLength)
        targetStarts.append(targetStarts[targetStarts.count - 1] + targetLength)
        linear.append(isLinear)
    }

    /// Appends every piece of `other`, shifted to follow this map's pieces.
    public mutating func append(contentsOf other: OffsetMap) {
        for i in other.linear.indices {
            append(sourceLength: other.sourceStarts[i + 1] - other.sourceStarts[i],
                   targetLength: other.targetStarts[i + 1] - other.targetStarts[i],
                   linear: other.linear[i])
        }
    }

    /// The source range that produced the target range `range` (widened to whole atomic pieces).
    public func sourceRange(forTargetRange range: Range<Int>) -> Range<Int> {
        let lower = Self.map(range.lowerBound, from: targetStarts, to: sourceStarts, linear: linear, roundUp: false)
        let upper = Self.map(range.upperBound, from: targetStarts, to: sourceStarts, linear: linear, roundUp: true)
        return lower..<max(lower, upper)
    }

    /// The target range produced from the source range `range` (widened to whole atomic pieces).
    public func targetRange(forSourceRange range: Range<Int>) -> Range<Int> {
        let lower = Self.map(range.lowerBound, from: sourceStarts, to: targetStarts, linear: linear, roundUp: false)
        let upper = Self.map(range.upperBound, from: sourceStarts, to: targetStarts, linear: linear, roundUp: true)
        return lower..<max(lower, upper)
    }

    static func map(_ offset: Int, from: [Int], to: [Int], linear: [Bool], roundUp: Bool) -> Int {
        let pieces = linear.count
        guard pieces > 0 else { return 0 }
        let offset = min(max(offset, 0), from[pieces])
        // The piece whose [start, end) holds the offset; at a boundary, the piece that starts there
        // (rounding down) or the one that ends there (rounding up).
        var lo = 0, hi = pieces - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if roundUp ? from[mid] < offset : from[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let piece = lo
        if offset == from[piece] { return to[piece] }
        if offset == from[piece + 1] { return to[piece + 1] }
        if linear[piece] { return to[piece] + (offset - from[piece]) }
        return roundUp ? to[piece + 1] : to[piece]
    }

    /// The map from this map's source to `next`'s target, where `next` starts from this map's target.
    ///
    /// A linear piece on either side may be split anywhere, so boundaries survive where at least
    /// one side allows them; the result is linear only where both maps were. Deletions and
    /// insertions stay pieces of their own wherever the other side allows a cut there.
    public func composed(with next: OffsetMap) -> OffsetMap {
        let a = self, b = next
        var result = OffsetMap()
        var i = 0, j = 0
        var pendingSource = 0, pendingTarget = 0  // where the piece being accumulated starts
        var pendingLinear = true
        let aCount = a.linear.count, bCount = b.linear.count
        // Source and target offsets at middle offset `m`, if both sides allow a cut there.
        func cut(at m: Int) -> (source: Int, target: Int)? {
            let source: Int
            if i >= aCount || m == a.targetStarts[i] {
                source = a.sourceStarts[min(i, aCount)]
            } else if m == a.targetStarts[i + 1] {
                source = a.sourceStarts[i + 1]
            } else if a.linear[i] {
                source = a.sourceStarts[i] + (m - a.targetStarts[i])
            } else {
                return nil
            }
            let target: Int
            if j >= bCount || m == b.sourceStarts[j] {
                target = b.targetStarts[min(j, bCount)]
            } else if m == b.sourceStarts[j + 1] {
                target = b.targetStarts[j + 1]
            } else if b.linear[j] {
                target = b.targetStarts[j] + (m - b.sourceStarts[j])
            } else {
                return nil
            }
            return (source, target)
        }
        func flush(to point: (source: Int, target: Int)) {
            result.append(sourceLength: point.source - pendingSource, targetLength: point.target - pendingTarget,
                          linear: pendingLinear)
            pendingSource = point.source
            pendingTarget = point.target
            pendingLinear = true
        }
        while i < aCount || j < bCount {
            // A deletion in `a` (nothing in the middle text) or an insertion in `b`.
            if i < aCount, a.targetStarts[i + 1] == a.targetStarts[i] {
                let m = a.targetStarts[i]
                if let point = cut(at: m) {
                    flush(to: point)
                    result.append(sourceLength: a.sourceStarts[i + 1] - a.sourceStarts[i], targetLength: 0, linear: false)
                    pendingSource = a.sourceStarts[i + 1]
                } else {
                    pendingLinear = false
                }
                i += 1
                continue
            }
            if j < bCount, b.sourceStarts[j + 1] == b.sourceStarts[j] {
                let m = b.sourceStarts[j]
                if let point = cut(at: m) {
                    flush(to: point)
                    result.append(sourceLength: 0, targetLength: b.targetStarts[j + 1] - b.targetStarts[j], linear: false)
                    pendingTarget = b.targetStarts[j + 1]
                } else {
                    pendingLinear = false
                }
                j += 1
                continue
            }
            guard i < aCount, j < bCount else { break }
            let aEnd = a.targetStarts[i + 1], bEnd = b.sourceStarts[j + 1]
            let m = min(aEnd, bEnd)
            pendingLinear = pendingLinear && a.linear[i] && b.linear[j]
            let point: (source: Int, target: Int)? = {
                let source: Int? = m == aEnd ? a.sourceStarts[i + 1]
                    : a.linear[i] ? a.sourceStarts[i] + (m - a.targetStarts[i]) : nil
                let target: Int? = m == bEnd ? b.targetStarts[j + 1]
                    : b.linear[j] ? b.targetStarts[j] + (m - b.sourceStarts[j]) : nil
                guard let source, let target else { return nil }
                return (source, target)
            }()
            if m == aEnd { i += 1 }
            if m == bEnd { j += 1 }
            if let point { flush(to: point) }
        }
        let sourceEnd = a.sourceLength, targetEnd = b.targetLength
        if sourceEnd > pendingSource || targetEnd > pendingTarget {
            result.append(sourceLength: sourceEnd - pendingSource, targetLength: targetEnd - pendingTarget,
                          linear: pendingLinear && sourceEnd - pendingSource == targetEnd - pendingTarget)
        }
        return result
    }
}

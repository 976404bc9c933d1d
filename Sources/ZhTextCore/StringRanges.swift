/// The `String.Index` range of UTF-8 offsets `range` in `text`, for the `range(in:)` of every
/// result type. Offsets past the end are clamped to it; an offset inside a character rounds
/// down to where the character starts, as `String`'s own index conversion does.
package func stringRange(utf8 range: Range<Int>, in text: some StringProtocol) -> Range<String.Index> {
    let utf8 = text.utf8
    let count = utf8.count
    let lower = utf8.index(utf8.startIndex, offsetBy: min(max(range.lowerBound, 0), count))
    let upper = utf8.index(lower, offsetBy: min(max(range.upperBound, range.lowerBound), count) - min(max(range.lowerBound, 0), count))
    return lower..<upper
}

/// Calls `body` with the UTF-8 of `text` as one buffer: in place for a native `String` or
/// `Substring`, copied for other `StringProtocol` types. Every string entry point goes through it.
package func withContiguousUTF8<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return try Array(text.utf8).withUnsafeBufferPointer(body)
}

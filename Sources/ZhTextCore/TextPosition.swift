/// A position in a text, counted both in UTF-8 bytes and in Unicode scalars.
///
/// ZhText reports every range in both units: bytes for slicing `String.UTF8View` or a
/// byte buffer in O(1), scalars for tools that count code points (Python `str`, ICU).
/// Invalid UTF-8 counts one scalar per maximal invalid subsequence, exactly as
/// `String(decoding:as:)` would replace it with one U+FFFD.
public struct TextPosition: Sendable, Hashable, Comparable {
    /// Offset in UTF-8 bytes.
    public var utf8: Int
    /// Offset in Unicode scalars.
    public var scalar: Int

    /// Creates a position from its two offsets.
    public init(utf8: Int, scalar: Int) {
        self.utf8 = utf8
        self.scalar = scalar
    }

    /// The start of a text.
    public static let zero = TextPosition(utf8: 0, scalar: 0)

    /// Orders positions by their byte offset.
    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool { lhs.utf8 < rhs.utf8 }
}

/// Splits text into typed tokens in one pass over its UTF-8 bytes.
///
/// The tokenizer is the common first stage of every ZhText component. It never copies its
/// input, never fails, and accounts for every byte: invalid UTF-8 becomes
/// ``TokenKind/invalid`` tokens with their byte ranges.
///
/// ```swift
/// let tokenizer = Tokenizer()
/// tokenizer.forEachToken(in: "全区生态环境保护大会召开。") { token in
///     print(token.kind.name, token.utf8Range)
/// }
/// ```
///
/// Cost: O(n) time. The streaming forms allocate nothing; `tokens(in:)` allocates
/// the result array. The scalar class table (about 30 KB) is built once per process.
public struct Tokenizer: Sendable {
    /// Creates a tokenizer.
    @inlinable public init() {}

    /// Calls `body` with each token of a UTF-8 buffer, in order. Bytes that are not UTF-8
    /// become ``TokenKind/invalid`` tokens, so the ranges cover the buffer exactly.
    @inlinable
    public func forEachToken(
        inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (Token) throws -> Void
    ) rethrows {
        // The iterator's loop with its state in locals, which the optimiser keeps in registers.
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return }
        let table = ScalarClassTable.shared
        let n = bytes.count
        var i = 0, s = 0
        var lookahead = lookScalar(p, 0, n, table)
        while i < n {
            let start = i, startScalars = s
            let kind = TokenIterator.scanToken(p, n, &i, &s, &lookahead, table)
            try body(Token(kind: kind, utf8Range: Range(uncheckedBounds: (start, i)),
                           scalarRange: Range(uncheckedBounds: (startScalars, s))))
        }
    }

    /// Calls `body` with each token of UTF-8 bytes (contiguous collections are not copied).
    public func forEachToken(inUTF8 bytes: some Collection<UInt8>, _ body: (Token) throws -> Void) rethrows {
        let done: Void? = try bytes.withContiguousStorageIfAvailable { try forEachToken(inUTF8: $0, body) }
        if done == nil {
            try Array(bytes).withUnsafeBufferPointer { try forEachToken(inUTF8: $0, body) }
        }
    }

    /// Calls `body` with each token of `text`, in order; ranges count from the start of `text`.
    public func forEachToken(in text: some StringProtocol, _ body: (Token) throws -> Void) rethrows {
        try withContiguousUTF8(text) { try forEachToken(inUTF8: $0, body) }
    }

    /// All tokens of `text`.
    public func tokens(in text: some StringProtocol) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(text.utf8.count / 8)
        withContiguousUTF8(text) { bytes in forEachToken(inUTF8: bytes) { result.append($0) } }
        return result
    }

    /// All tokens of UTF-8 bytes.
    public func tokens(inUTF8 bytes: some Collection<UInt8>) -> [Token] {
        var result: [Token] = []
        forEachToken(inUTF8: bytes) { result.append($0) }
        return result
    }

    /// Calls `body` with each token of a UTF-8 buffer.
    @available(*, deprecated, renamed: "forEachToken(inUTF8:_:)")
    @inlinable
    public func forEachToken(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Token) throws -> Void) rethrows {
        try forEachToken(inUTF8: bytes, body)
    }

    /// Calls `body` with each token of a byte collection.
    @available(*, deprecated, renamed: "forEachToken(inUTF8:_:)")
    public func forEachToken<Bytes: Collection<UInt8>>(in bytes: Bytes, _ body: (Token) throws -> Void) rethrows {
        try forEachToken(inUTF8: bytes, body)
    }

    /// All tokens of a byte collection.
    @available(*, deprecated, renamed: "tokens(inUTF8:)")
    public func tokens<Bytes: Collection<UInt8>>(in bytes: Bytes) -> [Token] {
        tokens(inUTF8: bytes)
    }

    /// The kind a lone scalar has (runs, line-break pairs and emoji sequences aside).
    public static func kind(of scalar: Unicode.Scalar) -> TokenKind {
        let cls = ScalarClassTable.shared.classOf(scalar.value)
        switch cls {
        case ScalarClass.han: return .han
        case ScalarClass.lineBreak: return .lineBreak
        case ScalarClass.symbol: return .symbol
        case ScalarClass.emoji, ScalarClass.regionalIndicator: return .emoji
        case ScalarClass.mark, ScalarClass.emojiExtender: return .other
        case ScalarClass.punctuationBase...: return .punctuation(Punctuation(rawValue: cls - ScalarClass.punctuationBase) ?? .other)
        default: return TokenIterator.kind(ofRunClass: cls)
        }
    }
}

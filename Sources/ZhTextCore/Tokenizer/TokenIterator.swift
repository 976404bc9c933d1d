/// Pulls tokens one by one from a UTF-8 buffer, without allocating.
///
/// The buffer must stay valid and unchanged while the iterator is in use; ``Tokenizer``'s
/// closure-based methods arrange that for `String`, `Substring` and byte collections.
/// Every byte of the buffer lands in exactly one token, in order.
public struct TokenIterator: IteratorProtocol {
    @usableFromInline let base: UnsafePointer<UInt8>?
    @usableFromInline let count: Int
    @usableFromInline let origin: TextPosition
    @usableFromInline let table: ScalarClassTable
    @usableFromInline var offset = 0
    @usableFromInline var scalars = 0
    // The scalar at `offset`, already decoded and classified by the previous token's scan,
    // so that every scalar is looked at exactly once.
    @usableFromInline var lookahead: Lookahead

    /// A decoded scalar: its value, its byte length (negative: an invalid subpart of that
    /// many bytes) and its class (``invalidClass`` for invalid bytes, so that comparing the
    /// class alone also rejects them).
    @usableFromInline struct Lookahead {
        @usableFromInline var scalar: UInt32
        @usableFromInline var length: Int
        @usableFromInline var cls: UInt8

        @inlinable init(scalar: UInt32, length: Int, cls: UInt8) {
            self.scalar = scalar
            self.length = length
            self.cls = cls
        }
    }

    @inlinable static var invalidClass: UInt8 { 255 }
    @inlinable static var terminatorClass: UInt8 { ScalarClass.punctuationBase + Punctuation.sentenceTerminator.rawValue }
    @inlinable static var ellipsisClass: UInt8 { ScalarClass.punctuationBase + Punctuation.ellipsis.rawValue }
    @inlinable static var dashClass: UInt8 { ScalarClass.punctuationBase + Punctuation.dash.rawValue }

    /// Creates an iterator over `bytes`, reporting positions as if the buffer began at `origin`
    /// (use it to tokenize a long input in chunks with offsets into the whole).
    public init(_ bytes: UnsafeBufferPointer<UInt8>, origin: TextPosition = .zero) {
        self.base = bytes.baseAddress
        self.count = bytes.count
        self.origin = origin
        self.table = ScalarClassTable.shared
        self.lookahead = Lookahead(scalar: 0, length: 0, cls: 0)
        if let p = base, count > 0 { lookahead = lookScalar(p, 0, count, table) }
    }

    /// The position just past the last token returned, in the caller's coordinates.
    public var position: TextPosition {
        TextPosition(utf8: origin.utf8 + offset, scalar: origin.scalar + scalars)
    }
}

/// Decodes and classifies the scalar at `i` (see ``TokenIterator/Lookahead``).
@inlinable @inline(__always)
func lookScalar(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ table: ScalarClassTable) -> TokenIterator.Lookahead {
    let b0 = p[i]
    if b0 < 0x80 { return .init(scalar: UInt32(b0), length: 1, cls: table.latin1[Int(b0)]) }
    // Three-byte sequences (all of CJK and its punctuation) first, with one masked compare.
    if i &+ 4 <= n {
        let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self).littleEndian
        // 1110xxxx 10xxxxxx 10xxxxxx, excluding E0 (overlong forms) and ED (surrogates).
        if w & 0x00C0_C0F0 == 0x0080_80E0, b0 != 0xE0, b0 != 0xED {
            let cp = (w & 0x0F) &<< 12 | (w &>> 2) & 0x0FC0 | (w &>> 16) & 0x3F
            return .init(scalar: cp, length: 3, cls: table.bmp[Int(cp)])
        }
    } else if b0 &- 0xE1 <= 0x0E, b0 != 0xED, i &+ 2 < n {
        let b1 = p[i &+ 1], b2 = p[i &+ 2]
        if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 {
            let cp = UInt32(b0 & 0x0F) &<< 12 | UInt32(b1 & 0x3F) &<< 6 | UInt32(b2 & 0x3F)
            return .init(scalar: cp, length: 3, cls: table.bmp[Int(cp)])
        }
    }
    return lookScalarSlowly(p, i, n, table)
}

/// Two- and four-byte sequences and invalid bytes: kept out of line so that the hot loops stay
/// small enough for the optimiser to inline everything else.
@usableFromInline @inline(never)
func lookScalarSlowly(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ table: ScalarClassTable) -> TokenIterator.Lookahead {
    let (cp, len) = decodeScalar(p, i, n)
    return .init(scalar: cp, length: len, cls: len > 0 ? table.classOf(cp) : TokenIterator.invalidClass)
}

extension TokenIterator {

    @inlinable @inline(__always)
    static func extends(_ cls: UInt8) -> Bool {
        cls == ScalarClass.mark || cls == ScalarClass.emojiExtender
    }

    /// The next token, or nil at the end of the buffer.
    @inlinable @inline(__always)
    public mutating func next() -> Token? {
        guard offset < count, let p = base else { return nil }
        let start = offset, startScalars = scalars
        let kind = Self.scanToken(p, count, &offset, &scalars, &lookahead, table)
        return Token(
            kind: kind,
            utf8Range: Range(uncheckedBounds: (origin.utf8 &+ start, origin.utf8 &+ offset)),
            scalarRange: Range(uncheckedBounds: (origin.scalar &+ startScalars, origin.scalar &+ scalars)))
    }

    /// Reads the token at byte `i` (whose first scalar is `la`), advancing `i`, the scalar count
    /// `s` and `la` past it. Plain locals in, plain locals out: the hot loop keeps them in registers.
    @inlinable @inline(__always)
    static func scanToken(
        _ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ s: inout Int, _ la: inout Lookahead,
        _ table: ScalarClassTable
    ) -> TokenKind {
        let kind: TokenKind
        if la.length < 0 {
            kind = scanInvalidRun(p, n, &i, &s, &la, table)
        } else {
            let first = la
            i &+= first.length
            s &+= 1
            let c = first.cls
            // Ordered by frequency in news text: Han, then punctuation, then the rest.
            if c == ScalarClass.han {
                kind = .han
                scan: while true {
                    // U+4E00–U+9FFF (bytes E4 B8 80 … E9 BF BF) on raw bytes, two characters per load.
                    let fastStart = i
                    while i &+ 8 <= n {
                        let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self).littleEndian
                        guard w & 0x0000_C0C0_00C0_C000 == 0x0000_8080_0080_8000 else { break }
                        let c1 = (UInt16(truncatingIfNeeded: w) &<< 8 | UInt16(truncatingIfNeeded: w &>> 8) & 0xFF) &- 0xE4B8
                        let c2 = (UInt16(truncatingIfNeeded: w &>> 24) &<< 8 | UInt16(truncatingIfNeeded: w &>> 32) & 0xFF) &- 0xE4B8
                        // Both in U+4E00–U+9FFF: one branch for the common case.
                        if max(c1, c2) <= 0x0507 {
                            i &+= 6
                            continue
                        }
                        if c1 <= 0x0507 { i &+= 3 }
                        break
                    }
                    s &+= (i &- fastStart) / 3  // every character taken above is three bytes
                    guard i < n else { break scan }
                    la = lookScalar(p, i, n, table)
                    guard la.cls == ScalarClass.han || Self.extends(la.cls) else { break scan }
                    i &+= la.length
                    s &+= 1
                }
            } else if c >= ScalarClass.punctuationBase {
                let role = Punctuation(rawValue: c &- ScalarClass.punctuationBase) ?? .other
                if c == Self.terminatorClass || c == Self.ellipsisClass || c == Self.dashClass {
                    let firstIsFullStop = Self.isFullStop(first.scalar)
                    var length = 1
                    while i < n {
                        la = lookScalar(p, i, n, table)
                        guard la.cls == c else { break }
                        if c == Self.terminatorClass, firstIsFullStop ? la.scalar != first.scalar : Self.isFullStop(la.scalar) {
                            break
                        }
                        length &+= 1
                        i &+= la.length
                        s &+= 1
                    }
                    kind = .punctuation(c == Self.terminatorClass && firstIsFullStop && length >= 3 ? .ellipsis : role)
                } else {
                    kind = .punctuation(role)
                    if i < n { la = lookScalar(p, i, n, table) }
                }
            } else if c <= ScalarClass.space || c == ScalarClass.mark || c == ScalarClass.emojiExtender {
                // latin, other letters, digits, white space, other (and stray marks, which start an `other` run)
                let runClass = Self.extends(c) ? ScalarClass.other : c
                kind = Self.kind(ofRunClass: runClass)
                while i < n {
                    la = lookScalar(p, i, n, table)
                    guard la.cls == runClass || Self.extends(la.cls) else { break }
                    i &+= la.length
                    s &+= 1
                }
            } else {
                kind = scanRareToken(first, p, n, &i, &s, &la, table)
            }
        }
        return kind
    }

    /// Invalid UTF-8: one token for a run of maximal invalid subparts.
    @usableFromInline @inline(never)
    static func scanInvalidRun(
        _ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ s: inout Int, _ la: inout Lookahead, _ table: ScalarClassTable
    ) -> TokenKind {
        repeat {
            i &+= -la.length
            s &+= 1
            guard i < n else { break }
            la = lookScalar(p, i, n, table)
        } while la.length < 0
        return .invalid
    }

    /// Line breaks, symbols and emoji: rare in news text, so out of the hot path.
    @usableFromInline @inline(never)
    static func scanRareToken(_ first: Lookahead, _ p: UnsafePointer<UInt8>, _ n: Int,
                              _ i: inout Int, _ s: inout Int, _ la: inout Lookahead, _ table: ScalarClassTable) -> TokenKind {
        let c = first.cls
        if c == ScalarClass.lineBreak {
            if first.scalar == 0x0D, i < n, p[i] == 0x0A {
                i &+= 1
                s &+= 1
            }
            if i < n { la = lookScalar(p, i, n, table) }
            return .lineBreak
        }
        if c == ScalarClass.symbol {
            while i < n {
                la = lookScalar(p, i, n, table)
                guard Self.extends(la.cls) else { break }
                i &+= la.length
                s &+= 1
            }
            return .symbol
        }
        if c == ScalarClass.regionalIndicator, i < n {
            let pair = lookScalar(p, i, n, table)
            if pair.cls == ScalarClass.regionalIndicator {
                i &+= pair.length
                s &+= 1
            }
        }
        scanEmojiTail(p, n, &i, &s, table)
        if i < n { la = lookScalar(p, i, n, table) }
        return .emoji
    }

    @inlinable
    static func kind(ofRunClass cls: UInt8) -> TokenKind {
        switch cls {
        case ScalarClass.latin: return .latin
        case ScalarClass.otherLetter: return .otherLetters
        case ScalarClass.digit: return .digits
        case ScalarClass.space: return .whitespace
        default: return .other
        }
    }

    /// Modifiers, variation selectors, keycaps and tags extend an emoji; ZWJ joins the next one.
    static func scanEmojiTail(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ s: inout Int, _ table: ScalarClassTable) {
        while i < n {
            let la = lookScalar(p, i, n, table)
            guard la.length > 0 else { return }
            if la.scalar == 0x200D {
                guard i + la.length < n else { return }
                let joined = lookScalar(p, i + la.length, n, table)
                guard joined.length > 0, joined.cls == ScalarClass.emoji || joined.cls == ScalarClass.symbol else { return }
                i &+= la.length + joined.length
                s &+= 2
            } else if Self.extends(la.cls) {
                i &+= la.length
                s &+= 1
            } else {
                return
            }
        }
    }

    @inlinable @inline(__always)
    static func isFullStop(_ scalar: UInt32) -> Bool {
        scalar == 0x2E || scalar == 0xFF0E || scalar == 0x3002 || scalar == 0xFF61
    }
}

/// Pulls tokens one by one from a UTF-8 buffer, without allocating.
///
/// The buffer must stay valid and unchanged while the iterator is in use; ``Tokenizer``'s
/// closure-based methods arrange that for `String`, `Substring` and byte collections.
/// Every byte of the buffer lands in exactly one token, in order.
public struct TokenIterator: IteratorProtocol {
    let base: UnsafePointer<UInt8>?
    let count: Int
    let origin: TextPosition
    let table: ScalarClassTable
    var offset = 0
    var scalars = 0
    // The scalar at `offset`, already decoded and classified by the previous token's scan,
    // so that every scalar is looked at exactly once.
    var lookahead: Lookahead

    /// A decoded scalar: its value, its byte length (negative: an invalid subpart of that
    /// many bytes) and its class.
    struct Lookahead {
        var scalar: UInt32
        var length: Int
        var cls: UInt8
    }

    static let invalidClass: UInt8 = 255

    /// Creates an iterator over `bytes`, reporting positions as if the buffer began at `origin`
    /// (use it to tokenize a long input in chunks with offsets into the whole).
    public init(_ bytes: UnsafeBufferPointer<UInt8>, origin: TextPosition = .zero) {
        self.base = bytes.baseAddress
        self.count = bytes.count
        self.origin = origin
        self.table = ScalarClassTable.shared
        self.lookahead = Lookahead(scalar: 0, length: 0, cls: 0)
        if let p = base, count > 0 { lookahead = Self.look(p, 0, count, table) }
    }

    /// The position just past the last token returned, in the caller's coordinates.
    public var position: TextPosition {
        TextPosition(utf8: origin.utf8 + offset, scalar: origin.scalar + scalars)
    }

    @inline(__always)
    static func look(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ table: ScalarClassTable) -> Lookahead {
        let b0 = p[i]
        if b0 < 0x80 { return Lookahead(scalar: UInt32(b0), length: 1, cls: table.latin1[Int(b0)]) }
        // Three-byte sequences (all of CJK and its punctuation) first, without the general decoder.
        if b0 &- 0xE1 <= 0x0E, b0 != 0xED, i + 2 < n {
            let b1 = p[i + 1], b2 = p[i + 2]
            if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 {
                let cp = UInt32(b0 & 0x0F) &<< 12 | UInt32(b1 & 0x3F) &<< 6 | UInt32(b2 & 0x3F)
                return Lookahead(scalar: cp, length: 3, cls: table.bmp[Int(cp)])
            }
        }
        let (cp, len) = decodeScalar(p, i, n)
        return Lookahead(scalar: cp, length: len, cls: len > 0 ? table.classOf(cp) : invalidClass)
    }

    @inline(__always)
    static func extends(_ cls: UInt8) -> Bool {
        cls == ScalarClass.mark || cls == ScalarClass.emojiExtender
    }

    /// The next token, or nil at the end of the buffer.
    @inline(__always)
    public mutating func next() -> Token? {
        guard offset < count, let p = base else { return nil }
        let n = count
        let table = self.table
        let start = offset, startScalars = scalars
        var i = offset, s = scalars
        var la = lookahead
        let kind: TokenKind
        if la.length < 0 {
            repeat {
                i += -la.length
                s += 1
                guard i < n else { break }
                la = Self.look(p, i, n, table)
            } while la.length < 0
            kind = .invalid
        } else {
            let first = la
            i += first.length
            s += 1
            switch first.cls {
            case ScalarClass.han:
                kind = .han
                scan: while true {
                    // U+4E00–U+9FFF (bytes E4 B8 80 … E9 BF BF) on raw bytes, two characters per load.
                    while i + 8 <= n {
                        let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self).littleEndian
                        guard w & 0x0000_C0C0_00C0_C000 == 0x0000_8080_0080_8000 else { break }
                        let c1 = UInt16(truncatingIfNeeded: w) &<< 8 | UInt16(truncatingIfNeeded: w &>> 8) & 0xFF
                        guard c1 &- 0xE4B8 <= 0x0507 else { break }
                        let c2 = UInt16(truncatingIfNeeded: w &>> 24) &<< 8 | UInt16(truncatingIfNeeded: w &>> 32) & 0xFF
                        i += 3
                        s += 1
                        guard c2 &- 0xE4B8 <= 0x0507 else { break }
                        i += 3
                        s += 1
                    }
                    guard i < n else { break scan }
                    la = Self.look(p, i, n, table)
                    guard la.length > 0, la.cls == ScalarClass.han || Self.extends(la.cls) else { break scan }
                    i += la.length
                    s += 1
                }
            case ScalarClass.latin, ScalarClass.otherLetter, ScalarClass.digit, ScalarClass.space, ScalarClass.other,
                 ScalarClass.mark, ScalarClass.emojiExtender:
                let runClass = Self.extends(first.cls) ? ScalarClass.other : first.cls
                kind = Self.kind(ofRunClass: runClass)
                while i < n {
                    la = Self.look(p, i, n, table)
                    guard la.length > 0, la.cls == runClass || Self.extends(la.cls) else { break }
                    i += la.length
                    s += 1
                }
            case ScalarClass.lineBreak:
                kind = .lineBreak
                if first.scalar == 0x0D, i < n, p[i] == 0x0A {
                    i += 1
                    s += 1
                }
                if i < n { la = Self.look(p, i, n, table) }
            case ScalarClass.symbol:
                kind = .symbol
                while i < n {
                    la = Self.look(p, i, n, table)
                    guard la.length > 0, Self.extends(la.cls) else { break }
                    i += la.length
                    s += 1
                }
            case ScalarClass.emoji, ScalarClass.regionalIndicator:
                kind = .emoji
                if first.cls == ScalarClass.regionalIndicator, i < n {
                    let pair = Self.look(p, i, n, table)
                    if pair.cls == ScalarClass.regionalIndicator {
                        i += pair.length
                        s += 1
                    }
                }
                scanEmojiTail(p, n, &i, &s)
                if i < n { la = Self.look(p, i, n, table) }
            default:
                let role = Punctuation(rawValue: first.cls &- ScalarClass.punctuationBase) ?? .other
                switch role {
                case .sentenceTerminator, .ellipsis, .dash:
                    let firstIsFullStop = Self.isFullStop(first.scalar)
                    var length = 1
                    while i < n {
                        la = Self.look(p, i, n, table)
                        guard la.length > 0, la.cls == first.cls else { break }
                        if role == .sentenceTerminator, firstIsFullStop ? la.scalar != first.scalar : Self.isFullStop(la.scalar) {
                            break
                        }
                        length += 1
                        i += la.length
                        s += 1
                    }
                    kind = .punctuation(role == .sentenceTerminator && firstIsFullStop && length >= 3 ? .ellipsis : role)
                default:
                    kind = .punctuation(role)
                    if i < n { la = Self.look(p, i, n, table) }
                }
            }
        }
        offset = i
        scalars = s
        lookahead = la
        return Token(
            kind: kind,
            utf8Range: Range(uncheckedBounds: (origin.utf8 &+ start, origin.utf8 &+ i)),
            scalarRange: Range(uncheckedBounds: (origin.scalar &+ startScalars, origin.scalar &+ s)))
    }

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
    func scanEmojiTail(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ s: inout Int) {
        while i < n {
            let la = Self.look(p, i, n, table)
            guard la.length > 0 else { return }
            if la.scalar == 0x200D {
                guard i + la.length < n else { return }
                let joined = Self.look(p, i + la.length, n, table)
                guard joined.length > 0, joined.cls == ScalarClass.emoji || joined.cls == ScalarClass.symbol else { return }
                i += la.length + joined.length
                s += 2
            } else if Self.extends(la.cls) {
                i += la.length
                s += 1
            } else {
                return
            }
        }
    }

    @inline(__always)
    static func isFullStop(_ scalar: UInt32) -> Bool {
        scalar == 0x2E || scalar == 0xFF0E || scalar == 0x3002 || scalar == 0xFF61
    }
}

/// Pulls tokens one by one from a UTF-8 buffer, without allocating.
///
/// The buffer must stay valid and unchanged while the iterator is in use; ``Tokenizer``'s
/// closure-based methods arrange that for `String`, `Substring` and byte collections.
/// Every byte of the buffer lands in exactly one token, in order.
public struct TokenIterator: IteratorProtocol {
    @usableFromInline let base: UnsafePointer<UInt8>?
    @usableFromInline let count: Int
    @usableFromInline var offset: Int = 0
    @usableFromInline var scalars: Int = 0
    @usableFromInline let origin: TextPosition
    let table: ScalarClassTable

    /// Creates an iterator over `bytes`, reporting positions as if the buffer began at `origin`
    /// (use it to tokenize a long input in chunks with offsets into the whole).
    public init(_ bytes: UnsafeBufferPointer<UInt8>, origin: TextPosition = .zero) {
        self.base = bytes.baseAddress
        self.count = bytes.count
        self.origin = origin
        self.table = ScalarClassTable.shared
    }

    /// The position just past the last token returned, in the caller's coordinates.
    public var position: TextPosition {
        TextPosition(utf8: origin.utf8 + offset, scalar: origin.scalar + scalars)
    }

    /// The next token, or nil at the end of the buffer.
    public mutating func next() -> Token? {
        guard offset < count, let p = base else { return nil }
        let n = count
        let start = offset
        let startScalars = scalars
        var i = offset
        var s = scalars
        var (cp, len) = decodeScalar(p, i, n)
        let kind: TokenKind
        if len < 0 {
            repeat {
                i += -len
                s += 1
                guard i < n else { break }
                (cp, len) = decodeScalar(p, i, n)
            } while len < 0
            kind = .invalid
        } else {
            let cls = table.classOf(cp)
            i += len
            s += 1
            switch cls {
            case ScalarClass.han:
                scanHan(p, n, &i, &s)
                kind = .han
            case ScalarClass.latin, ScalarClass.otherLetter, ScalarClass.digit, ScalarClass.space, ScalarClass.other:
                scanRun(of: cls, p, n, &i, &s)
                kind = Self.kind(ofRunClass: cls)
            case ScalarClass.lineBreak:
                if cp == 0x0D, i < n, p[i] == 0x0A { i += 1; s += 1 }
                kind = .lineBreak
            case ScalarClass.mark, ScalarClass.emojiExtender:
                scanRun(of: ScalarClass.other, p, n, &i, &s)
                kind = .other
            case ScalarClass.symbol:
                scanMarks(p, n, &i, &s)
                kind = .symbol
            case ScalarClass.emoji:
                scanEmoji(p, n, &i, &s)
                kind = .emoji
            case ScalarClass.regionalIndicator:
                let (next, nextLength) = i < n ? decodeScalar(p, i, n) : (0, 0)
                if nextLength > 0, table.classOf(next) == ScalarClass.regionalIndicator { i += nextLength; s += 1 }
                scanEmoji(p, n, &i, &s)
                kind = .emoji
            default:
                kind = .punctuation(scanPunctuation(cls, first: cp, p, n, &i, &s))
            }
        }
        offset = i
        scalars = s
        return Token(
            kind: kind,
            utf8Range: (origin.utf8 + start)..<(origin.utf8 + i),
            scalarRange: (origin.scalar + startScalars)..<(origin.scalar + s))
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

    /// Han runs dominate Chinese text: U+4E00–U+9FFF is checked on raw bytes (lead E4 B8…E9)
    /// before falling back to the table.
    @inline(__always)
    func scanHan(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ s: inout Int) {
        while i < n {
            let b0 = p[i]
            if b0 &- 0xE4 <= 5, i + 2 < n {
                let b1 = p[i + 1], b2 = p[i + 2]
                if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b0 != 0xE4 || b1 >= 0xB8 {
                    i += 3
                    s += 1
                    continue
                }
            }
            let (cp, len) = decodeScalar(p, i, n)
            guard len > 0 else { return }
            let c = table.classOf(cp)
            guard c == ScalarClass.han || c == ScalarClass.mark || c == ScalarClass.emojiExtender else { return }
            i += len
            s += 1
        }
    }

    /// Extends a run of one class (and the marks that combine with it).
    @inline(__always)
    func scanRun(of cls: UInt8, _ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ s: inout Int) {
        while i < n {
            let (cp, len) = decodeScalar(p, i, n)
            guard len > 0 else { return }
            let c = table.classOf(cp)
            guard c == cls || c == ScalarClass.mark || c == ScalarClass.emojiExtender else { return }
            i += len
            s += 1
        }
    }

    @inline(__always)
    func scanMarks(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ s: inout Int) {
        scanRun(of: ScalarClass.mark, p, n, &i, &s)
    }

    /// Modifiers, variation selectors, keycaps and tags extend an emoji; ZWJ joins the next one.
    func scanEmoji(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ s: inout Int) {
        while i < n {
            let (cp, len) = decodeScalar(p, i, n)
            guard len > 0 else { return }
            let c = table.classOf(cp)
            if cp == 0x200D {
                guard i + len < n else { return }
                let (joined, joinedLength) = decodeScalar(p, i + len, n)
                guard joinedLength > 0 else { return }
                let jc = table.classOf(joined)
                guard jc == ScalarClass.emoji || jc == ScalarClass.symbol else { return }
                i += len + joinedLength
                s += 2
            } else if c == ScalarClass.emojiExtender || c == ScalarClass.mark {
                i += len
                s += 1
            } else {
                return
            }
        }
    }

    /// Runs of terminators (`！！`, `?!`), ellipses and dashes form one token. Full stops
    /// only run with the same full stop, and three or more of them are an ellipsis (`...`).
    func scanPunctuation(_ cls: UInt8, first: UInt32, _ p: UnsafePointer<UInt8>, _ n: Int,
                         _ i: inout Int, _ s: inout Int) -> Punctuation {
        let role = Punctuation(rawValue: cls &- ScalarClass.punctuationBase) ?? .other
        switch role {
        case .sentenceTerminator, .ellipsis, .dash:
            let firstIsFullStop = Self.isFullStop(first)
            var length = 1
            while i < n {
                let (cp, len) = decodeScalar(p, i, n)
                guard len > 0, table.classOf(cp) == cls else { break }
                if role == .sentenceTerminator {
                    if firstIsFullStop ? cp != first : Self.isFullStop(cp) { break }
                }
                length += 1
                i += len
                s += 1
            }
            if role == .sentenceTerminator, firstIsFullStop, length >= 3 { return .ellipsis }
            return role
        default:
            return role
        }
    }

    @inline(__always)
    static func isFullStop(_ scalar: UInt32) -> Bool {
        scalar == 0x2E || scalar == 0xFF0E || scalar == 0x3002 || scalar == 0xFF61
    }
}

import ZhTextCore

/// Segments a text that arrives in pieces, with constant memory; offsets count from the start
/// of the whole text. Pieces must be split at character boundaries (line-aligned pieces are
/// simplest). The same rules as ``SentenceSegmenter``.
public struct SentenceStream: Sendable {
    let options: SentenceSegmenter.Options
    /// Where the next piece starts in the whole text.
    var origin = TextPosition.zero
    /// The bytes of the sentence being built are not kept; only positions and flags are.
    var sentenceStart: TextPosition? = nil
    var contentEnd = TextPosition.zero
    /// End of a terminator group (with its closers) that may end the current sentence.
    var terminatorEnd: TextPosition? = nil
    /// A closing mark came last in the terminator group (for the `。”,` rule).
    var closedAfterTerminator = false
    /// End of an ellipsis waiting for what follows.
    var ellipsisEnd: TextPosition? = nil
    /// End of a `.`/`．` waiting for what follows.
    var fullStopEnd: TextPosition? = nil
    var hasClausePunctuation = false
    /// Open brackets and quotes: kind, index into `pending` when opened, byte where opened.
    var openers: [(kind: UInt8, pendingIndex: Int, start: Int)] = []
    /// Splits decided inside open brackets, held until the brackets close (cancelled) or the line
    /// ends unclosed (kept): the end of a sentence and where the next one starts.
    var pending: [(end: TextPosition, next: TextPosition)] = []
    /// Clause ends of the current sentence (when clauses are wanted).
    var clauseEnds: [Int] = []

    init(options: SentenceSegmenter.Options) {
        self.options = options
        openers.reserveCapacity(16)
        pending.reserveCapacity(options.maximumPendingSplits + 1)
    }

    /// Feeds the next piece and calls `body` with each sentence that is complete.
    public mutating func feed(_ piece: UnsafeBufferPointer<UInt8>, _ body: (Sentence) throws -> Void) rethrows {
        var tokens = TokenIterator(piece, origin: origin)
        let pieceStart = origin.utf8
        while let token = tokens.next() {
            try process(token, piece, pieceStart, body)
        }
        origin = tokens.position
    }

    /// Ends the text and calls `body` with the last sentences.
    public mutating func finish(_ body: (Sentence) throws -> Void) rethrows {
        try endLine(body)
    }

    // MARK: Rules

    static let quote: UInt8 = 1, bookTitle: UInt8 = 2, bracket: UInt8 = 3, ambiguous: UInt8 = 4

    mutating func process(
        _ token: Token, _ piece: UnsafeBufferPointer<UInt8>, _ pieceStart: Int, _ body: (Sentence) throws -> Void
    ) rethrows {
        // The one scalar of a short punctuation token: `.` and `．` are judged by what follows.
        func scalar() -> UInt32 {
            let i = token.utf8Range.lowerBound - pieceStart
            switch token.utf8Range.count {
            case 1: return UInt32(piece[i])
            case 3: return UInt32(piece[i] & 0x0F) << 12 | UInt32(piece[i + 1] & 0x3F) << 6 | UInt32(piece[i + 2] & 0x3F)
            default: return 0
            }
        }
        let start = TextPosition(utf8: token.utf8Range.lowerBound, scalar: token.scalarRange.lowerBound)
        let end = TextPosition(utf8: token.utf8Range.upperBound, scalar: token.scalarRange.upperBound)
        if let stop = fullStopEnd {
            fullStopEnd = nil
            switch token.kind {
            case .whitespace, .han, .lineBreak: terminatorEnd = stop
            default: break
            }
        }
        switch token.kind {
        case .lineBreak:
            try endLine(body)
            return
        case .whitespace:
            return
        default:
            break
        }
        // A terminator group is waiting for the next content token to decide.
        if let ending = terminatorEnd {
            switch token.kind {
            case .punctuation(.closingQuote):
                // 他说：“要解决问题。”: the quote closes the sentence it holds.
                close(Self.quote)
                terminatorEnd = end
                contentEnd = end
                closedAfterTerminator = true
                return
            case .punctuation(.closingBracket), .punctuation(.closingBookTitle):
                // 实施（见附件。）方案: a terminator inside brackets or a title is internal.
                close(Self.kind(of: token.kind))
                terminatorEnd = nil
                closedAfterTerminator = false
                contentEnd = end
                return
            case .punctuation(.ambiguousQuote) where openers.last?.kind == Self.ambiguous:
                close(Self.ambiguous)
                terminatorEnd = end
                contentEnd = end
                closedAfterTerminator = true
                return
            case .punctuation(.sentenceTerminator), .punctuation(.ellipsis):
                terminatorEnd = end
                contentEnd = end
                return
            case .punctuation(.clauseSeparator) where closedAfterTerminator,
                 .punctuation(.enumerationComma) where closedAfterTerminator:
                terminatorEnd = nil  // 他说“好。”,然后…: the sentence goes on
            default:
                try split(at: ending, next: start, body)
            }
        } else if let ending = ellipsisEnd {
            ellipsisEnd = nil
            switch token.kind {
            case .punctuation(.sentenceTerminator):
                terminatorEnd = end
                contentEnd = end
                return
            case .punctuation(.closingQuote):
                close(Self.quote)
                terminatorEnd = end
                contentEnd = end
                closedAfterTerminator = true
                return
            case .punctuation(.openingQuote):
                try split(at: ending, next: start, body)
            default:
                break
            }
        }
        if sentenceStart == nil { sentenceStart = start }
        contentEnd = end
        switch token.kind {
        case .punctuation(.sentenceTerminator):
            closedAfterTerminator = false
            if scalar() == 0x2E || scalar() == 0xFF0E {
                fullStopEnd = end
            } else {
                terminatorEnd = end
            }
        case .punctuation(.ellipsis):
            ellipsisEnd = end
        case .punctuation(.openingQuote), .punctuation(.openingBracket), .punctuation(.openingBookTitle):
            try open(Self.kind(of: token.kind), at: start.utf8, body)
        case .punctuation(.closingQuote), .punctuation(.closingBracket), .punctuation(.closingBookTitle):
            close(Self.kind(of: token.kind))
        case .punctuation(.ambiguousQuote):
            if openers.last?.kind == Self.ambiguous { close(Self.ambiguous) } else { try open(Self.ambiguous, at: start.utf8, body) }
        case .punctuation(.clauseSeparator), .punctuation(.enumerationComma):
            hasClausePunctuation = true
            if options.splitsClauses, scalar() == 0x3B || scalar() == 0xFF1B {
                clauseEnds.append(end.utf8)
            }
        default:
            break
        }
        try releaseLongOpeners(at: start.utf8, body)
    }

    static func kind(of kind: TokenKind) -> UInt8 {
        switch kind {
        case .punctuation(.openingQuote), .punctuation(.closingQuote): return quote
        case .punctuation(.openingBookTitle), .punctuation(.closingBookTitle): return bookTitle
        default: return bracket
        }
    }

    mutating func open(_ kind: UInt8, at byte: Int, _ body: (Sentence) throws -> Void) rethrows {
        // Absurd nesting: the oldest opener is taken as never closed, like one open too long. Its
        // held splits become sentences now; forgetting it without them left splits held with no
        // opener, which came out later, out of order (found by FuzzSentences).
        if openers.count == 32 { try releaseOldestOpener(body) }
        openers.append((kind, pending.count, byte))
    }

    /// Takes the outermost opener as never closed: the splits it held become sentences.
    mutating func releaseOldestOpener(_ body: (Sentence) throws -> Void) rethrows {
        openers.removeFirst()
        let kept = openers.first?.pendingIndex ?? pending.count
        try emitPending(upTo: kept, body)
        for k in openers.indices { openers[k].pendingIndex -= kept }
    }

    /// Closes the innermost opener of this kind; the splits held since it opened are cancelled.
    mutating func close(_ kind: UInt8) {
        guard let index = openers.lastIndex(where: { $0.kind == kind }) else { return }
        pending.removeSubrange(openers[index].pendingIndex...)
        openers.removeSubrange(index...)
    }

    /// Ends the current sentence at `end` (held while a bracket is open); the next starts at `next`.
    mutating func split(at end: TextPosition, next: TextPosition, _ body: (Sentence) throws -> Void) rethrows {
        terminatorEnd = nil
        closedAfterTerminator = false
        if openers.isEmpty {
            try emit(from: sentenceStart ?? end, to: end, kind: .terminated, body)
            sentenceStart = next
            hasClausePunctuation = false
        } else {
            pending.append((end, next))
        }
    }

    /// Openers that stay open too long, or hold too many splits, are taken as never closed.
    mutating func releaseLongOpeners(at byte: Int, _ body: (Sentence) throws -> Void) rethrows {
        while let first = openers.first,
              byte - first.start > options.maximumProtectedLength || pending.count > options.maximumPendingSplits {
            try releaseOldestOpener(body)
        }
    }

    /// Emits the first `count` held splits as sentences.
    mutating func emitPending(upTo count: Int, _ body: (Sentence) throws -> Void) rethrows {
        guard count > 0 else { return }
        for k in 0..<count {
            try emit(from: sentenceStart ?? pending[k].end, to: pending[k].end, kind: .terminated, body)
            sentenceStart = pending[k].next
        }
        pending.removeFirst(count)
    }

    /// A line break or the end: held splits become real, the last sentence ends here.
    mutating func endLine(_ body: (Sentence) throws -> Void) rethrows {
        if let stop = fullStopEnd { terminatorEnd = stop }
        try emitPending(upTo: pending.count, body)
        openers.removeAll(keepingCapacity: true)
        if let start = sentenceStart {
            let terminated = terminatorEnd != nil || ellipsisEnd != nil
            let end = contentEnd
            let kind: Sentence.Kind = terminated ? .terminated
                : (end.scalar - start.scalar <= options.headingMaximumLength && !hasClausePunctuation ? .heading : .unterminatedLine)
            try emit(from: start, to: end, kind: kind, body)
        }
        sentenceStart = nil
        terminatorEnd = nil
        ellipsisEnd = nil
        fullStopEnd = nil
        closedAfterTerminator = false
        hasClausePunctuation = false
        clauseEnds.removeAll(keepingCapacity: true)
    }

    mutating func emit(from start: TextPosition, to end: TextPosition, kind: Sentence.Kind,
                       _ body: (Sentence) throws -> Void) rethrows {
        guard end.utf8 > start.utf8 else { return }
        var clauses: [Range<Int>] = []
        if options.splitsClauses {
            var clauseStart = start.utf8
            for clauseEnd in clauseEnds where clauseEnd > clauseStart && clauseEnd < end.utf8 {
                clauses.append(clauseStart..<clauseEnd)
                clauseStart = clauseEnd
            }
            clauses.append(clauseStart..<end.utf8)
            clauseEnds.removeAll { $0 <= end.utf8 }
        }
        try body(Sentence(kind: kind, utf8Range: start.utf8..<end.utf8, scalarRange: start.scalar..<end.scalar,
                          clauses: clauses))
    }
}

import ZhTextCore

/// Cuts a document that arrives in chunks into pieces that cleanup, and the pipeline built on
/// it, can work on one at a time, so that memory is bounded by the piece size and not by the
/// document.
///
/// A piece is cut before a body line (see `PageNoiseRemover.isBody`) that does not start with
/// a digit, once the piece holds at least half of ``pieceBytes`` (and, for the first piece, the
/// first 64 KB, the most that the document's script is judged from). That place keeps the result equal
/// to cleaning the whole document: chrome lies only before the first and after the last body
/// line, and a run of page-split markers (`N、…` lines) cannot continue past a line that is not
/// one. When no such line comes within ``pieceBytes`` (128 KB for a first piece smaller than
/// that), the piece is cut at its last line break there (chrome after it is then kept, never removed wrongly); a line with no break is cut
/// after a sentence terminator, else a clause mark, else between two characters.
package struct DocumentPieceCutter {
    /// The usual size of a piece in bytes.
    package let pieceBytes: Int
    /// A megabyte: large enough for a document-level judgement, small enough for the cache.
    package static let defaultPieceBytes = 1 << 20

    private var buffer: [UInt8] = []
    /// The start of the next line to look at in `buffer`, and how far its line feed was searched
    /// for: every byte is read once per piece, however long the line.
    private var nextLine = 0
    private var searched = 0
    private var isFirstPiece = true

    /// A cutter that aims at pieces of about `pieceBytes` bytes (at least 4 KB).
    package init(pieceBytes: Int = defaultPieceBytes) {
        self.pieceBytes = max(pieceBytes, 1 << 12)
    }

    /// Adds the next bytes of the document; calls `body` with each piece that is complete.
    package mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: ([UInt8]) throws -> Void) rethrows {
        buffer.append(contentsOf: chunk)
        while let cut = nextCut() {
            try body(Array(buffer[0..<cut]))
            buffer.removeFirst(cut)
            nextLine = 0
            searched = 0
            isFirstPiece = false
        }
    }

    /// Calls `body` with the last piece (possibly empty): the rest of the document.
    package mutating func finish(_ body: ([UInt8]) throws -> Void) rethrows {
        defer {
            buffer = []
            nextLine = 0
            searched = 0
            isFirstPiece = true
        }
        try body(buffer)
    }

    private mutating func nextCut() -> Int? {
        let minimum = isFirstPiece ? max(pieceBytes / 2, 1 << 16) : pieceBytes / 2
        // No piece is longer than this, however large the chunks that are fed.
        let limit = max(pieceBytes, 2 * minimum)
        guard buffer.count > minimum else { return nil }
        let remover = PageNoiseRemover()
        let searchEnd = min(buffer.count, limit)
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            // Lines that start before `minimum` are never a cut: go straight to the line that
            // holds byte `minimum - 1`.
            if nextLine < minimum, searched < minimum - 1 { searched = minimum - 1 }
            while true {
                let end = PieceCut.nextLineFeed(bytes, from: max(nextLine, searched), to: searchEnd)
                guard end < searchEnd else {  // the last line is not complete yet, or too long
                    searched = end
                    return nil
                }
                if nextLine < minimum {
                    nextLine = end + 1
                    searched = nextLine
                    continue
                }
                let first = bytes[nextLine]
                if !(0x30...0x39).contains(first), first != 0x0A,
                   remover.isBody(UnsafeBufferPointer(rebasing: bytes[nextLine..<end])) {
                    return nextLine
                }
                nextLine = end + 1
                searched = nextLine
            }
        }
        if let found { return found }
        guard buffer.count >= limit else { return nil }
        return buffer.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[..<limit])
            let end = PieceCut.endOfLastLine(bytes, searchingFrom: minimum)
            return end > 0 ? end : PieceCut.cutInLongLine(bytes)
        }
    }
}

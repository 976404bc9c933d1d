import ZhTextCore

/// The records of a JSON Lines input, one per line, for the commands that read records
/// (`pipeline --jsonl`, `slogans --jsonl`).
enum JSONLinesInput {
    /// The longest record read; a longer line is reported as nil (an error record), so that one
    /// runaway line cannot take the memory of the run.
    static let maxRecordBytes = 64 << 20

    /// Calls `line` with each line of `reader`'s input (without its line feed), or nil for a line
    /// over ``maxRecordBytes``, and `bytes` with the size of each piece read. The reader's pieces
    /// end at line breaks but cut lines over a megabyte, so a line may come in several pieces.
    static func forEachLine(
        of reader: InputReader, bytes: (Int) -> Void = { _ in }, _ line: ([UInt8]?) throws -> Void
    ) throws {
        var partial: [UInt8] = []
        var partialTooLong = false
        try reader.forEachPiece { piece, _ in
            bytes(piece.count)
            var start = 0
            while start < piece.count {
                // memchr: the generic search cost eight instructions a byte.
                let lineFeed = PieceCut.nextLineFeed(piece, from: start, to: piece.count)
                guard lineFeed < piece.count else {
                    // The line goes on in the next piece.
                    if !partialTooLong {
                        partial.append(contentsOf: piece[start...])
                        if partial.count > maxRecordBytes {
                            partialTooLong = true
                            partial = []
                        }
                    }
                    break
                }
                if partialTooLong {
                    try line(nil)
                } else if partial.isEmpty {
                    try line(Array(piece[start..<lineFeed]))
                } else {
                    partial.append(contentsOf: piece[start..<lineFeed])
                    try line(partial)
                    partial = []
                }
                partialTooLong = false
                start = lineFeed + 1
            }
        }
        if partialTooLong { try line(nil) } else if !partial.isEmpty { try line(partial) }
    }
}

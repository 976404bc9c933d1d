import ArgumentParser
import ZhText

struct SentencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentences",
        abstract: "Split text into sentences (one per line, or JSON Lines with offsets).",
        discussion: """
            Rules for Chinese news text: terminators 。！？!? (and . before a space or Han), closing \
            quotes kept with their sentence, no split inside balanced 《》「」“”() on a line, line \
            breaks as hard boundaries. --json prints {"text","kind","utf8":[start,end],"scalars":[start,end]} \
            with offsets from the start of each input; --clauses adds clause ranges split at ；.

            Examples:
              zhtext sentences Fixtures/seeds/001_f5ac36b6864af140.txt
              zhtext sentences --json --clauses < article.txt
            """
    )

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    @OptionGroup var outputOptions: OutputOptions

    @Flag(name: .long, help: "Print JSON Lines with kind and offsets instead of plain sentences.")
    var json = false

    @Flag(name: .long, help: "Also report clauses, split after ；and ;.")
    var clauses = false

    @Flag(name: .long, help: "Use ICU's sentence break iterator instead (a baseline for comparison; plain output only).")
    var icu = false

    func run() throws {
        let asJSON = json
        let segmenter = SentenceSegmenter(options: .init(splitsClauses: clauses))
        do {
            try outputOptions.redirect()
            for path in files.isEmpty ? ["-"] : files {
                let reader = InputReader(path: path)
                var stream = segmenter.makeStream()
                let fileName = files.count > 1 ? reader.displayName : nil
                if icu {
                    try reader.forEachPiece { piece, _ in try Self.writeICUSentences(piece) }
                    continue
                }
                try reader.forEachPiece { piece, start in
                    // Pieces end at line breaks (the last one may not), and sentences never
                    // cross a line break, so every sentence lies inside the current piece.
                    let write = { (sentence: Sentence) in
                        Self.write(sentence, piece: piece, pieceStart: start, json: asJSON, file: fileName)
                    }
                    stream.feed(piece, write)
                    if piece.last != 0x0A { stream.finish(write) }
                }
                stream.finish { _ in }
            }
            Standard.flush()
        } catch let error as CLIError {
            CLIError.fail(error)
        }
    }

    /// ICU's sentences of a piece, trimmed of white space, one per line.
    static func writeICUSentences(_ piece: UnsafeBufferPointer<UInt8>) throws {
        let text = String(decoding: piece, as: UTF8.self)
        var bytes = Array(text.utf8)
        var start = 0
        do {
            try ICU.forEachBoundary(in: text, kind: .sentence) { end in
                var lower = start, upper = end
                while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x0A || bytes[lower] == 0x0D || bytes[lower] == 0x09 { lower += 1 }
                while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x0A || bytes[upper - 1] == 0x0D || bytes[upper - 1] == 0x09 { upper -= 1 }
                if lower < upper {
                    bytes.withUnsafeBufferPointer { Standard.output.append(bytes: UnsafeBufferPointer(rebasing: $0[lower..<upper])) }
                    Standard.output.append(byte: 0x0A)
                }
                start = end
            }
        } catch {
            throw CLIError(code: .dataError, message: "ICU: \(error)")
        }
    }

    static func write(_ sentence: Sentence, piece: UnsafeBufferPointer<UInt8>, pieceStart: Int, json: Bool, file: String?) {
        let local = (sentence.utf8Range.lowerBound - pieceStart)..<(sentence.utf8Range.upperBound - pieceStart)
        let bytes = UnsafeBufferPointer(rebasing: piece[local])
        guard json else {
            Standard.output.append(bytes: bytes)
            Standard.output.append(byte: 0x0A)
            return
        }
        Standard.output.append("{")
        if let file {
            Standard.output.append("\"file\":")
            JSONWriter.appendString(file, to: &Standard.output)
            Standard.output.append(",")
        }
        Standard.output.append("\"text\":")
        JSONWriter.appendString(String(decoding: bytes, as: UTF8.self), to: &Standard.output)
        Standard.output.append(",\"kind\":\"\(sentence.kind.rawValue)\"")
        Standard.output.append(",\"utf8\":[\(sentence.utf8Range.lowerBound),\(sentence.utf8Range.upperBound)]")
        Standard.output.append(",\"scalars\":[\(sentence.scalarRange.lowerBound),\(sentence.scalarRange.upperBound)]")
        if !sentence.clauses.isEmpty {
            Standard.output.append(",\"clauses\":[")
            Standard.output.append(sentence.clauses.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ","))
            Standard.output.append("]")
        }
        Standard.output.append("}\n")
    }
}

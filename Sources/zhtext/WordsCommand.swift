import ArgumentParser
import ZhText

struct WordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words",
        abstract: "Segment text into words as jieba 0.42.1 does (one line out per line in).",
        discussion: """
            Each input line is segmented on its own, as jieba.cut(line) would: words are printed \
            separated by a space, or with --json as one JSON array of strings per line, exactly \
            jieba's list (whitespace words included). --stats prints word frequencies instead.

            A user dictionary has one "word [frequency] [tag]" per line, as jieba's \
            load_userdict reads it; a word without a frequency gets jieba's suggested frequency.

            Exit codes: 0 success, 64 usage, 65 invalid UTF-8 or a bad dictionary line, 66 an \
            input that cannot be opened, 74 a read or write error.

            Examples:
              zhtext words news.txt
              zhtext words --mode search --json < news.txt
              zhtext words --keep-slogans --stats --top 50 2023.txt 2024.txt
            """
    )

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    @OptionGroup var outputOptions: OutputOptions

    @Option(name: .long, help: "accurate (jieba.cut), search (cut_for_search) or full (cut_all).")
    var mode: WordSegmenter.Mode = .accurate

    @Flag(name: .customLong("no-hmm"), help: "Do not join unknown characters with the HMM (jieba's HMM=False).")
    var noHMM = false

    @Option(name: .long, help: "A user dictionary in jieba's format; may be repeated.")
    var dictionary: [String] = []

    @Flag(name: .long, help: "Keep slogans whole: add the slogan lexicon's terms as words.")
    var keepSlogans = false

    @Option(name: .long, help: "With --keep-slogans, also keep the terms of this slogan lexicon (TSV); may be repeated.")
    var lexicon: [String] = []

    @Flag(name: .long, help: "Print one JSON array of words per input line.")
    var json = false

    @Flag(name: .long, help: "Print word frequencies (word, tab, count), most frequent first.")
    var stats = false

    @Option(name: .long, help: "With --stats, print only the N most frequent words.")
    var top: Int?

    func validate() throws {
        if let top, top < 0 { throw ValidationError("--top must be at least 0") }
        if json, stats { throw ValidationError("--json and --stats cannot be combined") }
        if !lexicon.isEmpty, !keepSlogans { throw ValidationError("--lexicon needs --keep-slogans") }
    }

    func run() throws {
        do {
            let segmenter = try makeSegmenter()
            try outputOptions.redirect()
            var counts: [String: Int] = [:]
            for path in files.isEmpty ? ["-"] : files {
                try segment(InputReader(path: path), segmenter) { text in
                    counts[String(decoding: text, as: UTF8.self), default: 0] += 1
                }
            }
            if stats { writeStats(counts) }
            Standard.flush()
        } catch let error as CLIError {
            CLIError.fail(error)
        }
    }

    func makeSegmenter() throws -> WordSegmenter {
        var userWords = WordDictionary()
        for path in dictionary {
            var data: [UInt8] = []
            try InputReader(path: path).forEachPiece { piece, _ in data.append(contentsOf: piece) }
            do {
                userWords.append(contentsOf: try WordDictionary(jiebaFormat: data))
            } catch let error {
                if error.kind == .invalidDictionaryEntry, let line = error.line {
                    throw CLIError(code: .dataError, message: "\(path):\(line): \(error.reason ?? "")")
                }
                throw CLIError(code: .dataError, message: "\(path): \(error)")
            }
        }
        let extraTerms = lexicon.isEmpty ? [] : try SloganLexiconLoader.load(lexicon, strict: false, builtIn: false).entries.map(\.term)
        do {
            return try WordSegmenter(mode: mode, usesHMM: !noHMM, dictionary: userWords,
                                     keepsSlogans: keepSlogans, extraTerms: extraTerms)
        } catch {
            throw CLIError(code: .dataError, message: "cannot load the word dictionary: \(error)")
        }
    }

    /// Segments each line of `reader` on its own and writes it, or counts its words.
    func segment(_ reader: InputReader, _ segmenter: WordSegmenter, count: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        // A local buffer: `Standard.output` is a global, checked for exclusive access on every use.
        var writer = LineWordWriter(out: Standard.output, asJSON: json, countOnly: stats)
        var stream = segmenter.makeStream()
        defer { Standard.output = writer.out }
        try reader.forEachPiece { piece, start in
            if let offset = firstInvalidUTF8Offset(in: piece) {
                throw CLIError(code: .dataError, message: "\(reader.displayName): invalid UTF-8 at byte offset \(start + offset)")
            }
            writer.process(piece, &stream, count)
        }
        writer.finish(&stream, count)
    }

    func writeStats(_ counts: [String: Int]) {
        let rows = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        for (word, count) in rows.prefix(top ?? rows.count) {
            Standard.output.append("\(word)\t\(count)\n")
        }
    }
}

extension WordSegmenter.Mode: ExpressibleByArgument {}

/// `zhtext words`' output: one line (or JSON array) of words per input line. Lines are
/// segmented whole where a piece holds them, and through the stream where they run on into
/// the next piece, so a line of any length costs bounded memory.
struct LineWordWriter {
    var out: OutputBuffer
    let asJSON: Bool
    let countOnly: Bool
    var lineOpen = false
    var wordsInLine = 0

    // The closures below capture `self` as an inout parameter, so exclusive access is checked
    // at compile time; a captured local variable would be checked at run time on every word.
    // The stream is a parameter of its own for the same reason.
    mutating func process(
        _ piece: UnsafeBufferPointer<UInt8>, _ stream: inout WordStream, _ count: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var lineStart = 0
        var i = 0
        while i <= piece.count {
            i = Self.nextLineBreak(in: piece, from: i)
            let atEnd = i == piece.count
            // A line's content; its terminator (LF, CRLF or a lone CR) is not part of it.
            if atEnd, lineStart == piece.count { break }
            if !lineOpen, !countOnly, asJSON { out.append("[") }
            let line = UnsafeBufferPointer(rebasing: piece[lineStart..<i])
            if atEnd {
                // The line goes on in the next piece.
                lineOpen = true
                stream.feed(line) { _, text in write(text, count) }
                break
            }
            if lineOpen {
                stream.feed(line) { _, text in write(text, count) }
                stream.finish { _, text in write(text, count) }
            } else {
                stream.forEachWord(inCompleteText: line) { _, text in write(text, count) }
            }
            endLine()
            i += piece[i] == 0x0D && i + 1 < piece.count && piece[i + 1] == 0x0A ? 2 : 1
            lineStart = i
        }
    }

    /// The first LF or CR at or after `start`, or the end: eight bytes a step while none of them
    /// is below 0x0E (Chinese text is mostly bytes of 0x80 and above).
    static func nextLineBreak(in piece: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let p = piece.baseAddress else { return start }
        var i = start
        while i + 8 <= piece.count {
            let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            // A byte below 0x0E sets its top bit in (word - 0x0E…) & ~word.
            if (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < piece.count, p[i] != 0x0A, p[i] != 0x0D { i += 1 }
        return i
    }

    mutating func finish(_ stream: inout WordStream, _ count: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard lineOpen else { return }
        stream.finish { _, text in write(text, count) }
        endLine()
    }

    @inline(__always)
    mutating func write(_ text: UnsafeBufferPointer<UInt8>, _ count: (UnsafeBufferPointer<UInt8>) -> Void) {
        if countOnly { return count(text) }
        if wordsInLine > 0 { out.append(byte: asJSON ? 0x2C : 0x20) }
        if asJSON { JSONWriter.appendString(text, to: &out) } else { out.append(bytes: text) }
        wordsInLine += 1
    }

    mutating func endLine() {
        if !countOnly { out.append(asJSON ? "]\n" : "\n") }
        lineOpen = false
        wordsInLine = 0
    }
}

import ArgumentParser
import ZhText

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Find the terms of a word list in text (leftmost-longest, non-overlapping).",
        discussion: """
            The word list has one term per line; anything after a tab is ignored, as are empty \
            lines and repeated terms. Output is one JSON object per match: \
            {"term":"三大战役","line":12,"utf8":[40,52]} with byte offsets into the input.

            Examples:
              zhtext match --lexicon Fixtures/lexicon/jieba-top10000.txt news.txt
              zhtext match --lexicon terms.txt --count corpus.txt
            """
    )

    @Option(name: .long, help: "The word list (UTF-8, one term per line).")
    var lexicon: String

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    @OptionGroup var outputOptions: OutputOptions

    @Flag(name: .long, help: "Print only the number of matches and bytes searched.")
    var count = false

    func run() throws {
        let countOnly = count
        do {
            try outputOptions.redirect()
            let (automaton, terms) = try loadLexicon()
            var matches = 0, bytes = 0
            for path in files.isEmpty ? ["-"] : files {
                let reader = InputReader(path: path)
                try reader.forEachPiece { piece, start in
                    automaton.forEachLeftmostLongestMatch(in: piece) { match in
                        matches += 1
                        guard !countOnly else { return }
                        Standard.output.append("{\"term\":")
                        JSONWriter.appendString(terms[Int(match.value)].text, to: &Standard.output)
                        Standard.output.append(",\"line\":\(terms[Int(match.value)].line)")
                        Standard.output.append(",\"utf8\":[\(start + match.utf8Range.lowerBound),\(start + match.utf8Range.upperBound)]")
                        if files.count > 1 {
                            Standard.output.append(",\"file\":")
                            JSONWriter.appendString(reader.displayName, to: &Standard.output)
                        }
                        Standard.output.append("}\n")
                    }
                    bytes += piece.count
                }
            }
            if countOnly { Standard.output.append("matches\t\(matches)\nbytes\t\(bytes)\nterms\t\(automaton.keyCount)\n") }
            Standard.flush()
        } catch let error as CLIError {
            CLIError.fail(error)
        }
    }

    private func loadLexicon() throws -> (DictionaryAutomaton, [(text: String, line: Int)]) {
        var data: [UInt8] = []
        try InputReader(path: lexicon).forEachPiece { piece, _ in data.append(contentsOf: piece) }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = data.withUnsafeBufferPointer { firstInvalidUTF8Offset(in: $0) } ?? 0
            throw CLIError(code: .dataError, message: "\(lexicon): invalid UTF-8 at byte offset \(offset)")
        }
        // The word list is UTF-8 text: one transition per character is faster for Chinese.
        var builder = AutomatonBuilder(duplicateKeys: .keepFirst, alphabet: .unicodeScalars)
        var terms: [(text: String, line: Int)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let term = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingCharacters(in: [" ", "\r"]) } ?? ""
            guard !term.isEmpty else { continue }
            builder.add(term, value: Int32(terms.count))
            terms.append((term, number + 1))
        }
        do {
            return (try builder.build(), terms)
        } catch {
            throw CLIError(code: .dataError, message: "\(lexicon): \(error)")
        }
    }
}

extension Substring {
    /// The substring without the given characters at either end.
    func trimmingCharacters(in characters: Set<Character>) -> String {
        var slice = self[...]
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

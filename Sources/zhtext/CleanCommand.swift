import ArgumentParser
import ZhText

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Clean scraped Chinese text; --explain prints what changed and why.",
        discussion: """
            Steps: \(CleanupStep.allCases.map(\.rawValue).joined(separator: ", ")) (all but spinning and closing-quotes by default; choose with \
            --steps). Clean text passes through unchanged. A line that is not UTF-8 is decoded as \
            GB 18030 or Big5 when that reads as Chinese; other invalid bytes become U+FFFD with a warning. --explain writes the edit log as JSON Lines \
            instead of the text: {"step", "kind", "confidence", "input": [start, end], "output": [start, end], \
            "original", "replacement"}, with UTF-8 byte offsets; applying the edits in reverse rebuilds \
            the input byte for byte.

            Examples:
              zhtext clean Fixtures/seeds/002_b20d73b1386a8c16.txt
              zhtext clean --explain Fixtures/seeds/004_c85ba3acf2c804d7.txt | head
            """
    )

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    @OptionGroup var outputOptions: OutputOptions

    @Flag(name: .long, help: "Print the edit log (JSON Lines) instead of the cleaned text.")
    var explain = false

    @Option(name: .long, help: "Comma-separated steps to run (default: all).")
    var steps: String?

    @Flag(name: .long, help: "Leave characters a lossy decoder lost as U+FFFD instead of restoring them.")
    var noRestore = false

    func validate() throws {
        if let steps {
            for name in steps.split(separator: ",") where CleanupStep(rawValue: String(name)) == nil {
                throw ValidationError("unknown step '\(name)'; valid: \(CleanupStep.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        let chosen = steps.map { Set($0.split(separator: ",").compactMap { CleanupStep(rawValue: String($0)) }) }
            ?? Cleaner.Options.defaultSteps
        let cleaner = Cleaner(options: .init(steps: chosen, restoresLostCharacters: !noRestore))
        do {
            try outputOptions.redirect()
            for path in files.isEmpty ? ["-"] : files {
                let reader = InputReader(path: path)
                // The file is cleaned in pieces of about a megabyte cut where the result equals the
                // whole file's (see DocumentPieceCutter), so memory stays flat on any size.
                var cutter = DocumentPieceCutter()
                var state = CleanupDocumentState()
                var inputOffset = 0, outputOffset = 0, invalid = 0
                let clean = { (piece: [UInt8], isLast: Bool) in
                    // Bytes that are not UTF-8 are a mojibake case: a legacy-encoded line is decoded,
                    // anything else becomes U+FFFD and is reported (the first ten, then a count).
                    let result = cleaner.clean(piece: piece, state: &state, isLast: isLast)
                    for finding in result.findings where finding.kind == "invalid-utf8" {
                        invalid += 1
                        guard invalid <= 10 else { continue }
                        Standard.error("zhtext: warning: \(reader.displayName): invalid UTF-8 in bytes \(inputOffset + finding.inputRange.lowerBound)..<\(inputOffset + finding.inputRange.upperBound), replaced with U+FFFD")
                    }
                    write(result, inputOffset: inputOffset, outputOffset: outputOffset, file: reader.displayName)
                    inputOffset += piece.count
                    outputOffset += result.text.utf8.count
                    guard isLast else { return }
                    if invalid > 10 {
                        Standard.error("zhtext: warning: \(reader.displayName): \(invalid) lines with invalid UTF-8 in all")
                    }
                    if state.findingCount > Cleaner.maxFindings {
                        Standard.error("zhtext: warning: \(reader.displayName): \(state.findingCount) findings, the first \(Cleaner.maxFindings) kept")
                    }
                }
                try reader.forEachPiece { chunk, _ in cutter.feed(chunk) { clean($0, false) } }
                cutter.finish { clean($0, true) }
            }
            Standard.flush()
        } catch let error as CLIError {
            CLIError.fail(error)
        }
    }

    /// Writes one cleaned piece: its text, or its edits with offsets into the whole file.
    private func write(_ result: CleanupResult, inputOffset: Int, outputOffset: Int, file: String) {
        guard explain else {
            Standard.output.append(result.text)
            return
        }
        for edit in result.edits {
            Standard.output.append("{")
            if files.count > 1 {
                Standard.output.append("\"file\":")
                JSONWriter.appendString(file, to: &Standard.output)
                Standard.output.append(",")
            }
            Standard.output.append("\"step\":\"\(edit.reason.step.rawValue)\",\"kind\":\"\(edit.reason.kind)\"")
            Standard.output.append(",\"confidence\":\(edit.reason.confidence)")
            Standard.output.append(",\"input\":[\(inputOffset + edit.inputRange.lowerBound),\(inputOffset + edit.inputRange.upperBound)]")
            Standard.output.append(",\"output\":[\(outputOffset + edit.outputRange.lowerBound),\(outputOffset + edit.outputRange.upperBound)]")
            Standard.output.append(",\"original\":")
            JSONWriter.appendString(edit.original, to: &Standard.output)
            Standard.output.append(",\"replacement\":")
            JSONWriter.appendString(edit.replacement, to: &Standard.output)
            Standard.output.append("}\n")
        }
    }
}

import ArgumentParser
import ZhText

struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Split text into typed tokens (JSON Lines).",
        discussion: """
            One JSON object per token: {"kind":"han","text":"召开","utf8":[12,18],"scalars":[4,6]}. \
            Offsets count from the start of each input. Invalid UTF-8 becomes an "invalid" token \
            (with its raw bytes in "bytes", as hex) and a warning on stderr; with --strict the \
            first invalid byte stops the run with exit code 65.

            Examples:
              zhtext tokens Fixtures/seeds/002_b20d73b1386a8c16.txt | head
              cat page.txt | zhtext tokens --count
            """
    )

    @Argument(help: "Input files (default: standard input; `-` also means standard input).")
    var files: [String] = []

    @OptionGroup var outputOptions: OutputOptions

    @Flag(name: .long, help: "Print only the number of tokens of each kind.")
    var count = false

    @Flag(name: .long, help: "Fail with exit code 65 at the first invalid UTF-8 byte.")
    var strict = false

    func run() throws {
        do {
            try outputOptions.redirect()
        } catch let error as CLIError {
            CLIError.fail(error)
        }
        let inputs = files.isEmpty ? ["-"] : files
        // Property-wrapper reads are slow; the hot loop below uses plain locals.
        let countOnly = count, strictMode = strict
        var counts = [Int](repeating: 0, count: TokenKind.allKinds.count)
        var totalBytes = 0
        for path in inputs {
            let reader = InputReader(path: path)
            var warnings = 0
            var origin = TextPosition.zero
            do {
                try reader.forEachPiece { piece, _ in
                    var iterator = TokenIterator(piece, origin: origin)
                    while let token = iterator.next() {
                        if token.kind == .invalid {
                            let offset = token.utf8Range.lowerBound
                            if strictMode {
                                throw CLIError(code: .dataError,
                                               message: "\(reader.displayName): invalid UTF-8 at byte offset \(offset)")
                            }
                            warnings += 1
                            if warnings <= 10 {
                                Standard.error("zhtext: warning: \(reader.displayName): invalid UTF-8 at byte offset \(offset)")
                            }
                        }
                        if countOnly {
                            counts[token.kind.ordinal] += 1
                        } else {
                            let local = (token.utf8Range.lowerBound - origin.utf8)..<(token.utf8Range.upperBound - origin.utf8)
                            write(token, bytes: UnsafeBufferPointer(rebasing: piece[local]), file: inputs.count > 1 ? reader.displayName : nil)
                        }
                    }
                    origin = iterator.position
                }
            } catch let error as CLIError {
                CLIError.fail(error)
            }
            if warnings > 10 {
                Standard.error("zhtext: warning: \(reader.displayName): \(warnings) invalid UTF-8 sequences in all")
            }
            totalBytes += origin.utf8
        }
        if countOnly {
            for kind in TokenKind.allKinds {
                let n = counts[kind.ordinal]
                if n > 0 { Standard.output.append("\(kind.name)\t\(n)\n") }
            }
            Standard.output.append("total\t\(counts.reduce(0, +))\n")
            Standard.output.append("bytes\t\(totalBytes)\n")
        }
        Standard.flush()
    }

    private func write(_ token: Token, bytes: UnsafeBufferPointer<UInt8>, file: String?) {
        Standard.output.append("{")
        if let file {
            Standard.output.append("\"file\":")
            JSONWriter.appendString(file, to: &Standard.output)
            Standard.output.append(",")
        }
        Standard.output.append("\"kind\":\"\(token.kind.name)\",\"text\":")
        if token.kind == .invalid {
            JSONWriter.appendString(String(decoding: bytes, as: UTF8.self), to: &Standard.output)
            Standard.output.append(",\"bytes\":\"\(JSONWriter.hexString(bytes))\"")
        } else {
            JSONWriter.appendString(bytes, to: &Standard.output)
        }
        Standard.output.append(",\"utf8\":[\(token.utf8Range.lowerBound),\(token.utf8Range.upperBound)]")
        Standard.output.append(",\"scalars\":[\(token.scalarRange.lowerBound),\(token.scalarRange.upperBound)]}\n")
    }
}

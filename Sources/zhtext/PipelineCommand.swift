import ArgumentParser
import Dispatch
import Foundation
import ZhText

struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Clean, convert, split into sentences and find slogans, in one pass per document.",
        discussion: """
            Plain mode (default) treats each file as one document and prints its sentences, one per \
            line, then its slogans as "# slogans:" lines; --json prints one JSON object per document \
            instead. A directory stands for its *.txt files (*.jsonl with --jsonl), recursively.

            Batch mode (--jsonl) reads JSON Lines, {"id":…,"text":…} per line, and writes one JSON \
            object per input line, in input order: {"id","line","text","sentences","slogans", \
            "edits"} (choose with --fields). A line that is not JSON or has no string "text" gives \
            {"line":N,"error":"…"} (with the record's "id" when it has one) and the batch goes on, \
            so it runs as a streaming mapper (Hadoop Streaming, Spark rdd.pipe); so does a record \
            over 64 MiB. Ranges are UTF-8 byte offsets into the input text. "line" counts the lines \
            of this process's input; under Spark or Hadoop that is one partition or split, so \
            --no-line leaves it out, and --pass copies other fields of each record (a date, a \
            source) to its output record, error records included.

            Work is spread over --jobs threads (default: all cores) in ordered batches, so memory \
            stays flat however large the input is; a file over a megabyte is processed in pieces, \
            with the same output as the whole. A progress line is shown when stderr is a \
            terminal (MB done, records or documents, MB/s, and for files the percent done and the \
            time left); a summary (files, lines, MB, MB/s, edits by kind) always goes to stderr.

            Exit codes: 0 ok (error records in --jsonl output are data, not failures), 64 usage, \
            65 an input file was binary or had no text and was skipped, 66 missing input or a \
            directory without input files, 74 I/O error.

            Examples:
              zhtext pipeline Fixtures/seeds/004_c85ba3acf2c804d7.txt
              zhtext pipeline --convert t2s --json Fixtures/seeds
              zhtext pipeline --jsonl --fields text,slogans < docs.jsonl > out.jsonl
            """
    )

    @Argument(help: "Input files or directories (default: standard input).")
    var inputs: [String] = []

    @Flag(name: .long, help: "Batch mode: read and write JSON Lines.")
    var jsonl = false

    @Flag(name: .long, help: "Plain mode: print one JSON object per document.")
    var json = false

    @Option(name: .long, help: "Convert the script with this OpenCC configuration (e.g. t2s, s2twp).")
    var convert: String?

    @Option(name: .long, help: "Cleanup steps (comma-separated), or 'none'. Default: all but spinning and closing-quotes.")
    var steps: String?

    @Flag(name: .long, help: "Leave characters a lossy decoder lost as U+FFFD instead of restoring them.")
    var noRestore = false

    @Flag(name: .long, help: "Do not split into sentences.")
    var noSentences = false

    @Flag(name: .long, help: "Do not look for slogans.")
    var noSlogans = false

    @Option(name: .long, help: "A user slogan lexicon (TSV: term, canonical, category); may be repeated.")
    var lexicon: [String] = []

    @Option(name: .long, help: "Report structural slogans scoring at least this (0–1, default \(SloganMatcher.defaultMinimumConfidence)).")
    var sloganMinConfidence: Double?

    @Option(name: .long, help: "JSON fields to write, comma-separated: text, sentences, slogans, edits, words.")
    var fields: String = "text,sentences,slogans"

    @Option(name: .long, help: "Worker threads (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .long, help: "Batch mode: leave out \"line\" (it counts lines of this process's input, not of a dataset).")
    var noLine = false

    @Option(name: .long, help: "Batch mode: input fields to copy to each output record, comma-separated (e.g. date,source).")
    var pass: String?

    @OptionGroup var outputOptions: OutputOptions

    @Flag(name: .long, help: "No progress line and no summary.")
    var quiet = false

    static let knownFields: Set<String> = ["text", "sentences", "slogans", "edits", "words"]

    func validate() throws {
        if let sloganMinConfidence, !(0...1).contains(sloganMinConfidence) {
            throw ValidationError("--slogan-min-confidence must be a number from 0 to 1")
        }
        if let convert, ScriptConverter.Configuration(rawValue: convert) == nil {
            throw ValidationError("unknown configuration '\(convert)'; valid: \(ScriptConverter.Configuration.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let steps, steps != "none" {
            for name in steps.split(separator: ",") where CleanupStep(rawValue: String(name)) == nil {
                throw ValidationError("unknown step '\(name)'; valid: \(CleanupStep.allCases.map(\.rawValue).joined(separator: ", ")), none")
            }
        }
        for name in fields.split(separator: ",") where !Self.knownFields.contains(String(name)) {
            throw ValidationError("unknown field '\(name)'; valid: \(Self.knownFields.sorted().joined(separator: ", "))")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if jsonl, json { throw ValidationError("--json is for plain mode; --jsonl already writes JSON") }
        if !jsonl, noLine || pass != nil { throw ValidationError("--no-line and --pass are for batch mode (--jsonl)") }
        let reserved = Set(["id", "line", "error"]).union(Self.knownFields)
        for name in (pass ?? "").split(separator: ",") where reserved.contains(String(name)) {
            throw ValidationError("--pass: '\(name)' is a field the output already has")
        }
    }

    func run() throws {
        do {
            let pipeline = try makePipeline()
            try outputOptions.redirect()
            var runner = PipelineRunner(
                pipeline: pipeline, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                fields: Set(fields.split(separator: ",").map(String.init)), showProgress: !quiet && isatty(2) != 0,
                echo: RecordEcho(writesLine: !noLine, passFields: (pass ?? "").split(separator: ",").map(String.init)))
            let files = try expandInputs()
            runner.summary.totalBytes = Self.totalSize(of: files)
            if jsonl {
                for file in files { try runner.runJSONLines(file) }
            } else {
                try runner.runDocuments(files, asJSON: json)
            }
            runner.finish()
            Standard.flush()
            if !quiet { Standard.error(runner.summary.report) }
            if runner.summary.skippedFiles > 0 { Foundation.exit(CLIError.Code.dataError.rawValue) }
        } catch let error as CLIError {
            CLIError.fail(error)
        }
    }

    private func makePipeline() throws -> Pipeline {
        var configuration = Pipeline.Configuration()
        if let steps {
            configuration.cleanup = steps == "none" ? nil
                : Cleaner.Options(steps: Set(steps.split(separator: ",").compactMap { CleanupStep(rawValue: String($0)) }))
        }
        configuration.cleanup?.restoresLostCharacters = !noRestore
        configuration.conversion = convert.flatMap { ScriptConverter.Configuration(rawValue: $0) }
        if noSentences { configuration.sentences = nil }
        // Words cost a segmentation pass: only when asked for.
        if fields.split(separator: ",").contains("words") { configuration.words = WordSegmenter.Options() }
        if let sloganMinConfidence { configuration.sloganMinimumConfidence = sloganMinConfidence }
        if noSlogans {
            configuration.slogans = nil
        } else {
            configuration.slogans = try SloganLexiconLoader.load(lexicon, strict: false, builtIn: true)
        }
        do {
            return try Pipeline(configuration)
        } catch {
            throw CLIError(code: .dataError, message: "cannot build the pipeline: \(error)")
        }
    }

    /// Files to read: the arguments, with directories replaced by their input files.
    /// The size of all inputs when every one is a regular file (not standard input or a pipe).
    static func totalSize(of files: [String]) -> Int? {
        var total = 0
        for file in files {
            guard file != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                  attributes[.type] as? FileAttributeType == .typeRegular, let size = attributes[.size] as? Int else { return nil }
            total += size
        }
        return total
    }

    private func expandInputs() throws -> [String] {
        guard !inputs.isEmpty else { return ["-"] }
        var files: [String] = []
        let suffix = jsonl ? ".jsonl" : ".txt"
        for input in inputs {
            var isDirectory: ObjCBool = false
            if input != "-", FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
                guard let walker = FileManager.default.enumerator(atPath: input) else {
                    throw CLIError(code: .noInput, message: "cannot read directory '\(input)'")
                }
                let found = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(suffix) }.sorted()
                    .map { (input as NSString).appendingPathComponent($0) }
                if found.isEmpty {
                    throw CLIError(code: .noInput, message: "no \(suffix) files in directory '\(input)'")
                }
                files += found
            } else {
                files.append(input)
            }
        }
        return files
    }
}

/// Reads user slogan lexicons for the CLI: UTF-8 checked, malformed lines reported with file
/// and line number.
enum SloganLexiconLoader {
    static func load(_ paths: [String], strict: Bool, builtIn: Bool) throws -> SloganLexicon {
        var combined = builtIn ? SloganLexicon.builtIn : SloganLexicon(entries: [])
        // The last named lexicon is consulted first.
        for path in paths {
            var data: [UInt8] = []
            try InputReader(path: path).forEachPiece { piece, _ in data.append(contentsOf: piece) }
            guard let text = String(validating: data, as: UTF8.self) else {
                let offset = data.withUnsafeBufferPointer { firstInvalidUTF8Offset(in: $0) } ?? 0
                throw CLIError(code: .dataError, message: "\(path): invalid UTF-8 at byte offset \(offset)")
            }
            let user: SloganLexicon
            do {
                user = try SloganLexicon(tsv: text, strict: strict)
            } catch let error {
                if error.kind == .invalidDictionaryEntry, let line = error.line {
                    throw CLIError(code: .dataError, message: "\(path):\(line): \(error.reason ?? "")")
                }
                throw CLIError(code: .dataError, message: "\(path): \(error)")
            }
            for skipped in user.skippedLines {
                Standard.error("zhtext: warning: \(path):\(skipped.line): \(skipped.reason); line skipped")
            }
            combined = user.merging(over: combined)
        }
        return combined
    }
}

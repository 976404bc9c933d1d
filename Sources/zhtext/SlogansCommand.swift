import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZhText

struct SlogansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slogans",
        abstract: "Find political slogans (提法) in Chinese text, in either script.",
        discussion: """
            Prints one JSON object per slogan: \
            {"utf8": [start, end], "text": "“四減四增”", "canonical": "四减四增", "kind": "numbered-formula", \
            "category": "ecology", "quoted": true, "confidence": 1}, with byte offsets into the input \
            (plus "file" when several files are given). Kinds: \(SloganKind.allCases.map(\.rawValue).joined(separator: ", ")).

            "confidence" is how likely the match is a slogan: 1 for a lexicon term, and for a \
            structural match a score from its kind, quotation and recurrence in the 2023–24 news \
            corpus (--recurrence gives a table counted on your own corpus). Matches below \
            --min-confidence (default \(SloganMatcher.defaultMinimumConfidence)) are left out; \
            --all-candidates reports every candidate with its score.

            A slogan inside another (新时代 in 习近平新时代中国特色社会主义思想) is not reported by \
            default; --nested reports the lexicon terms inside each match too, right after it, \
            each with "parent": [start, end], the outer match's offsets (and --stats counts them).

            --stats prints a table instead: one row per canonical slogan with its category, the \
            total and the count in each file (tab-separated, most frequent first).

            --jsonl reads JSON Lines records, {"id":…,"text":…,…} per line: each slogan line then \
            carries the record's "id", offsets into its text. With --group-by FIELD (or --stats) it \
            counts instead, per value of that field and canonical slogan, as a long table: FIELD, \
            canonical, category, count (--format tsv, csv or jsonl; pandas and R read csv as it is). \
            --by-month and --by-year bucket a date field (20240315, 2024-03-15, 2024/3/5, \
            2024年3月5日). Memory grows with the number of groups and slogans, not with the input. \
            A line that is not a JSON object with a string "text" is skipped with a warning.

            A user lexicon has one slogan per line: term<TAB>canonical<TAB>category (the last two \
            optional). Malformed lines are reported with file and line number and skipped, or \
            rejected with --strict (exit 65).

            Examples:
              zhtext slogans Fixtures/seeds/004_c85ba3acf2c804d7.txt
              zhtext slogans --stats --top 50 2023.txt 2024.txt
              zhtext slogans --lexicon my-terms.tsv --kinds lexicon,quoted-term news.txt
              zhtext slogans --jsonl --group-by date --by-month --format csv news.jsonl
            """
    )

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    @OptionGroup var outputOptions: OutputOptions

    @Option(name: .long, help: "A user lexicon (TSV); may be repeated. Its terms take priority over the built-in ones.")
    var lexicon: [String] = []

    @Flag(name: .long, help: "Do not use the built-in lexicon.")
    var noBuiltIn = false

    @Flag(name: .long, help: "Reject a user lexicon with a malformed line instead of skipping the line.")
    var strict = false

    @Option(name: .long, help: "Comma-separated kinds to report (default: all).")
    var kinds: String?

    @Flag(name: .long, help: "Print counts per canonical slogan, per file and overall.")
    var stats = false

    @Option(name: .long, help: "With --stats, print only the N most frequent slogans.")
    var top: Int?

    @Flag(name: .long, help: "Read JSON Lines records ({\"id\",\"text\",…} per line) instead of text.")
    var jsonl = false

    @Option(name: .long, help: "With --jsonl: count per value of this record field (e.g. date, source).")
    var groupBy: String?

    @Flag(name: .long, help: "With --group-by: bucket the field's dates by month (YYYY-MM).")
    var byMonth = false

    @Flag(name: .long, help: "With --group-by: bucket the field's dates by year.")
    var byYear = false

    @Option(name: .long, help: "With --jsonl counts: tsv (default), csv or jsonl.")
    var format: String?

    @Option(name: .long, help: "Report structural matches scoring at least this (0–1, default \(SloganMatcher.defaultMinimumConfidence)).")
    var minConfidence: Double?

    @Flag(name: .long, help: "Report every structural candidate with its confidence (--min-confidence 0).")
    var allCandidates = false

    @Option(name: .long, help: "A recurrence table (key<TAB>documents lines) in place of the built-in one.")
    var recurrence: String?

    @Flag(name: .long, help: "Also report the lexicon terms inside each match, with the outer match as \"parent\".")
    var nested = false

    func validate() throws {
        if let kinds {
            for name in kinds.split(separator: ",") where SloganKind(rawValue: String(name)) == nil {
                throw ValidationError("unknown kind '\(name)'; valid: \(SloganKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if !jsonl, groupBy != nil || format != nil {
            throw ValidationError("--group-by and --format are for records (--jsonl)")
        }
        if byMonth || byYear, groupBy == nil { throw ValidationError("--by-month and --by-year need --group-by") }
        if byMonth, byYear { throw ValidationError("--by-month or --by-year, not both") }
        if let format, SloganGroupCounts.Format(rawValue: format) == nil {
            throw ValidationError("unknown format '\(format)'; valid: \(SloganGroupCounts.Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if jsonl, top != nil { throw ValidationError("--top is for --stats over text files") }
        if let minConfidence, !(0...1).contains(minConfidence) {
            throw ValidationError("--min-confidence must be a number from 0 to 1")
        }
        if allCandidates, minConfidence != nil { throw ValidationError("--all-candidates or --min-confidence, not both") }
    }

    func run() throws {
        do {
            try outputOptions.redirect()
            let matcher = try makeMatcher()
            let inputs = files.isEmpty ? ["-"] : files
            if jsonl {
                try runRecords(inputs, matcher: matcher)
                Standard.flush()
                return
            }
            // Canonical form → row; rows hold the per-file counts.
            var rowIndex: [String: Int] = [:]
            var rows: [StatsRow] = []
            for (fileIndex, path) in inputs.enumerated() {
                let reader = InputReader(path: path)
                var warned = false
                try reader.forEachPiece { piece, start in
                    // Invalid bytes match nothing and keep every offset exact; the user hears of them.
                    if !warned, let offset = firstInvalidUTF8Offset(in: piece) {
                        Standard.error("zhtext: warning: \(reader.displayName): invalid UTF-8 at byte offset \(start + offset); it matches nothing")
                        warned = true
                    }
                    guard stats else {
                        matcher.forEachMatch(inUTF8: piece, baseOffset: start) { match in
                            write(match, file: inputs.count > 1 ? reader.displayName : nil)
                        }
                        return
                    }
                    for (canonical, count) in matcher.canonicalCounts(inUTF8: piece) {
                        if let row = rowIndex[canonical] {
                            rows[row].perFile[fileIndex] += count
                        } else {
                            rowIndex[canonical] = rows.count
                            var perFile = Array(repeating: 0, count: inputs.count)
                            perFile[fileIndex] = count
                            rows.append(StatsRow(canonical: canonical, category: matcher.category(ofCanonical: canonical), perFile: perFile))
                        }
                    }
                }
            }
            if stats { writeStats(rows, inputs: inputs) }
            Standard.flush()
        } catch let error as CLIError {
            CLIError.fail(error)
        }
    }

    /// `--jsonl`: the slogans of each record, or their counts per group.
    private func runRecords(_ inputs: [String], matcher: SloganMatcher) throws {
        let counting = stats || groupBy != nil
        let bucket: SloganGroupCounts.DateBucket = byMonth ? .month : byYear ? .year : .none
        var counts = SloganGroupCounts()
        var records = 0, skipped = 0
        for path in inputs {
            let reader = InputReader(path: path)
            var lineNumber = 0
            try JSONLinesInput.forEachLine(of: reader) { line in
                lineNumber += 1
                records += 1
                guard var line else {
                    skipped += 1
                    return Standard.error("zhtext: warning: \(reader.displayName):\(lineNumber): record over \(JSONLinesInput.maxRecordBytes >> 20) MiB skipped")
                }
                if line.last == 0x0D { line.removeLast() }
                line.withUnsafeBufferPointer { bytes in
                    guard firstInvalidUTF8Offset(in: bytes) == nil, case .object(let members) = JSONRecordReader.read(bytes),
                          let textMember = JSONRecordReader.member("text", in: members), textMember.isString else {
                        skipped += 1
                        return
                    }
                    let text = JSONRecordReader.decodeString(bytes, textMember.value)
                    if counting {
                        let field = groupBy.flatMap { JSONRecordReader.member($0, in: members) }
                        let value = field.map { member in
                            member.isString ? String(decoding: JSONRecordReader.decodeString(bytes, member.value), as: UTF8.self)
                                : String(decoding: UnsafeBufferPointer(rebasing: bytes[member.value]), as: UTF8.self)
                        }
                        let group = counts.group(of: value, bucket: bucket)
                        text.withUnsafeBufferPointer { text in
                            for (canonical, count) in matcher.canonicalCounts(inUTF8: text) {
                                counts.add(canonical, count: count, group: group, category: matcher.category(ofCanonical: canonical))
                            }
                        }
                    } else {
                        var id: [UInt8] = []
                        if let member = JSONRecordReader.member("id", in: members) {
                            PipelineJSON.appendJSONValue(member, in: bytes, to: &id)
                        } else {
                            id = Array("null".utf8)
                        }
                        text.withUnsafeBufferPointer { text in
                            matcher.forEachMatch(inUTF8: text, baseOffset: 0) { match in write(match, file: nil, id: id) }
                        }
                    }
                }
            }
        }
        if counting {
            var table: [UInt8] = []
            counts.write(format: format.flatMap(SloganGroupCounts.Format.init(rawValue:)) ?? .tsv, groupColumn: groupBy, to: &table)
            table.withUnsafeBufferPointer { Standard.output.append(bytes: $0) }
        }
        if skipped > 0 {
            Standard.error("zhtext: warning: \(skipped) of \(records) records skipped (not a JSON object with a string \"text\")")
        }
        if counts.unreadableDates > 0 {
            Standard.error("zhtext: warning: \(counts.unreadableDates) record\(counts.unreadableDates == 1 ? "" : "s") with a \(groupBy ?? "") that is not a date, counted under its own text")
        }
    }

    private func makeMatcher() throws -> SloganMatcher {
        let combined = try SloganLexiconLoader.load(lexicon, strict: strict, builtIn: !noBuiltIn)
        let chosen = kinds.map { Set($0.split(separator: ",").compactMap { SloganKind(rawValue: String($0)) }) }
            ?? Set(SloganKind.allCases)
        var table = SloganRecurrence.builtIn
        if let recurrence {
            table = try TableFile.load(recurrence) { (text) throws(ZhTextError) in try SloganRecurrence(tsv: text) }
        }
        let threshold = allCandidates ? 0 : minConfidence ?? SloganMatcher.defaultMinimumConfidence
        do {
            return try SloganMatcher(lexicon: combined, kinds: chosen, recurrence: table, minimumConfidence: threshold, nested: nested)
        } catch {
            throw CLIError(code: .dataError, message: "cannot compile the lexicon: \(error)")
        }
    }

    private func write(_ match: SloganMatch, file: String?, id: [UInt8]? = nil) {
        Standard.output.append("{")
        if let id {
            Standard.output.append("\"id\":")
            id.withUnsafeBufferPointer { Standard.output.append(bytes: $0) }
            Standard.output.append(",")
        }
        if let file {
            Standard.output.append("\"file\":")
            JSONWriter.appendString(file, to: &Standard.output)
            Standard.output.append(",")
        }
        Standard.output.append("\"utf8\":[\(match.utf8Range.lowerBound),\(match.utf8Range.upperBound)],\"text\":")
        JSONWriter.appendString(match.text, to: &Standard.output)
        Standard.output.append(",\"canonical\":")
        JSONWriter.appendString(match.canonical, to: &Standard.output)
        Standard.output.append(",\"kind\":\"\(match.kind.rawValue)\"")
        if let category = match.category {
            Standard.output.append(",\"category\":")
            JSONWriter.appendString(category, to: &Standard.output)
        }
        Standard.output.append(",\"quoted\":\(match.isQuoted),\"confidence\":\(JSONWriter.fixedPoint(match.confidence))")
        if let parent = match.parentUTF8Range {
            Standard.output.append(",\"parent\":[\(parent.lowerBound),\(parent.upperBound)]")
        }
        Standard.output.append("}\n")
    }

    private func writeStats(_ counted: [StatsRow], inputs: [String]) {
        let names = inputs.map { $0 == "-" ? "<stdin>" : $0 }
        Standard.output.append("canonical\tcategory\ttotal\t\(names.joined(separator: "\t"))\n")
        var totals = [Int](repeating: 0, count: inputs.count)
        var rows = counted.map { (canonical: $0.canonical, category: $0.category, perFile: $0.perFile, total: $0.perFile.reduce(0, +)) }
        rows.sort { $0.total != $1.total ? $0.total > $1.total : $0.canonical < $1.canonical }
        for row in rows { for (i, n) in row.perFile.enumerated() { totals[i] += n } }
        for row in rows.prefix(top ?? rows.count) {
            Standard.output.append("\(row.canonical)\t\(row.category ?? "-")\t\(row.total)\t")
            Standard.output.append(row.perFile.map(String.init).joined(separator: "\t"))
            Standard.output.append("\n")
        }
        Standard.output.append("(all slogans)\t-\t\(totals.reduce(0, +))\t\(totals.map(String.init).joined(separator: "\t"))\n")
    }
}

/// One row of `--stats`: a canonical slogan and its count per input file.
struct StatsRow {
    var canonical: String
    var category: String?
    var perFile: [Int]
}

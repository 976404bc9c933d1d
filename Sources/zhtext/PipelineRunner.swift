import Dispatch
import Foundation
import ZhText

/// Counts for the summary line.
struct PipelineSummary {
    var files = 0
    var documents = 0
    var lines = 0
    var errorLines = 0
    var skippedFiles = 0
    var bytes = 0
    var edits: [String: Int] = [:]
    let start = DispatchTime.now()
    var jobs = 1

    /// The size of the whole input when it is known (regular files only), for the progress line.
    var totalBytes: Int?

    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

    /// The progress line on a terminal: bytes done (of the total, with percent, when known),
    /// records (and error records) or documents, MB/s, and the time left when the total is known.
    var progressLine: String {
        let megabytes = Double(bytes) / 1e6
        let rate = megabytes / max(seconds, 1e-9)
        var line = "zhtext: "
        if let totalBytes, totalBytes > 0 {
            let percent = min(100, Int(Double(bytes) * 100 / Double(totalBytes)))
            line += String(format: "%.1f of %.1f MB (%d%%)", megabytes, Double(totalBytes) / 1e6, percent)
        } else {
            line += String(format: "%.1f MB", megabytes)
        }
        if lines > 0 {
            line += ", \(lines) records" + (errorLines > 0 ? " (\(errorLines) error\(errorLines == 1 ? "" : "s"))" : "")
        } else {
            line += ", \(documents) documents"
        }
        line += String(format: ", %.1f MB/s", rate)
        if let totalBytes, totalBytes > bytes, rate > 0 {
            let left = Int((Double(totalBytes - bytes) / 1e6 / rate).rounded())
            line += String(format: ", %d:%02d:%02d left", left / 3600, left / 60 % 60, left % 60)
        }
        return line
    }

    var report: String {
        let megabytes = Double(bytes) / 1e6
        var line = "zhtext: \(files) file\(files == 1 ? "" : "s")"
        if lines > 0 || errorLines > 0 { line += ", \(lines) lines (\(errorLines) error record\(errorLines == 1 ? "" : "s"))" }
        if documents > 0 { line += ", \(documents) documents" }
        if skippedFiles > 0 { line += ", \(skippedFiles) skipped" }
        // Small inputs in kB, so that a single article does not read as 0.0 MB.
        let size = bytes < 1_000_000 ? String(format: "%.1f kB", Double(bytes) / 1e3) : String(format: "%.1f MB", megabytes)
        line += String(format: ", %@ in %.2f s = %.1f MB/s, %d job%@", size, seconds,
                       megabytes / max(seconds, 1e-9), jobs, jobs == 1 ? "" : "s")
        let kinds = edits.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        line += "; edits: " + (kinds.isEmpty ? "none" : kinds.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        return line
    }
}

/// One processed input item: its rendered output and what to add to the summary.
struct ProcessedItem {
    var output: [UInt8] = []
    var edits: [String: Int] = [:]
    var isError = false
    var skippedFile = false
    var warning: String?
}

extension ProcessedItem {
    /// Adds the cleanup's edits to the counts by kind (`step/kind`) for the summary.
    mutating func countEdits(of result: PipelineResult) {
        for edit in result.cleanup?.edits ?? [] {
            edits["\(edit.reason.step.rawValue)/\(edit.reason.kind)", default: 0] += 1
        }
    }
}

/// Slots that worker threads fill, one index each, then read in order on the calling thread.
final class ResultSlots: @unchecked Sendable {
    var items: [ProcessedItem]
    init(count: Int) { items = Array(repeating: ProcessedItem(), count: count) }
}

/// What batch mode copies to each output record besides the results: the line number (unless
/// left out) and named fields of the input record.
struct RecordEcho: Sendable {
    var writesLine = true
    var passFields: [String] = []
}

/// Runs a ``Pipeline`` over documents or JSON Lines in ordered parallel batches.
struct PipelineRunner {
    let pipeline: Pipeline
    let jobs: Int
    let fields: Set<String>
    let showProgress: Bool
    let echo: RecordEcho
    var summary = PipelineSummary()

    /// JSON Lines batch size: enough work for every thread, little enough memory.
    static let batchBytes = 2 << 20
    static let batchLines = 8192

    init(pipeline: Pipeline, jobs: Int, fields: Set<String>, showProgress: Bool, echo: RecordEcho = RecordEcho()) {
        self.pipeline = pipeline
        self.echo = echo
        self.jobs = max(1, jobs)
        self.fields = fields
        self.showProgress = showProgress
        summary.jobs = self.jobs
    }

    /// Processes `count` items on up to `jobs` threads; results come back in item order.
    func parallel(_ count: Int, _ body: @Sendable (Int) -> ProcessedItem) -> [ProcessedItem] {
        let slots = ResultSlots(count: count)
        let workers = min(jobs, count)
        let next = NextIndex()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = next.take(below: count) { slots.items[index] = body(index) }
        }
        return slots.items
    }

    mutating func absorb(_ items: [ProcessedItem]) {
        for item in items {
            item.output.withUnsafeBufferPointer { Standard.output.append(bytes: $0) }
            for (kind, n) in item.edits { summary.edits[kind, default: 0] += n }
            if item.isError { summary.errorLines += 1 }
            if item.skippedFile { summary.skippedFiles += 1 }
            if let warning = item.warning { Standard.error(warning) }
        }
        progress()
    }

    func progress() {
        guard showProgress else { return }
        var bytes = Array(("\r" + summary.progressLine + "\u{1B}[K").utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    func finish() {
        guard showProgress else { return }
        var clear = Array("\r\u{1B}[K".utf8)
        _ = clear.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    // MARK: Documents

    mutating func runDocuments(_ files: [String], asJSON: Bool) throws {
        // Documents of one piece are read on the calling thread (a missing file stops the run in
        // order) and processed in parallel batches; a larger one is streamed piece by piece, after
        // the batch before it, so memory is bounded by the piece size, not the file size.
        var paths: [String] = [], contents: [[UInt8]] = []
        let many = files.count > 1
        for path in files {
            let name = path == "-" ? "<stdin>" : path
            var cutter = DocumentPieceCutter()
            var streamed: StreamedDocument? = nil
            try InputReader(path: path).forEachPiece { chunk, _ in
                summary.bytes += chunk.count
                try cutter.feed(chunk) { piece in
                    if streamed == nil {
                        try runBatch(&paths, &contents, asJSON: asJSON, many: many)
                        streamed = StreamedDocument(name: name, asJSON: asJSON, withHeader: many, fields: fields)
                    }
                    try streamed!.add(piece, isLast: false, pipeline: pipeline, summary: &summary)
                }
            }
            summary.files += 1
            try cutter.finish { piece in
                if streamed != nil {
                    try streamed!.add(piece, isLast: true, pipeline: pipeline, summary: &summary)
                    summary.documents += streamed!.skipped ? 0 : 1
                } else {
                    paths.append(path)
                    contents.append(piece)
                }
            }
            if streamed?.skipped == true { summary.skippedFiles += 1 }
            if paths.count >= jobs * 2 { try runBatch(&paths, &contents, asJSON: asJSON, many: many) }
        }
        try runBatch(&paths, &contents, asJSON: asJSON, many: many)
    }

    /// Processes the documents read so far on the worker threads and writes them in order.
    mutating func runBatch(_ paths: inout [String], _ contents: inout [[UInt8]], asJSON: Bool, many: Bool) throws {
        guard !paths.isEmpty else { return }
        let pipeline = self.pipeline, fields = self.fields, names = paths, documents = contents
        let items = parallel(names.count) { i in
            Self.processDocument(documents[i], name: names[i] == "-" ? "<stdin>" : names[i], pipeline: pipeline,
                                 fields: fields, asJSON: asJSON, withHeader: many)
        }
        summary.documents += items.filter { !$0.skippedFile }.count
        absorb(items)
        paths.removeAll()
        contents.removeAll()
    }

    static func processDocument(_ data: [UInt8], name: String, pipeline: Pipeline, fields: Set<String>,
                                asJSON: Bool, withHeader: Bool) -> ProcessedItem {
        var item = ProcessedItem()
        if data.isEmpty {
            item.warning = "zhtext: warning: \(name): empty input, nothing to do"
            return item
        }
        if let nul = data.prefix(1 << 16).firstIndex(of: 0) {
            item.warning = "zhtext: \(name): binary data (NUL byte at offset \(nul)), skipped"
            item.skippedFile = true
            return item
        }
        if let offset = data.withUnsafeBufferPointer({ firstInvalidUTF8Offset(in: $0) }) {
            // Not lost: cleanup decodes a GB 18030 or Big5 line or replaces the bytes with U+FFFD,
            // and reports each replacement; say so, as `zhtext clean` does.
            item.warning = "zhtext: warning: \(name): invalid UTF-8 at byte offset \(offset); "
                + (pipeline.configuration.cleanup == nil ? "replaced with U+FFFD" : "decoded as GB 18030/Big5 or replaced with U+FFFD")
        }
        let result = pipeline.run(utf8: data)
        item.countEdits(of: result)
        if asJSON {
            item.output.append("{\"file\":")
            JSONWriter.appendString(name, to: &item.output)
            PipelineJSON.appendFields(result, fields: fields, to: &item.output)
            item.output.append("}\n")
            return item
        }
        if withHeader { item.output.append("==> \(name) <==\n") }
        appendPlainSentences(result, isLast: true, to: &item.output)
        if !result.slogans.isEmpty {
            item.output.append("# slogans: ")
            item.output.append(result.slogans.map { "\($0.value.canonical) (\($0.value.kind.rawValue))" }.joined(separator: "、"))
            item.output.append("\n")
        }
        return item
    }

    /// Plain mode's body: each sentence on one line, or the text when there are none. For a
    /// piece of a streamed document `isLast` is false until its last piece (only the document's
    /// end gets a line break added).
    static func appendPlainSentences(_ result: PipelineResult, isLast: Bool, to out: inout some ByteAppending) {
        var text = result.text
        text.withUTF8 { text in
            if result.sentences.isEmpty {
                out.append(bytes: text)
                if isLast, text.last != 0x0A, !text.isEmpty { out.append(byte: 0x0A) }
                return
            }
            for sentence in result.sentences {
                // A sentence may end in its line break; print each on exactly one line.
                var slice = text[sentence.value.utf8Range]
                while let last = slice.last, last == 0x0A || last == 0x0D { slice = slice.dropLast() }
                out.append(bytes: UnsafeBufferPointer(rebasing: slice))
                out.append(byte: 0x0A)
            }
        }
    }

    // MARK: JSON Lines

    static var maxRecordBytes: Int { JSONLinesInput.maxRecordBytes }

    mutating func runJSONLines(_ path: String) throws {
        summary.files += 1
        var lines: [[UInt8]?] = []
        var pending = 0
        var firstLineNumber = 1
        var bytesRead = 0
        // One batch is processed on the worker threads while this thread reads the next and
        // writes the one before: reading and writing no longer wait for the workers, nor the
        // workers for them. Two batches at most are in memory.
        var inFlight: InFlightBatch? = nil
        func hand(_ lines: [[UInt8]?]) {
            // The workers finish the batch before (so that no more than `jobs` threads work),
            // take this one, and its records are written while they do.
            inFlight?.group.wait()
            let previous = inFlight
            inFlight = startBatch(lines, firstLineNumber: firstLineNumber)
            firstLineNumber += lines.count
            if let previous { finish(previous) }
        }
        do {
            try JSONLinesInput.forEachLine(of: InputReader(path: path), bytes: { bytesRead += $0 }) { line in
                lines.append(line)
                pending += line?.count ?? 0
                if lines.count >= Self.batchLines || pending >= Self.batchBytes {
                    summary.bytes += bytesRead
                    bytesRead = 0
                    hand(lines)
                    lines.removeAll(keepingCapacity: true)
                    pending = 0
                }
            }
        } catch {
            // A read that fails part way: the records before it are still written, as they were
            // when batches did not overlap.
            if let last = inFlight { finish(last) }
            throw error
        }
        summary.bytes += bytesRead
        if !lines.isEmpty { hand(lines) }
        if let last = inFlight { finish(last) }
    }

    /// A batch of records on the worker threads; its items are ready once `group` is done.
    struct InFlightBatch {
        let slots: ResultSlots
        let group: DispatchGroup
        let lineCount: Int
    }

    /// Starts processing `lines` on up to `jobs` worker threads and returns at once.
    func startBatch(_ lines: [[UInt8]?], firstLineNumber: Int) -> InFlightBatch {
        let batch = JSONLinesPipeline(pipeline: pipeline, fields: Set(fields.compactMap(JSONLinesPipeline.Field.init(rawValue:))),
                                      writesLineNumbers: echo.writesLine, passedFields: echo.passFields)
        let count = lines.count
        let slots = ResultSlots(count: count), group = DispatchGroup(), next = NextIndex()
        for _ in 0..<min(jobs, count) {
            DispatchQueue.global().async(group: group) {
                while let i = next.take(below: count) {
                    let record = if let line = lines[i] {
                        line.withUnsafeBufferPointer { batch.process(utf8: $0, lineNumber: firstLineNumber + i) }
                    } else {
                        batch.errorRecord(lineNumber: firstLineNumber + i,
                                          message: "record longer than \(Self.maxRecordBytes >> 20) MiB, skipped")
                    }
                    slots.items[i] = ProcessedItem(output: record.json, edits: record.editCounts, isError: record.isError)
                }
            }
        }
        return InFlightBatch(slots: slots, group: group, lineCount: count)
    }

    /// Waits for `batch` (when it is not done yet) and writes its records in order.
    mutating func finish(_ batch: InFlightBatch) {
        batch.group.wait()
        let items = batch.slots.items
        summary.lines += batch.lineCount
        summary.documents += items.reduce(0) { $0 + ($1.isError ? 0 : 1) }
        absorb(items)
    }
}

/// A shared counter handing out work indices to the worker threads.
final class NextIndex: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

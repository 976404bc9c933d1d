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

    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

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

/// Runs a ``Pipeline`` over documents or JSON Lines in ordered parallel batches.
struct PipelineRunner {
    let pipeline: Pipeline
    let jobs: Int
    let fields: Set<String>
    let showProgress: Bool
    var summary = PipelineSummary()

    /// JSON Lines batch size: enough work for every thread, little enough memory.
    static let batchBytes = 8 << 20
    static let batchLines = 8192

    init(pipeline: Pipeline, jobs: Int, fields: Set<String>, showProgress: Bool) {
        self.pipeline = pipeline
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
        let megabytes = Double(summary.bytes) / 1e6
        let line = String(format: "\rzhtext: %.1f MB, %d lines, %d documents, %.1f MB/s\u{1B}[K",
                          megabytes, summary.lines, summary.documents, megabytes / max(summary.seconds, 1e-9))
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    func finish() {
        guard showProgress else { return }
        var clear = Array("\r\u{1B}[K".utf8)
        _ = clear.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    // MARK: Documents

    mutating func runDocuments(_ files: [String], asJSON: Bool) throws {
        let batch = jobs * 2
        var start = 0
        while start < files.count {
            let paths = Array(files[start..<min(files.count, start + batch)])
            start += paths.count
            // Reading happens on the calling thread, so that a missing file stops the run in order.
            var contents: [[UInt8]] = []
            for path in paths {
                var data: [UInt8] = []
                try InputReader(path: path).forEachPiece { piece, _ in data.append(contentsOf: piece) }
                contents.append(data)
                summary.bytes += data.count
            }
            summary.files += paths.count
            let pipeline = self.pipeline, fields = self.fields, many = files.count > 1, documents = contents
            let items = parallel(paths.count) { i in
                Self.processDocument(documents[i], name: paths[i] == "-" ? "<stdin>" : paths[i], pipeline: pipeline,
                                     fields: fields, asJSON: asJSON, withHeader: many)
            }
            summary.documents += items.filter { !$0.skippedFile }.count
            absorb(items)
        }
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
        let result = pipeline.run(bytes: data)
        item.countEdits(of: result)
        if asJSON {
            item.output.append("{\"file\":")
            JSONWriter.appendString(name, to: &item.output)
            appendFields(result, fields: fields, to: &item.output)
            item.output.append("}\n")
            return item
        }
        if withHeader { item.output.append("==> \(name) <==\n") }
        if result.sentences.isEmpty {
            item.output.append(result.text)
            if !result.text.hasSuffix("\n"), !result.text.isEmpty { item.output.append("\n") }
        } else {
            let text = Array(result.text.utf8)
            for sentence in result.sentences {
                // A sentence may end in its line break; print each on exactly one line.
                var slice = text[sentence.value.utf8Range]
                while let last = slice.last, last == 0x0A || last == 0x0D { slice = slice.dropLast() }
                item.output.append(contentsOf: slice)
                item.output.append("\n")
            }
        }
        if !result.slogans.isEmpty {
            item.output.append("# slogans: ")
            item.output.append(result.slogans.map { "\($0.value.canonical) (\($0.value.kind.rawValue))" }.joined(separator: "、"))
            item.output.append("\n")
        }
        return item
    }

    // MARK: JSON Lines

    mutating func runJSONLines(_ path: String) throws {
        summary.files += 1
        let reader = InputReader(path: path)
        var lines: [[UInt8]] = []
        var pending = 0
        var firstLineNumber = 1
        try reader.forEachPiece { piece, _ in
            summary.bytes += piece.count
            for line in piece.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast(piece.last == 0x0A ? 1 : 0) {
                lines.append(Array(line))
                pending += line.count
                if lines.count >= Self.batchLines || pending >= Self.batchBytes {
                    runBatch(lines, firstLineNumber: firstLineNumber)
                    firstLineNumber += lines.count
                    lines.removeAll(keepingCapacity: true)
                    pending = 0
                }
            }
        }
        if !lines.isEmpty { runBatch(lines, firstLineNumber: firstLineNumber) }
    }

    mutating func runBatch(_ lines: [[UInt8]], firstLineNumber: Int) {
        let pipeline = self.pipeline, fields = self.fields
        let items = parallel(lines.count) { i in
            Self.processRecord(lines[i], lineNumber: firstLineNumber + i, pipeline: pipeline, fields: fields)
        }
        summary.lines += lines.count
        summary.documents += items.filter { !$0.isError }.count
        absorb(items)
    }

    static func errorRecord(_ lineNumber: Int, _ message: String) -> ProcessedItem {
        var item = ProcessedItem()
        item.isError = true
        item.output.append("{\"line\":\(lineNumber),\"error\":")
        JSONWriter.appendString(message, to: &item.output)
        item.output.append("}\n")
        return item
    }

    static func processRecord(_ line: [UInt8], lineNumber: Int, pipeline: Pipeline, fields: Set<String>) -> ProcessedItem {
        var line = line
        if line.last == 0x0D { line.removeLast() }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return errorRecord(lineNumber, "empty line") }
        if let offset = line.withUnsafeBufferPointer({ firstInvalidUTF8Offset(in: $0) }) {
            return errorRecord(lineNumber, "invalid UTF-8 at byte offset \(offset) of the line")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line), options: [])
        } catch {
            return errorRecord(lineNumber, "not JSON: \(line.count > 40 ? String(decoding: line.prefix(40), as: UTF8.self) + "…" : String(decoding: line, as: UTF8.self))")
        }
        guard let record = object as? [String: Any] else { return errorRecord(lineNumber, "not a JSON object") }
        guard let text = record["text"] as? String else {
            return errorRecord(lineNumber, record["text"] == nil ? "no \"text\" field" : "\"text\" is not a string")
        }
        let result = pipeline.run(text)
        var item = ProcessedItem()
        item.countEdits(of: result)
        item.output.append("{\"id\":")
        appendJSONValue(record["id"], to: &item.output)
        item.output.append(",\"line\":\(lineNumber)")
        appendFields(result, fields: fields, to: &item.output)
        item.output.append("}\n")
        return item
    }

    static func appendJSONValue(_ value: Any?, to out: inout [UInt8]) {
        switch value {
        case nil, is NSNull: out.append("null")
        case let string as String: JSONWriter.appendString(string, to: &out)
        case let number as NSNumber where String(cString: number.objCType) != "d" && String(cString: number.objCType) != "f":
            // Integers (most ids) and booleans without a round trip through JSONSerialization.
            out.append(String(cString: number.objCType) == "c" ? (number.boolValue ? "true" : "false") : "\(number.int64Value)")
        default:
            if let data = try? JSONSerialization.data(withJSONObject: value!, options: [.fragmentsAllowed]) {
                out.append(contentsOf: data)
            } else {
                out.append("null")
            }
        }
    }

    /// The requested result fields, each preceded by a comma.
    static func appendFields(_ result: PipelineResult, fields: Set<String>, to out: inout [UInt8]) {
        if fields.contains("text") {
            out.append(",\"text\":")
            JSONWriter.appendString(result.text, to: &out)
        }
        if fields.contains("sentences") {
            out.append(",\"sentences\":[")
            let text = Array(result.text.utf8)
            for (i, sentence) in result.sentences.enumerated() {
                if i > 0 { out.append(",") }
                text.withUnsafeBufferPointer { JSONWriter.appendString(UnsafeBufferPointer(rebasing: $0[sentence.value.utf8Range]), to: &out) }
            }
            out.append("]")
        }
        if fields.contains("slogans") {
            out.append(",\"slogans\":[")
            for (i, slogan) in result.slogans.enumerated() {
                if i > 0 { out.append(",") }
                out.append("{\"canonical\":")
                JSONWriter.appendString(slogan.value.canonical, to: &out)
                out.append(",\"kind\":\"\(slogan.value.kind.rawValue)\"")
                if let category = slogan.value.category {
                    out.append(",\"category\":")
                    JSONWriter.appendString(category, to: &out)
                }
                out.append(",\"quoted\":\(slogan.value.isQuoted),\"input\":[\(slogan.inputRange.lowerBound),\(slogan.inputRange.upperBound)]}")
            }
            out.append("]")
        }
        if fields.contains("edits") {
            out.append(",\"edits\":[")
            for (i, edit) in (result.cleanup?.edits ?? []).enumerated() {
                if i > 0 { out.append(",") }
                out.append("{\"step\":\"\(edit.reason.step.rawValue)\",\"kind\":\"\(edit.reason.kind)\"")
                out.append(",\"input\":[\(edit.inputRange.lowerBound),\(edit.inputRange.upperBound)],\"original\":")
                JSONWriter.appendString(edit.original, to: &out)
                out.append(",\"replacement\":")
                JSONWriter.appendString(edit.replacement, to: &out)
                out.append("}")
            }
            out.append("]")
        }
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

import Benchmark
import BenchmarkSupport
import Foundation
import ZhText

/// The result a batch benchmark checks: records, error records, and the output's digest.
func summary(records: Int, errors: Int, output: [UInt8]) -> String {
    "\(records) records \(errors) errors \(ExpectedResults.digest(output))"
}

/// The sample as JSON Lines records of `linesPerRecord` lines each, `{"id":N,"text":…}`.
func records(linesPerRecord: Int) -> [[UInt8]] {
    let lines = Corpus.text.split(separator: "\n", omittingEmptySubsequences: false)
    return stride(from: 0, to: lines.count, by: linesPerRecord).enumerated().map { id, start in
        let text = lines[start..<min(start + linesPerRecord, lines.count)].joined(separator: "\n")
        // JSONSerialization escapes what JSON needs; the records are made once, before measuring.
        let data = try! JSONSerialization.data(withJSONObject: ["id": id, "text": text], options: [.sortedKeys])
        return Array(data)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration()
    let target = "PipelineBenchmarks"

    // The batch path, records in and records out, with the default steps (cleanup, sentences,
    // slogans) and fields: what `zhtext pipeline --jsonl` does for each line, on one thread.
    // Records of about a broadcast's size (100 sample lines, 18 KB), and one per line. Its time
    // set against Cleanup.news + Sentences.sentences + Slogans.builtin (the same text as one
    // document) is the cost of the batch path itself.
    let batch = JSONLinesPipeline(pipeline: try! Pipeline())
    for (name, linesPerRecord) in [("Pipeline.batch", 100), ("Pipeline.batchLines", 1)] {
        let input = records(linesPerRecord: linesPerRecord)
        // An allocation or more per sentence, slogan and record: thousands, all deterministic.
        var configuration = zhTextBenchmarkConfiguration(mallocTolerance: 200)
        // Microseconds: set against the steps' sum, a whole millisecond is 3.5% of the ratio.
        configuration.timeUnits = .microseconds
        Benchmark(name, configuration: configuration) { benchmark in
            var output: [UInt8] = []
            output.reserveCapacity(3 * Corpus.bytes.count)
            var errors = 0
            benchmark.startMeasurement()
            for (n, line) in input.enumerated() {
                let record = line.withUnsafeBufferPointer { batch.process(utf8: $0, lineNumber: n + 1) }
                output += record.json
                if record.isError { errors += 1 }
            }
            benchmark.stopMeasurement()
            ExpectedResults.check(summary(records: input.count, errors: errors, output: output), target: target, benchmark: benchmark)
        }
    }
}

import Benchmark
import BenchmarkSupport
import Foundation
import ZhTextCleanup

/// The result a cleanup benchmark checks: how many edits and findings, and the cleaned text.
func summary(_ result: CleanupResult) -> String {
    "\(result.edits.count) edits \(result.findings.count) findings \(ExpectedResults.digest(result.text.utf8))"
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration()
    let target = "CleanupBenchmarks"
    let clean = Corpus.text

    // Noisy input: the seeds and the garbled fixture lines, repeated to about 2 MB. The files are
    // enumerated in path order, so the input only changes when the fixtures do.
    let fixtures = Corpus.packageRoot.appendingPathComponent("Fixtures")
    var pieces: [String] = []
    for directory in ["seeds", "mojibake"] {
        let files = (try? FileManager.default.contentsOfDirectory(
            at: fixtures.appendingPathComponent(directory), includingPropertiesForKeys: nil)) ?? []
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            pieces.append(directory == "mojibake"
                ? text.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }.joined(separator: "\n") : text)
        }
    }
    let unit = pieces.joined(separator: "\n")
    var noisy = ""
    while noisy.utf8.count < 2_000_000, !unit.isEmpty { noisy += unit + "\n" }

    // Clean news: nothing to repair, so a handful of allocations for the output.
    Benchmark("Cleanup.news") { benchmark in
        let cleaner = Cleaner()
        benchmark.startMeasurement()
        let result = cleaner.clean(clean)
        benchmark.stopMeasurement()
        ExpectedResults.check(summary(result), target: target, benchmark: benchmark)
    }

    // The closing-quote step alone on news that has lost every ” (as scrapers lose them): each
    // restoration is an edit, and each quote left open a finding.
    let quotesDropped = clean.replacingOccurrences(of: "\u{201D}", with: "")
    Benchmark("Cleanup.closingQuotes", configuration: zhTextBenchmarkConfiguration(mallocTolerance: 100)) { benchmark in
        let cleaner = Cleaner(options: .init(steps: [.closingQuotes]))
        benchmark.startMeasurement()
        let result = cleaner.clean(quotesDropped)
        benchmark.stopMeasurement()
        ExpectedResults.check(summary(result), target: target, benchmark: benchmark)
    }
    // Noisy text allocates per edit (each edit keeps its original text), about a quarter of a
    // million here; the tolerance is far below one more allocation per edit.
    Benchmark("Cleanup.noisy", configuration: zhTextBenchmarkConfiguration(mallocTolerance: 1_000)) { benchmark in
        let cleaner = Cleaner()
        benchmark.startMeasurement()
        let result = cleaner.clean(noisy)
        benchmark.stopMeasurement()
        ExpectedResults.check(summary(result), target: target, benchmark: benchmark)
    }
}

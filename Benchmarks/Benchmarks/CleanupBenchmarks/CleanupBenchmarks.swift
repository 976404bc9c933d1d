import Benchmark
import BenchmarkSupport
import Foundation
import ZhTextCleanup

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration(mallocLimit: 100_000)
    let clean = Corpus.text
    let megabytes = clean.utf8.count / 1_000_000

    // Noisy input: the seeds and the garbled fixture lines, repeated to about 2 MB.
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

    Benchmark("Cleanup_clean_corpus_\(megabytes)MB") { benchmark in
        let cleaner = Cleaner()
        benchmark.startMeasurement()
        blackHole(cleaner.clean(clean))
        benchmark.stopMeasurement()
    }

    Benchmark("Cleanup_noisy_seeds_and_mojibake_2MB",
              configuration: zhTextBenchmarkConfiguration(mallocLimit: 10_000_000)) { benchmark in
        let cleaner = Cleaner()
        benchmark.startMeasurement()
        blackHole(cleaner.clean(noisy))
        benchmark.stopMeasurement()
    }
}

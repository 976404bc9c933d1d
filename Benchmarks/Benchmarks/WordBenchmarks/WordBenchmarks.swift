import Benchmark
import BenchmarkSupport
import ZhTextWords

/// jieba-compatible word segmentation over the corpus in each mode. Each benchmark counts its
/// words and checks the count against the first iteration's, so a change that alters the
/// segmentation shows as a failure, not as a speed-up. The malloc gate is what "no allocation
/// per word" means: a few hundred allocations for millions of words.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration(mallocLimit: 1_000)
    let bytes = Corpus.bytes
    let modes: [(name: String, mode: WordSegmenter.Mode, usesHMM: Bool)] = [
        ("accurate", .accurate, true), ("accurate_no_hmm", .accurate, false),
        ("search", .search, true), ("full", .full, true),
    ]
    for (name, mode, usesHMM) in modes {
        let expected = ExpectedCount()
        Benchmark("Words_\(name)") { benchmark in
            let segmenter = try WordSegmenter(mode: mode, usesHMM: usesHMM)
            var count = 0
            benchmark.startMeasurement()
            bytes.withUnsafeBufferPointer { buffer in
                segmenter.forEachWord(inUTF8: buffer) { count &+= $0.utf8Range.count > 0 ? 1 : 0 }
            }
            benchmark.stopMeasurement()
            expected.check(count, name)
        }
    }

    // Building a segmenter once jieba's data is loaded: the per-segmenter table of weights.
    Benchmark("Words_construction", configuration: zhTextBenchmarkConfiguration(mallocLimit: 100)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try WordSegmenter()) }
    }

    // With the slogan lexicon as user words: suggested frequencies and a user automaton.
    Benchmark("Words_construction_keeping_slogans", configuration: zhTextBenchmarkConfiguration(mallocLimit: 10_000)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try WordSegmenter(keepsSlogans: true)) }
    }
}

/// The word count of a benchmark's first run, which every later run must repeat.
final class ExpectedCount: @unchecked Sendable {
    private var value: Int?
    func check(_ count: Int, _ name: String) {
        precondition(count > 0, "\(name): no words")
        if let value { precondition(value == count, "\(name): \(count) words, first run gave \(value)") }
        value = count
    }
}

import Benchmark
import BenchmarkSupport
import ZhTextWords

/// jieba-compatible word segmentation in each mode. The expected word counts are jieba 0.42.1's
/// on the same text, so a change that alters the segmentation fails instead of showing as a
/// speed-up. The malloc gate is what "no allocation per word" means: a few hundred allocations
/// for hundreds of thousands of words.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration()
    let target = "WordBenchmarks"
    let bytes = Corpus.bytes
    let modes: [(name: String, mode: WordSegmenter.Mode, usesHMM: Bool)] = [
        ("accurate", .accurate, true), ("accurateNoHMM", .accurate, false),
        ("search", .search, true), ("full", .full, true),
    ]
    for (name, mode, usesHMM) in modes {
        Benchmark("Words.\(name)") { benchmark in
            let segmenter = try WordSegmenter(mode: mode, usesHMM: usesHMM)
            var count = 0
            benchmark.startMeasurement()
            bytes.withUnsafeBufferPointer { buffer in
                segmenter.forEachWord(inUTF8: buffer) { count &+= $0.utf8Range.count > 0 ? 1 : 0 }
            }
            benchmark.stopMeasurement()
            ExpectedResults.check(count, target: target, benchmark: benchmark)
        }
    }

    // Building a segmenter once jieba's data is loaded: the per-segmenter table of weights.
    Benchmark("Words.construction") { benchmark in
        var words: [String] = []
        for _ in benchmark.scaledIterations {
            let segmenter = try WordSegmenter()
            words = segmenter.strings(in: "我来到北京清华大学")
        }
        ExpectedResults.check(words.joined(separator: "/"), target: target, benchmark: benchmark)
    }

    // With the slogan lexicon as user words: suggested frequencies and a user automaton.
    Benchmark("Words.constructionKeepingSlogans", configuration: zhTextBenchmarkConfiguration(mallocTolerance: 200)) { benchmark in
        var words: [String] = []
        for _ in benchmark.scaledIterations {
            let segmenter = try WordSegmenter(keepsSlogans: true)
            words = segmenter.strings(in: "坚持绿水青山就是金山银山理念")
        }
        ExpectedResults.check(words.joined(separator: "/"), target: target, benchmark: benchmark)
    }
}

import Benchmark
import BenchmarkSupport
import ZhTextSlogans

/// The load: the built-in lexicon plus 10,000 user terms (jieba's most frequent words, so
/// about 1.5 million slogans on the news corpus).
func matcherWithUserTerms() throws -> SloganMatcher {
    let user = SloganLexicon(entries: Corpus.lexicon.map { SloganLexicon.Entry(term: $0) })
    return try SloganMatcher(lexicon: user.merging(over: .builtIn))
}

let benchmarks: @Sendable () -> Void = {
    // Allocations come only from reported matches whose strings exceed the 15-byte inline size;
    // none per character or per candidate.
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration(mallocTolerance: 100)
    let target = "SloganBenchmarks"
    let bytes = Corpus.bytes

    Benchmark("Slogans.builtin") { benchmark in
        let matcher = try SloganMatcher()
        var count = 0
        benchmark.startMeasurement()
        bytes.withUnsafeBufferPointer { buffer in matcher.forEachMatch(inUTF8: buffer) { _ in count += 1 } }
        benchmark.stopMeasurement()
        ExpectedResults.check(count, target: target, benchmark: benchmark)
    }

    // Every structural candidate with its score (zhtext slogans --all-candidates): the same
    // scoring as the default, nothing dropped.
    Benchmark("Slogans.builtinAllCandidates") { benchmark in
        let matcher = try SloganMatcher(minimumConfidence: 0)
        var count = 0
        benchmark.startMeasurement()
        bytes.withUnsafeBufferPointer { buffer in matcher.forEachMatch(inUTF8: buffer) { _ in count += 1 } }
        benchmark.stopMeasurement()
        ExpectedResults.check(count, target: target, benchmark: benchmark)
    }

    Benchmark("Slogans.builtinPlusUserTerms") { benchmark in
        let matcher = try matcherWithUserTerms()
        var count = 0
        benchmark.startMeasurement()
        bytes.withUnsafeBufferPointer { buffer in matcher.forEachMatch(inUTF8: buffer) { _ in count += 1 } }
        benchmark.stopMeasurement()
        ExpectedResults.check(count, target: target, benchmark: benchmark)
    }

    // Counting (what `zhtext slogans --stats` does): the same slogans, no match values built.
    Benchmark("Slogans.countsBuiltinPlusUserTerms") { benchmark in
        let matcher = try matcherWithUserTerms()
        benchmark.startMeasurement()
        let counts = bytes.withUnsafeBufferPointer { matcher.canonicalCounts(inUTF8: $0) }
        benchmark.stopMeasurement()
        ExpectedResults.check("\(counts.count) slogans \(counts.values.reduce(0, +)) matches",
                              target: target, benchmark: benchmark)
    }
}

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
    // Allocations come only from reported matches whose strings exceed the 15-byte inline
    // size; none per character or per candidate. The limit is far below the input's size.
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration(mallocLimit: 100_000)
    let bytes = Corpus.bytes
    let megabytes = bytes.count / 1_000_000

    Benchmark("Slogans_builtin_corpus_\(megabytes)MB") { benchmark in
        let matcher = try SloganMatcher()
        var count = 0
        benchmark.startMeasurement()
        bytes.withUnsafeBufferPointer { buffer in matcher.forEachMatch(inUTF8: buffer) { _ in count += 1 } }
        benchmark.stopMeasurement()
        blackHole(count)
    }

    Benchmark("Slogans_builtin_plus_10k_user_terms_corpus_\(megabytes)MB",
              configuration: zhTextBenchmarkConfiguration(mallocLimit: 200_000)) { benchmark in
        let matcher = try matcherWithUserTerms()
        var count = 0
        benchmark.startMeasurement()
        bytes.withUnsafeBufferPointer { buffer in matcher.forEachMatch(inUTF8: buffer) { _ in count += 1 } }
        benchmark.stopMeasurement()
        blackHole(count)
    }

    // Counting (what `zhtext slogans --stats` does): the same slogans, no match values built.
    Benchmark("Slogans_counts_builtin_plus_10k_user_terms_corpus_\(megabytes)MB",
              configuration: zhTextBenchmarkConfiguration(mallocLimit: 200_000)) { benchmark in
        let matcher = try matcherWithUserTerms()
        benchmark.startMeasurement()
        let counts = bytes.withUnsafeBufferPointer { matcher.canonicalCounts(inUTF8: $0) }
        benchmark.stopMeasurement()
        blackHole(counts)
    }
}

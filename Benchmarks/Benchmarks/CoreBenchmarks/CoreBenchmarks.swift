import Benchmark
import BenchmarkSupport
import ZhTextCore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration()

    let bytes = Corpus.bytes
    let megabytes = bytes.count / 1_000_000

    Benchmark("Tokenizer_streaming_corpus_\(megabytes)MB") { benchmark in
        let tokenizer = Tokenizer()
        var count = 0
        benchmark.startMeasurement()
        bytes.withUnsafeBufferPointer { buffer in
            tokenizer.forEachToken(in: buffer) { token in count &+= token.utf8Range.count }
        }
        benchmark.stopMeasurement()
        blackHole(count)
    }

    Benchmark("Automaton_build_10k_terms",
              configuration: zhTextBenchmarkConfiguration(mallocLimit: 200)) { benchmark in
        let terms = Corpus.lexicon
        for _ in benchmark.scaledIterations {
            var builder = AutomatonBuilder(duplicateKeys: .keepFirst)
            for (i, term) in terms.enumerated() { builder.add(term, value: Int32(i)) }
            blackHole(try builder.build())
        }
    }

    for alphabet in [DictionaryAutomaton.Alphabet.bytes, .unicodeScalars] {
        var builder = AutomatonBuilder(duplicateKeys: .keepFirst, alphabet: alphabet)
        for (i, term) in Corpus.lexicon.enumerated() { builder.add(term, value: Int32(i)) }
        let automaton = try! builder.build()
        let name = alphabet == .bytes ? "bytes" : "scalars"

        Benchmark("Automaton_leftmost_longest_10k_terms_\(name)_corpus_\(megabytes)MB") { benchmark in
            var matches = 0
            benchmark.startMeasurement()
            bytes.withUnsafeBufferPointer { buffer in
                automaton.forEachLeftmostLongestMatch(in: buffer) { _ in matches &+= 1 }
            }
            benchmark.stopMeasurement()
            blackHole(matches)
        }
    }
}

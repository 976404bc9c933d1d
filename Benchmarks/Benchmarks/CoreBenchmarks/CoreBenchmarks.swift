import Benchmark
import BenchmarkSupport
import ZhTextCore

let benchmarks: @Sendable () -> Void = {
    // Tokenising and searching allocate nothing per token or match: the counts are a handful of
    // blocks for the benchmark's own bookkeeping.
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration()
    let target = "CoreBenchmarks"
    let bytes = Corpus.bytes

    Benchmark("Tokenizer.tokens") { benchmark in
        let tokenizer = Tokenizer()
        var count = 0
        benchmark.startMeasurement()
        bytes.withUnsafeBufferPointer { buffer in
            tokenizer.forEachToken(inUTF8: buffer) { _ in count &+= 1 }
        }
        benchmark.stopMeasurement()
        ExpectedResults.check(count, target: target, benchmark: benchmark)
    }

    Benchmark("Automaton.build", configuration: zhTextBenchmarkConfiguration(mallocTolerance: 50)) { benchmark in
        let terms = Corpus.lexicon
        var keyCount = 0
        for _ in benchmark.scaledIterations {
            var builder = AutomatonBuilder(duplicateKeys: .keepFirst)
            for (i, term) in terms.enumerated() { builder.add(term, value: Int32(i)) }
            let automaton = try builder.build()
            keyCount = automaton.keyCount
            blackHole(automaton)
        }
        ExpectedResults.check(keyCount, target: target, benchmark: benchmark)
    }

    for alphabet in [DictionaryAutomaton.Alphabet.bytes, .unicodeScalars] {
        var builder = AutomatonBuilder(duplicateKeys: .keepFirst, alphabet: alphabet)
        for (i, term) in Corpus.lexicon.enumerated() { builder.add(term, value: Int32(i)) }
        let automaton = try! builder.build()
        let name = alphabet == .bytes ? "bytes" : "scalars"

        Benchmark("Automaton.leftmostLongest.\(name)") { benchmark in
            var matches = 0
            benchmark.startMeasurement()
            bytes.withUnsafeBufferPointer { buffer in
                automaton.forEachLeftmostLongestMatch(in: buffer) { _ in matches &+= 1 }
            }
            benchmark.stopMeasurement()
            ExpectedResults.check(matches, target: target, benchmark: benchmark)
        }
    }
}

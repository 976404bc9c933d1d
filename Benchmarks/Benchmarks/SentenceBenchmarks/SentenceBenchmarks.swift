import Benchmark
import BenchmarkSupport
import ZhTextSentences

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration()
    let target = "SentenceBenchmarks"
    let bytes = Corpus.bytes

    Benchmark("Sentences.sentences") { benchmark in
        let segmenter = SentenceSegmenter()
        var count = 0
        benchmark.startMeasurement()
        bytes.withUnsafeBufferPointer { buffer in
            segmenter.forEachSentence(inUTF8: buffer) { _ in count &+= 1 }
        }
        benchmark.stopMeasurement()
        ExpectedResults.check(count, target: target, benchmark: benchmark)
    }

    // Clause ranges are an array per sentence that has clauses.
    Benchmark("Sentences.clauses", configuration: zhTextBenchmarkConfiguration(mallocTolerance: 200)) { benchmark in
        let segmenter = SentenceSegmenter(options: .init(splitsClauses: true))
        var sentences = 0
        var clauses = 0
        benchmark.startMeasurement()
        bytes.withUnsafeBufferPointer { buffer in
            segmenter.forEachSentence(inUTF8: buffer) { sentence in
                sentences &+= 1
                clauses &+= sentence.clauses.count
            }
        }
        benchmark.stopMeasurement()
        ExpectedResults.check("\(sentences) sentences \(clauses) clauses", target: target, benchmark: benchmark)
    }
}

import Benchmark
import BenchmarkSupport
import ZhTextSentences

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration()
    let bytes = Corpus.bytes
    let megabytes = bytes.count / 1_000_000

    Benchmark("Sentences_streaming_corpus_\(megabytes)MB") { benchmark in
        let segmenter = SentenceSegmenter()
        var count = 0
        benchmark.startMeasurement()
        bytes.withUnsafeBufferPointer { buffer in
            segmenter.forEachSentence(in: buffer) { count &+= $0.utf8Range.count }
        }
        benchmark.stopMeasurement()
        blackHole(count)
    }

    Benchmark("Sentences_with_clauses_corpus_\(megabytes)MB",
              configuration: zhTextBenchmarkConfiguration(mallocLimit: 1_000_000)) { benchmark in
        let segmenter = SentenceSegmenter(options: .init(splitsClauses: true))
        var count = 0
        benchmark.startMeasurement()
        bytes.withUnsafeBufferPointer { buffer in
            segmenter.forEachSentence(in: buffer) { count &+= $0.clauses.count }
        }
        benchmark.stopMeasurement()
        blackHole(count)
    }
}

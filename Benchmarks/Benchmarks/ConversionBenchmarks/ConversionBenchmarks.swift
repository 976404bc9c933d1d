import Benchmark
import BenchmarkSupport
import ZhTextConversion

let benchmarks: @Sendable () -> Void = {
    // A conversion allocates a constant few dozen to hundred blocks (output buffers, the stage
    // buffers of a chain, segment-end lists), whatever the input size.
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration(mallocLimit: 200)

    let simplified = Corpus.text
    let megabytes = simplified.utf8.count / 1_000_000
    let traditional = try! ScriptConverter(.s2t).convert(simplified)

    for (configuration, input) in [(ScriptConverter.Configuration.s2t, simplified), (.t2s, traditional),
                                   (.s2twp, simplified), (.tw2sp, traditional), (.s2hk, simplified)] {
        let converter = try! ScriptConverter(configuration)
        Benchmark("Convert_\(configuration.rawValue)_corpus_\(megabytes)MB") { benchmark in
            benchmark.startMeasurement()
            blackHole(converter.convert(input))
            benchmark.stopMeasurement()
        }
    }

    // One offset map per stage, composed once (232 allocations; 7.2 million when every segment
    // composed its own).
    Benchmark("Convert_s2twp_with_offsets_corpus_\(megabytes)MB",
              configuration: zhTextBenchmarkConfiguration(mallocLimit: 1_000)) { benchmark in
        let converter = try! ScriptConverter(.s2twp)
        benchmark.startMeasurement()
        blackHole(converter.convertWithOffsets(simplified))
        benchmark.stopMeasurement()
    }

    Benchmark("Converter_construction_all_configurations",
              configuration: zhTextBenchmarkConfiguration(mallocLimit: 2_000)) { benchmark in
        for configuration in ScriptConverter.Configuration.allCases {
            blackHole(try ScriptConverter(configuration))
        }
    }
}

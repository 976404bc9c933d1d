import Benchmark
import ZhTextConversion

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 20,
        // Wall clock is noisy on shared machines: the gate is the allocation count, which does
        // not grow with the input (no allocation per character or per match).
        thresholds: [.mallocCountTotal: .init(absolute: [.p90: 100])]
    )

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

    Benchmark("Convert_s2twp_with_offsets_corpus_\(megabytes)MB",
              configuration: .init(thresholds: [.mallocCountTotal: .init(absolute: [.p90: 5_000_000])])) { benchmark in
        let converter = try! ScriptConverter(.s2twp)
        benchmark.startMeasurement()
        blackHole(converter.convertWithOffsets(simplified))
        benchmark.stopMeasurement()
    }

    Benchmark("Converter_construction_all_configurations",
              configuration: .init(thresholds: [.mallocCountTotal: .init(absolute: [.p90: 2_000])])) { benchmark in
        for configuration in ScriptConverter.Configuration.allCases {
            blackHole(try ScriptConverter(configuration))
        }
    }
}
